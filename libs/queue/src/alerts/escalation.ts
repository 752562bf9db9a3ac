/**
 * Escalation levels for waits, lowest first. A line or a ticket is raised to the highest level it meets:
 * predicted to miss its target, over its target, over twice its target. Pure; times in ms.
 */
export const ALERT_LEVELS = ['predicted_over', 'over', 'over_twice'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export function levelRank(l: AlertLevel): number {
  return ALERT_LEVELS.indexOf(l);
}

/**
 * "Predicted over target" is raised when the forecast gives the ticket less than this chance of being
 * called within its target, i.e. more than 4 in 5 of going over: the precision the manager page's alerts
 * are held to (issue 15, 0.8). The expected wait passing the target, the rule before, meant about even
 * odds (a right-skewed wait's mean passes the target first), and half of those tickets were called in time.
 */
export const PREDICTED_OVER_BELOW = 0.2;

/** A waiting ticket: how long it has waited, and (when forecast) its chance of being called within its target. */
export function ticketLevel(waitedMs: number, targetMs: number, pWithinTarget?: number | null): AlertLevel | null {
  if (waitedMs > 2 * targetMs) return 'over_twice';
  if (waitedMs > targetMs) return 'over';
  if (pWithinTarget != null && pWithinTarget < PREDICTED_OVER_BELOW) return 'predicted_over';
  return null;
}

/**
 * A category's line, for the people joining it now: when the forecast gives a ticket taken now a fair
 * chance of being called within target, the line is not alerted, however long its oldest ticket has
 * waited (that ticket keeps its own alert, ticketLevel); otherwise it is predicted over target, or over
 * (twice) by its longest-waiting ticket. Without a forecast for the line (none yet, or nobody waiting),
 * by its oldest ticket alone.
 */
export function lineLevel(input: { oldestWaitMs: number | null; targetMs: number; joiningPWithinTarget?: number | null }): AlertLevel | null {
  const p = input.joiningPWithinTarget;
  if (p != null && p >= PREDICTED_OVER_BELOW) return null;
  const waited = input.oldestWaitMs ?? 0;
  if (waited > 2 * input.targetMs) return 'over_twice';
  if (waited > input.targetMs) return 'over';
  return p != null ? 'predicted_over' : null;
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
