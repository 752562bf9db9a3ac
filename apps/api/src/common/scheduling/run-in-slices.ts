import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Drives a generator (e.g. Forecaster.predictSteps) in slices of about `sliceMs`, giving the event loop
 * a turn between slices, so a long computation delays each request by one slice, not by all of it.
 * Returns the generator's result and the CPU time its slices used (not the requests served between).
 */
export async function runInSlices<T>(steps: Generator<void, T, void>, sliceMs: number): Promise<{ value: T; cpuMs: number }> {
  let cpuMs = 0;
  for (;;) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    let r = steps.next();
    while (!r.done && performance.now() - start < sliceMs) r = steps.next();
    const used = process.cpuUsage(cpu);
    cpuMs += (used.user + used.system) / 1000;
    if (r.done) return { value: r.value, cpuMs };
    await nextTurn();
  }
}
