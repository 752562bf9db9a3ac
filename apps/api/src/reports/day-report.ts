import { summarizeRatings, type RatingSummary } from '../ratings/rating-summary';
import { busyIntervals, openIntervals, windowUsage, type Interval } from './intervals';
import { durationStats, type DurationStats } from './percentiles';
import { arrivalsPerHalfHour, localDayStart, nextDay, sumSlots } from './time-buckets';

/*
 * The day report, computed from rows alone: no database, no clock (`now` is an argument), so a known
 * day can be checked figure by figure. docs/reports.md says what each figure means.
 */

export interface ReportTicket {
  id: string;
  serviceDay: string;
  /** The category that issued the number: waits are counted there (a transfer comes after the first call). */
  issuedCategoryId: string;
  /** The category now: service times are counted where the ticket was finally served. */
  categoryId: string;
  status: string;
  windowId: string | null;
  issuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  transferCount: number;
}

export interface ReportEvent {
  ticketId: string | null;
  windowId: string | null;
  type: string;
  toStatus: string | null;
  at: number;
  /** The member of staff who made the change, when one did. */
  actor?: string | null;
}

export interface ReportInput {
  timeZone: string;
  days: string[];
  now: number;
  categories: { id: string; code: string; nameZh: string; nameEn: string }[];
  windows: { id: string; label: string }[];
  tickets: ReportTicket[];
  /** Ticket events (called ... closed_out) and window events (window.*) of the range. */
  events: ReportEvent[];
  ratings: { serviceDay: string; score: number; reasons: string[] }[];
}

export interface TicketCounts {
  issued: number;
  served: number;
  noShows: number;
  cancelled: number;
  unserved: number;
  /** Still waiting, called or in service (a day not over yet). */
  open: number;
  /** Transfers made (a ticket sent on twice counts twice). */
  transfers: number;
  /** Tickets passed on more than twice: friction between windows. */
  transferredMoreThanTwice: number;
}

export interface CategoryFigures {
  category: string;
  nameZh: string;
  nameEn: string;
  issued: number;
  served: number;
  /** Issue to first call, tickets issued in this category and called at all. */
  wait: DurationStats;
  /** Start to finish of served tickets, in the category they were served in. */
  service: DurationStats;
}

export interface WindowFigures {
  windowId: string;
  window: string;
  served: number;
  openSec: number;
  busySec: number;
  idleSec: number;
  /** busy share of open time, 0-1 (three decimals); null when the window never opened. */
  utilization: number | null;
}

/**
 * One member of staff's day at the windows, from the changes they made: on duty from their first to their
 * last action of the day, busy from start to finish of each ticket they finished.
 */
export interface ClerkFigures {
  clerk: string;
  served: number;
  onDutySec: number;
  busySec: number;
  idleSec: number;
  /** busy share of the time on duty, 0-1 (three decimals); null with no time on duty. */
  utilization: number | null;
}

export interface DayFigures extends TicketCounts {
  /** 'YYYY-MM-DD', or 'total' for the whole range. */
  day: string;
  wait: DurationStats;
  service: DurationStats;
  categories: CategoryFigures[];
  windows: WindowFigures[];
  clerks: ClerkFigures[];
  arrivals: { slot: string; count: number }[];
  ratings: RatingSummary;
}

export interface DayReport {
  days: DayFigures[];
  total: DayFigures;
}

export function buildDayReport(input: ReportInput): DayReport {
  const firstCall = firstCalls(input.events);
  const rangeEnd = localDayStart(nextDay(input.days[input.days.length - 1]), input.timeZone);
  const until = Math.min(input.now, rangeEnd);
  const usage = windowIntervals(input, until);

  const figures = (day: string, tickets: ReportTicket[], ratings: ReportInput['ratings'], spans: Interval[]): Omit<DayFigures, 'arrivals' | 'clerks'> => {
    const waits = (ts: ReportTicket[]) => durationStats(ts.flatMap((t) => (firstCall.has(t.id) ? [firstCall.get(t.id)! - t.issuedAt] : [])));
    const services = (ts: ReportTicket[]) =>
      durationStats(ts.flatMap((t) => (t.status === 'done' && t.startedAt !== null && t.finishedAt !== null ? [t.finishedAt - t.startedAt] : [])));
    const served = tickets.filter((t) => t.status === 'done');
    return {
      day,
      ...counts(tickets),
      wait: waits(tickets),
      service: services(served),
      categories: input.categories.map((c) => ({
        category: c.code, nameZh: c.nameZh, nameEn: c.nameEn,
        issued: tickets.filter((t) => t.issuedCategoryId === c.id).length,
        served: served.filter((t) => t.categoryId === c.id).length,
        wait: waits(tickets.filter((t) => t.issuedCategoryId === c.id)),
        service: services(served.filter((t) => t.categoryId === c.id)),
      })),
      windows: input.windows.map((w) => {
        const u = usage.get(w.id)!;
        const sum = { openMs: 0, busyMs: 0, idleMs: 0 };
        for (const s of spans) {
          const x = windowUsage(u.open, u.busy, s.start, s.end);
          sum.openMs += x.openMs;
          sum.busyMs += x.busyMs;
          sum.idleMs += x.idleMs;
        }
        return {
          windowId: w.id, window: w.label, served: served.filter((t) => t.windowId === w.id).length,
          openSec: sec(sum.openMs), busySec: sec(sum.busyMs), idleSec: sec(sum.idleMs),
          utilization: sum.openMs > 0 ? Math.round(((sum.openMs - sum.idleMs) / sum.openMs) * 1000) / 1000 : null,
        };
      }),
      ratings: summarizeRatings(ratings),
    };
  };

  const byId = new Map(input.tickets.map((t) => [t.id, t]));
  const days = input.days.map((day) => {
    const tickets = input.tickets.filter((t) => t.serviceDay === day);
    const start = localDayStart(day, input.timeZone);
    const span = { start, end: Math.min(localDayStart(nextDay(day), input.timeZone), until) };
    return {
      ...figures(day, tickets, input.ratings.filter((r) => r.serviceDay === day), span.end > span.start ? [span] : []),
      clerks: clerkFigures(input.events.filter((e) => e.at >= span.start && e.at < span.end), byId),
      arrivals: arrivalsPerHalfHour(tickets.map((t) => t.issuedAt), input.timeZone),
    };
  });
  const rangeStart = localDayStart(input.days[0], input.timeZone);
  const total = {
    ...figures(
      'total', input.tickets.filter((t) => input.days.includes(t.serviceDay)), input.ratings,
      until > rangeStart ? [{ start: rangeStart, end: until }] : [],
    ),
    clerks: sumClerks(days.flatMap((d) => d.clerks)),
    arrivals: sumSlots(days.map((d) => d.arrivals)),
  };
  return { days, total };
}

