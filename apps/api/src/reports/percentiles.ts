/** Summary of durations in milliseconds, reported in seconds (one decimal). */
export interface DurationStats {
  count: number;
  meanSec: number | null;
  p50Sec: number | null;
  p90Sec: number | null;
}

/**
 * Nearest-rank percentile: the smallest value with at least p% of the values at or below it. Always one
 * of the observed values, so a figure in a report can be traced to a ticket. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

export function durationStats(ms: readonly number[]): DurationStats {
  return { count: ms.length, meanSec: sec(mean(ms)), p50Sec: sec(percentile(ms, 50)), p90Sec: sec(percentile(ms, 90)) };
}

function sec(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 100) / 10;
}
