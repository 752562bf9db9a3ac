import { QueueError } from '@hallq/queue';
import { parseServiceDay } from '../common/validation/service-day';

/** The longest range one report covers: a quarter, so a request stays a bounded amount of work. */
export const MAX_REPORT_DAYS = 93;

/**
 * The service days from `from` to `to` inclusive ('YYYY-MM-DD'). Refuses (INVALID_INPUT, 400) a date
 * that does not exist or lies outside the service days the api takes (common/validation/service-day.ts),
 * from after to, and a range over MAX_REPORT_DAYS.
 */
export function dayRange(from: string, to: string, maxDays = MAX_REPORT_DAYS): string[] {
  const a = parseServiceDay(from, 'from');
  const b = parseServiceDay(to, 'to');
  if (a > b) throw new QueueError('INVALID_INPUT', { reason: 'RANGE_ORDER', from, to });
  if (b - a + 1 > maxDays) {
    throw new QueueError('INVALID_INPUT', { reason: 'RANGE_TOO_LONG', days: b - a + 1, from, to, maxDays });
  }
  const days: string[] = [];
  for (let d = a; d <= b; d++) days.push(new Date(d * 86_400_000).toISOString().slice(0, 10));
  return days;
}
