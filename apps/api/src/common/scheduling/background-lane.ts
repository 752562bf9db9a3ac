import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Share of the request thread that background work (a forecast refresh, an alert round) may take while
 * it runs. Given the thread back between slices at once (setImmediate), a long line's refresh and alert
 * round still took about half of it for the few hundred ms they last, and every request in flight then
 * took up to twice as long: the bench's slowest 1% (docs/benchmarks.md, finding 9). At a quarter those
 * requests take about a third longer, and the background work four times its CPU time in wall time.
 */
export const BACKGROUND_SHARE = 0.25;

/** How long to rest after running `ranMs` so that the running stays at `share` of the time. */
export function restAfter(ranMs: number, share = BACKGROUND_SHARE): number {
  return Math.max(1, (ranMs * (1 - share)) / share);
}

/** Paces one background job that gives the thread back now and then: each rest is in proportion to the run before it. */
export class BackgroundLane {
  private since = performance.now();

  constructor(private readonly share = BACKGROUND_SHARE) {}

  async rest(): Promise<void> {
    await sleep(restAfter(performance.now() - this.since, this.share));
    this.since = performance.now();
  }
}
