import { RATING_REASONS } from '@hallq/contracts';
import type { DayFigures, DayReport } from './day-report';

/** Excel reads a UTF-8 file as the local code page unless it starts with a byte-order mark; Chinese names need it. */
export const UTF8_BOM = '\uFEFF';

/**
 * The day report as CSV: one block per table (summary, categories, windows, clerks, arrivals, rating reasons),
 * each with a title row and a header row, a blank row between blocks; days first, then "total".
 * Headers are bilingual so the file reads in Excel without a legend.
 */
export function dayReportCsv(hall: { name: string; timeZone: string }, from: string, to: string, r: DayReport): string {
  const all = [...r.days, r.total];
  const rows: unknown[][] = [
    ['日报 Day report', hall.name, from, to, hall.timeZone],
    [],
    ['概况 Summary'],
    ['day', 'issued', 'served', 'no_shows', 'cancelled', 'unserved', 'open', 'transfers', 'transferred_over_twice',
      'wait_p50_sec', 'wait_p90_sec', 'service_mean_sec', 'service_p50_sec', 'service_p90_sec', 'ratings', 'rating_mean'],
    ...all.map((d) => [d.day, d.issued, d.served, d.noShows, d.cancelled, d.unserved, d.open, d.transfers, d.transferredMoreThanTwice,
      d.wait.p50Sec, d.wait.p90Sec, d.service.meanSec, d.service.p50Sec, d.service.p90Sec, d.ratings.count, d.ratings.mean]),
    [],
    ['按类别 Per category'],
    ['day', 'category', 'name_zh', 'issued', 'served', 'waited', 'wait_p50_sec', 'wait_p90_sec', 'service_mean_sec', 'service_p50_sec', 'service_p90_sec'],
    ...all.flatMap((d) => d.categories.map((c) => [d.day, c.category, c.nameZh, c.issued, c.served, c.wait.count, c.wait.p50Sec, c.wait.p90Sec,
      c.service.meanSec, c.service.p50Sec, c.service.p90Sec])),
    [],
    ['按窗口 Per window'],
    ['day', 'window', 'served', 'open_sec', 'busy_sec', 'idle_sec', 'utilization'],
    ...all.flatMap((d) => d.windows.map((w) => [d.day, w.window, w.served, w.openSec, w.busySec, w.idleSec, w.utilization])),
    [],
    ['按人员 Per clerk'],
    ['day', 'clerk', 'served', 'on_duty_sec', 'busy_sec', 'idle_sec', 'utilization'],
    ...all.flatMap((d) => d.clerks.map((c) => [d.day, c.clerk, c.served, c.onDutySec, c.busySec, c.idleSec, c.utilization])),
    [],
    ['每半小时到达 Arrivals per half hour'],
    ['day', 'slot', 'arrivals'],
    ...all.flatMap((d: DayFigures) => d.arrivals.map((a) => [d.day, a.slot, a.count])),
    [],
    ['差评原因 Rating reasons'],
    ['day', 'reason', 'count'],
    ...all.flatMap((d) => RATING_REASONS.map((why) => [d.day, why, d.ratings.reasons[why]])),
  ];
  return UTF8_BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so Excel never runs a name as a formula. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
