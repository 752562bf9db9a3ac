/**
 * Runs a stepped computation (a generator that pauses with `yield` so a server can run it in slices)
 * to its end in one go.
 */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
