/** Runs a stepped computation (the *Steps forms) to its end, counting its pauses, for tests. */
export function runCountingPauses<T>(steps: Generator<void, T, void>, between: () => void = () => undefined): { value: T; pauses: number } {
  let pauses = 0;
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return { value: r.value, pauses };
    pauses++;
    between();
  }
}
