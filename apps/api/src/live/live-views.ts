import type {
  CalledEvent, CitizenTicket, HallSnapshot, LiveHall, LiveLine, LiveWindow, PublicTicket, TicketSnapshot, WaitEstimate, WindowSnapshot,
} from '@hallq/contracts';
import { FINAL_STATUSES, type HallLine, type HallState, type TicketStatus, type TicketView } from '@hallq/queue';

/**
 * What the live gateway sends, typed by the wire contract (libs/contracts/src/live.ts) the pages read too.
 * Everything here is broadcast to screens and counters in a public hall, so no view carries a ticket's
 * tracking token: the token is the only key to a citizen's phone page.
 */
export type { CalledEvent, CitizenTicket, HallSnapshot, LiveHall, LiveLine, LiveWindow, PublicTicket, TicketSnapshot, WindowSnapshot };

/** How many waiting tickets a hall snapshot lists. */
export const HALL_SNAPSHOT_WAITING = 10;

export function publicTicket(t: TicketView): PublicTicket {
  return {
    number: t.number, category: t.category, priority: t.priority, status: t.status, issuedAt: t.issuedAt, calledAt: t.calledAt,
    windowId: t.windowId, windowLabel: t.windowLabel, targetWindowId: t.targetWindowId, recallCount: t.recallCount,
  };
}

export function liveLine(l: HallLine, waitNow: WaitEstimate | null): LiveLine {
  const c = l.category;
  return {
    category: { code: c.code, prefix: c.prefix, nameZh: c.nameZh, nameEn: c.nameEn, materials: c.materials, active: c.active, targetWaitSec: c.targetWaitSec },
    waiting: l.waiting, priorityWaiting: l.priorityWaiting, openWindows: l.openWindows, oldestIssuedAt: l.oldestIssuedAt, waitNow,
  };
}

export function hallSnapshot(seq: number, s: HallState, waitNow: (l: HallLine) => WaitEstimate | null): HallSnapshot {
  return {
    seq, scope: 'hall', hallId: s.hall.id, at: s.at, hall: s.hall,
    lines: s.lines.map((l) => liveLine(l, waitNow(l))),
    windows: s.windows.map((w) => ({
      id: w.id, label: w.label, state: w.state, pauseReason: w.pauseReason, categories: w.categories, current: w.current ? publicTicket(w.current) : null,
    })),
    recentCalls: s.recentCalls.map(publicTicket),
    nextWaiting: s.waiting.slice(0, HALL_SNAPSHOT_WAITING).map(publicTicket),
  };
}

/** A window's view, cut from its hall's snapshot and state: no extra query per window. */
export function windowSnapshot(h: HallSnapshot, raw: HallState, windowId: string): WindowSnapshot | null {
  const window = h.windows.find((w) => w.id === windowId);
  if (!window) return null;
  const lines = window.categories.map((code) => h.lines.find((l) => l.category.code === code)).filter((l): l is LiveLine => !!l);
  const waiting = raw.waiting
    .filter((t) => (t.targetWindowId ? t.targetWindowId === windowId : window.categories.includes(t.category)))
    .map(publicTicket);
  return { seq: h.seq, scope: 'window', hallId: h.hallId, at: h.at, hall: h.hall, window, lines, waiting };
}

/** Trailing digits of a ticket number: its per-category sequence, the tie-break for equal issue times. */
function seqOf(number: string): number {
  const m = /(\d+)$/.exec(number);
  return m ? Number(m[1]) : 0;
}

/**
 * People ahead of a waiting ticket, from the hall's waiting list in memory. Mirrors the database count in
 * libs/queue (TicketRepository.countAhead): same line (category, or the one window it was transferred
 * to), priority tickets first, then earlier issue. The live e2e test checks both agree.
 */
export function peopleAheadOf(t: TicketView, waiting: readonly TicketView[]): number {
  const earlier = (o: TicketView) => o.issuedAt < t.issuedAt || (o.issuedAt === t.issuedAt && seqOf(o.number) < seqOf(t.number));
  let n = 0;
  for (const o of waiting) {
    if (o.id === t.id || o.status !== 'waiting') continue;
    const sameLine = t.targetWindowId ? o.targetWindowId === t.targetWindowId : o.categoryId === t.categoryId && !o.targetWindowId;
    if (!sameLine) continue;
    if (t.priority === 'priority' ? o.priority === 'priority' && earlier(o) : o.priority === 'priority' || earlier(o)) n++;
  }
  return n;
}

export interface TicketFacts {
  ticket: TicketView;
  peopleAhead: number;
  hall: { id: string; name: string };
  category: { nameZh: string; nameEn: string };
  estimatedWait: WaitEstimate | null;
}

export function citizenTicket(f: TicketFacts): CitizenTicket {
  return {
    ...publicTicket(f.ticket), hallId: f.hall.id, hallName: f.hall.name, categoryNameZh: f.category.nameZh, categoryNameEn: f.category.nameEn,
    peopleAhead: f.ticket.status === 'waiting' ? f.peopleAhead : 0, estimatedWait: f.ticket.status === 'waiting' ? f.estimatedWait : null,
  };
}

export function isFinal(status: TicketStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
