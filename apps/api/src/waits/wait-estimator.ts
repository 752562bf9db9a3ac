import type { WaitEstimate } from '@hallq/contracts';

/** A wait estimate as the API shows it (the wire contract's). */
export type { WaitEstimate };

/**
 * STAND-IN used only until a hall's forecaster has loaded (the first request after a start): people
 * ahead divided among the open windows serving the category, times its default service time, +-40%.
 */
export function standInWait(peopleAhead: number, openWindows: number, defaultServiceSec: number): WaitEstimate | null {
  if (openWindows <= 0) return null;
  const expectedSec = Math.round(((peopleAhead + 1) / openWindows) * defaultServiceSec - defaultServiceSec / 2);
  const e = Math.max(0, expectedSec);
  return { expectedSec: e, lowSec: Math.round(e * 0.6), highSec: Math.round(e * 1.4), source: 'stand-in' };
}

/**
 * A forecast wait (ms: expected, p10, p90, P(within target)) made `elapsedMs` ago, as the API shows it
 * now: the wait has run down by that much; null for a wait that never ends (no window serves the line).
 */
export function forecastWait(
  p: { expectedWaitMs: number; p10WaitMs: number; p90WaitMs: number; pWithinTarget: number }, elapsedMs: number,
): WaitEstimate | null {
  if (!Number.isFinite(p.expectedWaitMs)) return null;
  const left = (ms: number) => Math.max(0, Math.round((ms - Math.max(0, elapsedMs)) / 1000));
  return {
    expectedSec: left(p.expectedWaitMs),
    lowSec: left(p.p10WaitMs),
    highSec: left(Number.isFinite(p.p90WaitMs) ? p.p90WaitMs : p.expectedWaitMs * 2),
    withinTargetProbability: Math.round(p.pWithinTarget * 100) / 100,
    source: 'forecast',
  };
}
