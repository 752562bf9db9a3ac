/**
 * STAND-IN wait estimate, used until libs/forecast is wired in: people ahead divided among the open
 * windows serving the category, times the category's default service time, with a fixed +-40% range.
 * It knows nothing of history, abandonment or shared windows; the forecaster replaces it.
 */
export interface WaitEstimate {
  /** Expected wait in seconds. */
  expectedSec: number;
  lowSec: number;
  highSec: number;
  /** Which estimator produced it: readers can tell a stand-in from a forecast. */
  source: 'stand-in' | 'forecast';
}

export function standInWait(peopleAhead: number, openWindows: number, defaultServiceSec: number): WaitEstimate | null {
  if (openWindows <= 0) return null;
  const expectedSec = Math.round(((peopleAhead + 1) / openWindows) * defaultServiceSec - defaultServiceSec / 2);
  const e = Math.max(0, expectedSec);
  return { expectedSec: e, lowSec: Math.round(e * 0.6), highSec: Math.round(e * 1.4), source: 'stand-in' };
}
