import { BackgroundLane, BACKGROUND_SHARE } from './background-lane';

/**
 * Drives a generator (e.g. Forecaster.predictSteps) in slices of about `sliceMs`, resting between
 * slices so that the computation takes at most `share` of the event loop while it runs: a long
 * computation delays each request by one slice, and the requests around it by a bounded share, not by
 * all of it. Returns the generator's result and the CPU time its slices used (not the requests served
 * between).
 */
export async function runInSlices<T>(steps: Generator<void, T, void>, sliceMs: number, share = BACKGROUND_SHARE): Promise<{ value: T; cpuMs: number }> {
  let cpuMs = 0;
  const lane = new BackgroundLane(share);
  for (;;) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    let r = steps.next();
    while (!r.done && performance.now() - start < sliceMs) r = steps.next();
    const used = process.cpuUsage(cpu);
    cpuMs += (used.user + used.system) / 1000;
    if (r.done) return { value: r.value, cpuMs };
    await lane.rest();
  }
}