function clerkFigures(events: ReportEvent[], tickets: Map<string, ReportTicket>): ClerkFigures[] {
  const by = new Map<string, { first: number; last: number; served: number; busyMs: number }>();
  for (const e of events) {
    if (!e.actor) continue;
    const c = by.get(e.actor) ?? { first: e.at, last: e.at, served: 0, busyMs: 0 };
    c.first = Math.min(c.first, e.at);
    c.last = Math.max(c.last, e.at);
    const t = e.type === 'finished' && e.ticketId ? tickets.get(e.ticketId) : undefined;
    if (t && t.startedAt !== null) {
      c.served++;
      c.busyMs += e.at - t.startedAt;
      c.first = Math.min(c.first, t.startedAt);
    }
    by.set(e.actor, c);
  }
  return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([clerk, c]) => clerkRow(clerk, c.served, c.last - c.first, c.busyMs));
}

function sumClerks(rows: ClerkFigures[]): ClerkFigures[] {
  const by = new Map<string, { served: number; onDutyMs: number; busyMs: number }>();
  for (const r of rows) {
    const c = by.get(r.clerk) ?? { served: 0, onDutyMs: 0, busyMs: 0 };
    c.served += r.served;
    c.onDutyMs += r.onDutySec * 1000;
    c.busyMs += r.busySec * 1000;
    by.set(r.clerk, c);
  }
  return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([clerk, c]) => clerkRow(clerk, c.served, c.onDutyMs, c.busyMs));
}

function clerkRow(clerk: string, served: number, onDutyMs: number, busyMs: number): ClerkFigures {
  const busy = Math.min(busyMs, onDutyMs);
  return {
    clerk, served, onDutySec: sec(onDutyMs), busySec: sec(busy), idleSec: sec(onDutyMs - busy),
    utilization: onDutyMs > 0 ? Math.round((busy / onDutyMs) * 1000) / 1000 : null,
  };
}

function counts(tickets: ReportTicket[]): TicketCounts {
  const n = (s: string) => tickets.filter((t) => t.status === s).length;
  return {
    issued: tickets.length,
    served: n('done'),
    noShows: n('no_show'),
    cancelled: n('cancelled'),
    unserved: n('unserved'),
    open: n('waiting') + n('called') + n('serving'),
    transfers: tickets.reduce((s, t) => s + t.transferCount, 0),
    transferredMoreThanTwice: tickets.filter((t) => t.transferCount > 2).length,
  };
}

/** The first call of each ticket: the end of its wait (a recall or a transfer does not restart it). */
function firstCalls(events: ReportEvent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'called' || !e.ticketId) continue;
    const seen = m.get(e.ticketId);
    if (seen === undefined || e.at < seen) m.set(e.ticketId, e.at);
  }
  return m;
}

function windowIntervals(input: ReportInput, until: number): Map<string, { open: Interval[]; busy: Interval[] }> {
  const out = new Map<string, { open: Interval[]; busy: Interval[] }>();
  for (const w of input.windows) {
    const mine = input.events.filter((e) => e.windowId === w.id);
    out.set(w.id, {
      open: openIntervals(mine.filter((e) => e.type.startsWith('window.')), until),
      busy: busyIntervals(mine.flatMap((e) => (e.ticketId ? [{ at: e.at, ticketId: e.ticketId, type: e.type }] : [])), until),
    });
  }
  return out;
}

function sec(ms: number): number {
  return Math.round(ms / 100) / 10;
}
