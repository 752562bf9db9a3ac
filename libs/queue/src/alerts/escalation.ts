/**
 * Escalation levels for waits, lowest first. A line or a ticket is raised to the highest level it meets:
 * predicted to miss its target, over its target, over twice its target. Pure; times in ms.
 */
export const ALERT_LEVELS = ['predicted_over', 'over', 'over_twice'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export function levelRank(l: AlertLevel): number {
  return ALERT_LEVELS.indexOf(l);
}

/** A waiting ticket: how long it has waited, and (when known) how long it is expected to wait in all. */
export function ticketLevel(waitedMs: number, targetMs: number, predictedTotalMs?: number | null): AlertLevel | null {
  if (waitedMs > 2 * targetMs) return 'over_twice';
  if (waitedMs > targetMs) return 'over';
  if (predictedTotalMs != null && predictedTotalMs > targetMs) return 'predicted_over';
  return null;
}

/**
 * A category's line: by its longest-waiting ticket, and by the forecast wait of a ticket taken now
 * (predicted over target when that expected wait passes the target).
 */
export function lineLevel(input: { oldestWaitMs: number | null; targetMs: number; predictedWaitMs?: number | null }): AlertLevel | null {
  const waited = input.oldestWaitMs ?? 0;
  if (waited > 2 * input.targetMs) return 'over_twice';
  if (waited > input.targetMs) return 'over';
  if (input.predictedWaitMs != null && input.predictedWaitMs > input.targetMs) return 'predicted_over';
  return null;
}

/** Passed back and forth: more than this many transfers flags the ticket. */
export const MAX_TRANSFERS = 2;

/**
 * How long after a change a hall's alerts are looked at again. An evaluation walks every waiting ticket
 * (and may raise or clear an alert for each), so a line waits one more `delayMs` per `ticketsPerDelay`
 * tickets, up to `roundMs` (the regular round covers it then): a hall of a few hundred is looked at
 * `delayMs` after each change, a line of many thousands by the round only, and the share of the event
 * loop spent on alerts stays bounded instead of growing with the line. Never sooner than `delayMs`.
 */
export function alertDelayAfterChange(delayMs: number, waiting: number, roundMs: number, ticketsPerDelay = 1000): number {
  const paced = delayMs * Math.max(1, Math.ceil(waiting / ticketsPerDelay));
  return Math.max(delayMs, Math.min(roundMs, paced));
}
