/**
 * The next hour of a category's line, as a fluid model: each step the line gains the forecast arrivals
 * and loses what its open windows serve (windows / mean service time), never below zero. The wait for a
 * ticket taken at each step starts from the forecaster's own estimate now and moves with the line by one
 * mean service per window for each person more or fewer. Good for "where is this going" on a chart; the
 * per-ticket waits come from the queue-length predictors and the Monte Carlo, not from this.
 */
export interface LineProjectionInput {
  now: number;
  stepMs: number;
  /** Forecast arrival rate per hour for each step from now (its length is the number of steps). */
  arrivalsPerHour: readonly number[];
  waiting: number;
  /** Open windows serving the category (shared windows count fully, as in the live view). */
  windows: number;
  meanServiceMs: number;
  /** The forecaster's expected wait for a ticket taken now, ms; null when no window serves the line. */
  expectedWaitNowMs: number | null;
}

export interface LinePoint {
  at: number;
  /** Expected line length at `at` (one decimal). */
  waiting: number;
  /** Expected wait for a ticket taken at `at`, ms; null when no window serves the line. */
  waitMs: number | null;
}

export function projectLine(input: LineProjectionInput): LinePoint[] {
  const { now, stepMs, waiting, windows, meanServiceMs, expectedWaitNowMs } = input;
  const servedPerMs = windows > 0 && meanServiceMs > 0 ? windows / meanServiceMs : 0;
  const perPersonMs = windows > 0 ? meanServiceMs / windows : Infinity;
  const wait = (line: number) =>
    expectedWaitNowMs === null || !Number.isFinite(expectedWaitNowMs) || windows <= 0
      ? null
      : Math.max(0, Math.round(expectedWaitNowMs + (line - waiting) * perPersonMs));
  const out: LinePoint[] = [{ at: now, waiting, waitMs: wait(waiting) }];
  let line = waiting;
  input.arrivalsPerHour.forEach((rate, i) => {
    const arrivals = (Number.isFinite(rate) && rate > 0 ? rate : 0) * (stepMs / 3_600_000);
    line = Math.max(0, line + arrivals - servedPerMs * stepMs);
    out.push({ at: now + (i + 1) * stepMs, waiting: Math.round(line * 10) / 10, waitMs: wait(line) });
  });
  return out;
}
