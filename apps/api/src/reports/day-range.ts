import { QueueError } from '@hallq/queue';

/** The longest range one report covers: a quarter, so a request stays a bounded amount of work. */
export const MAX_REPORT_DAYS = 93;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The service days from `from` to `to` inclusive ('YYYY-MM-DD'). Refuses (INVALID_INPUT, 400) a date
 * that does not exist, from after to, and a range over MAX_REPORT_DAYS.
 */
export function dayRange(from: string, to: string, maxDays = MAX_REPORT_DAYS): string[] {
  const a = dayNumber(from, 'from');
  const b = dayNumber(to, 'to');
  if (a > b) throw new QueueError('INVALID_INPUT', { reason: 'RANGE_ORDER', from, to });
  if (b - a + 1 > maxDays) {
    throw new QueueError('INVALID_INPUT', { reason: 'RANGE_TOO_LONG', days: b - a + 1, from, to, maxDays });
  }
  const days: string[] = [];
  for (let d = a; d <= b; d++) days.push(new Date(d * 86_400_000).toISOString().slice(0, 10));
  return days;
}

/** Days since 1970-01-01 for a real calendar date, or a 400 naming the field. */
function dayNumber(s: string, field: string): number {
  const m = DAY.exec(s ?? '');
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== s) {
    throw new QueueError('INVALID_INPUT', { reason: 'DATE_FORMAT', field, value: `"${s ?? ''}"`, [field]: s ?? null });
  }
  return ms / 86_400_000;
}
