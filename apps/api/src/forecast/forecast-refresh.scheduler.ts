import { Injectable, Logger } from '@nestjs/common';
import { DEFAULT_MAX_PRIORITY_STREAK, QueueService } from '@hallq/queue';
import { runInSlices } from '../common/scheduling/run-in-slices';
import { hallSnapshotOf } from './forecast-events';
import type { HallForecast, Predictions } from './hall-forecast.types';

/** Predictions for a hall are recomputed at most this often, however busy it is. */
const REFRESH_MS = 500;
/** ...and at most this share (1/40) of the event loop's time: a refresh of a very long line (20 ms at
 * 15,000 tickets) holds the loop, and every request waiting behind it feels it. */
const REFRESH_COST_FACTOR = 40;
/**
 * A quiet hall's forecast is made once more on a shared moment: the first whole SETTLE_GRID_MS at least
 * SETTLE_AFTER_MS after its last change's own time (the same on every instance). Paced refreshes fall on
 * each instance's own moments (the pace follows its own CPU cost, and a GC pause during one refresh is
 * enough to move the next), and the Monte Carlo of the same line read at different moments differs by
 * seconds; after this one every instance serves the forecast made from the same state at the same time.
 */
const SETTLE_AFTER_MS = 2000;
const SETTLE_GRID_MS = 1000;
/** A prediction holds the event loop at most about this long at a time (runInSlices). */
const SLICE_MS = 4;

/**
 * When a hall's predictions are recomputed: paced after changes (REFRESH_MS, or slower when a refresh
 * costs much CPU), once more on a shared moment when the hall goes quiet (settle), and on demand. A
 * refresh reads the hall's line and runs the forecaster in slices, so it never holds the event loop long.
 */
@Injectable()
export class ForecastRefreshScheduler {
  private readonly logger = new Logger(ForecastRefreshScheduler.name);

  constructor(private readonly queue: QueueService) {}

  /** A change the hall's forecaster has just learnt: a paced refresh, and the settle refresh after it. */
  changed(h: HallForecast, changedAt: number): void {
    this.scheduleRefresh(h);
    this.scheduleSettle(h, changedAt);
  }

  /**
   * Resolves once the predictions include every change this instance has seen: at once when nothing
   * changed since the last refresh, else after the refresh already scheduled for the change (within its
   * paced interval). For the alert rounds and the manager's board, which forcing a refresh of their own
   * made run twice as often as the pacing allows (a long line's refresh holds the event loop).
   */
  async upToDate(h: HallForecast): Promise<void> {
    if (h.timer) return new Promise<void>((resolve) => h.waiters.push(resolve));
    if (h.refreshing) return h.refreshing.catch(() => undefined);
    if (!h.predictions) await this.refresh(h);
  }

  /** Stops the hall's timers and lets its waiting readers go (shutdown). */
  stop(h: HallForecast): void {
    if (h.timer) clearTimeout(h.timer);
    if (h.settle) clearTimeout(h.settle);
    h.waiters.splice(0).forEach((w) => w());
  }

  private scheduleRefresh(h: HallForecast): void {
    if (h.timer) return;
    const now = Date.now();
    const earliest = Math.max(now, h.lastRefresh + Math.max(REFRESH_MS, REFRESH_COST_FACTOR * h.lastCost));
    // On a wall-clock grid: instances behind one load balancer, fed the same changes, then refresh at
    // the same moments and serve the same forecast (made from one state at one time). Refreshing at
    // their own moments they differed by the service time that went by in between, and kept differing
    // while the hall stayed quiet.
    const wait = Math.ceil(earliest / REFRESH_MS) * REFRESH_MS - now;
    h.timer = setTimeout(() => {
      h.timer = null;
      this.refreshForWaiters(h);
    }, wait);
    h.timer.unref?.();
  }

  private scheduleSettle(h: HallForecast, changedAt: number): void {
    if (h.settle) clearTimeout(h.settle);
    const now = Date.now();
    // The change's own time when it is the real clock's (a test's fake clock is not).
    const base = Math.abs(changedAt - now) < 60_000 ? changedAt : now;
    const at = Math.ceil((base + SETTLE_AFTER_MS) / SETTLE_GRID_MS) * SETTLE_GRID_MS;
    h.settle = setTimeout(() => {
      h.settle = null;
      // A paced refresh still to come (a slow instance's) would replace this one at its own moment: this
      // refresh covers the same changes, so it takes that one's place and its waiters.
      if (h.timer) {
        clearTimeout(h.timer);
        h.timer = null;
      }
      this.refreshForWaiters(h);
    }, Math.max(0, at - now));
    h.settle.unref?.();
  }

  /**
   * A scheduled refresh: a refresh still running read the hall before the changes that scheduled this
   * one, so this one runs after it; the readers waiting so far (upToDate) are let go when it ends.
   */
  private refreshForWaiters(h: HallForecast): void {
    const waiters = h.waiters.splice(0);
    const run = h.refreshing ? h.refreshing.catch(() => undefined).then(() => this.refresh(h)) : this.refresh(h);
    run
      .catch((e) => this.logger.warn(`Forecast refresh failed: ${(e as Error).message}`))
      .finally(() => waiters.forEach((w) => w()));
  }

  /** Recomputes the hall's predictions from its line now (one at a time per hall). */
  refresh(h: HallForecast): Promise<void> {
    if (h.refreshing) return h.refreshing;
    h.refreshing = (async () => {
      try {
        h.lastRefresh = Date.now();
        const state = await this.queue.hallLineState(h.hallId);
        // In slices (a Monte Carlo of 2,000 waiting, or the per-ticket pass over 10,000, took 50-135 ms in
        // one piece, and every request waiting behind it felt all of it), resting between them so that they
        // take at most a quarter of the loop (BACKGROUND_SHARE); their CPU time paces the next refresh.
        const forecaster = h.forecaster;
        const { value, cpuMs } = await runInSlices((function* (): Generator<void, Predictions, void> {
          const p = yield* forecaster.predictSteps(hallSnapshotOf(state, DEFAULT_MAX_PRIORITY_STREAK), state.at);
          return {
            at: state.at,
            state,
            tickets: new Map(p.tickets.map((t) => [t.ticketId, t])),
            categories: new Map(p.categories.map((c) => [c.categoryId, c])),
            windows: p.windows,
          };
        })(), SLICE_MS);
        h.predictions = value;
        h.lastCost = cpuMs;
      } finally {
        h.refreshing = null;
      }
    })();
    return h.refreshing;
  }
}
