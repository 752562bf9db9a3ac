import type { CategoryPrediction, Forecaster, TicketPrediction, WindowPrediction } from '@hallq/forecast';
import type { HallLineState } from '@hallq/queue';

/** A whole-hall prediction, made from the hall as read at `at`. */
export interface Predictions {
  at: number;
  /** The hall as read for these predictions (its line in brief). */
  state: HallLineState;
  tickets: Map<string, TicketPrediction>;
  categories: Map<string, CategoryPrediction>;
  windows: WindowPrediction[];
}

/**
 * One hall's forecaster and its refresh state. Held by HallForecastRegistry, refreshed by
 * ForecastRefreshScheduler; it never leaves apps/api/src/forecast (readers get a HallForecastSnapshot).
 */
export interface HallForecast {
  hallId: string;
  forecaster: Forecaster;
  predictions: Predictions | null;
  timer: NodeJS.Timeout | null;
  lastRefresh: number;
  /**
   * CPU time of the last prediction, ms: a huge line refreshes less often (REFRESH_COST_FACTOR). CPU,
   * not wall time: waiting on the database or for a busy core costs this process nothing, and counting it
   * paced even a short line's refresh out to tens of seconds on a loaded machine.
   */
  lastCost: number;
  refreshing: Promise<void> | null;
  /** Readers waiting for the scheduled refresh (see upToDate). */
  waiters: (() => void)[];
  /** The refresh on the shared moment after the last change (SETTLE_AFTER_MS). */
  settle: NodeJS.Timeout | null;
}
