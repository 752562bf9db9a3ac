import { levelRank, type AlertLevel } from './escalation';
import { alertKey } from './wanted-alerts';

type Level = AlertLevel | 'ping_pong';

/** Orders alert levels; a ping-pong flag has one level only. */
export function alertRank(l: Level): number {
  return l === 'ping_pong' ? 0 : levelRank(l);
}

/** What to do to bring a hall's open alerts in line with the ones its state wants. */
export interface AlertSteps<O, W> {
  /** Open alerts wanted at a higher level: raised to it in place (the acknowledgement is cleared). */
  escalate: { alert: O; to: W }[];
  /** Open alerts no longer wanted. */
  clear: O[];
  /** Wanted alerts with none open. */
  raise: W[];
}

/**
 * Reconciles open alerts with wanted ones (by alertKey): a wanted alert with none open is raised; an open
 * one no longer wanted is cleared; one wanted higher is escalated; one wanted at the same or a lower level
 * stays as it is (an alert does not step down: it clears when the condition ends). Keeps the order of
 * `open` for escalations and clears, and of `wanted` for raises.
 */
export function reconcileAlerts<O extends { scope: string; subjectId: string; level: Level }, W extends { level: Level }>(
  open: readonly O[],
  wanted: ReadonlyMap<string, W>,
): AlertSteps<O, W> {
  const steps: AlertSteps<O, W> = { escalate: [], clear: [], raise: [] };
  const seen = new Set<string>();
  for (const a of open) {
    const key = alertKey(a);
    seen.add(key);
    const w = wanted.get(key);
    if (!w) steps.clear.push(a);
    else if (alertRank(w.level) > alertRank(a.level)) steps.escalate.push({ alert: a, to: w });
  }
  for (const [key, w] of wanted) if (!seen.has(key)) steps.raise.push(w);
  return steps;
}
