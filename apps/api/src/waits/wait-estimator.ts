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
