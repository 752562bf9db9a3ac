/** What the forecaster answers. Waits are remaining waits from `now`, in ms; times are epoch ms. */
export type PredictionMethod = 'ql_m' | 'monte_carlo';

export interface TicketPrediction {
  ticketId: string;
  categoryId: string;
  /** Tickets expected to be called before this one. */
  ahead: number;
  /** Expected remaining wait until called, ms. */
  expectedWaitMs: number;
  /** 10th and 90th percentiles of the remaining wait, ms. */
  p10WaitMs: number;
  p90WaitMs: number;
  /** now + expectedWaitMs. */
  expectedCallAt: number;
  /** Probability of being called by issuedAt + the category's target wait (0 once past it). */
  pWithinTarget: number;
  method: PredictionMethod;
}

/** A predicted wait: expected, 10th and 90th percentiles, ms, and P(called within target). */
export interface WaitSummary {
  expectedWaitMs: number;
  p10WaitMs: number;
  p90WaitMs: number;
  pWithinTarget: number;
}

export interface CategoryPrediction {
  categoryId: string;
  /** Tickets waiting in the category now. */
  waiting: number;
  /** Open windows whose profile includes the category. */
  openWindows: number;
  /** For a normal ticket taken now: expected wait and range, ms, and P(called within target). */
  expectedWaitMs: number;
  p10WaitMs: number;
  p90WaitMs: number;
  pWithinTarget: number;
  /**
   * The same for a priority ticket taken now, which goes ahead of the normal tickets (the line's wait
   * above is a normal ticket's). Optional for stand-in predictions; the forecaster always gives it.
   */
  priorityTicket?: WaitSummary;
  /** Forecast arrivals per hour now, and expected arrivals over the next hour. */
  arrivalsPerHour: number;
  arrivalsNextHour: number;
  /** Fitted mean service time, ms. */
  meanServiceMs: number;
  method: PredictionMethod;
}

export interface WindowPrediction {
  windowId: string;
  state: 'open' | 'paused' | 'closed';
  /** Tickets this window may call now (its categories plus tickets transferred to it). */
  callable: number;
  /** When it is expected to call its next ticket (now if free with a line); null if closed or no line. */
  nextCallAt: number | null;
  /** Expected wait of a ticket taken now for the line it serves (its first category), ms. */
  lineWaitMs: number;
}
