/*
 * Today's line per category, rebuilt from the ticket log: pure, so a known day is checked by hand.
 * A ticket is in its issuing category's line from its issue until its first call, its cancellation or
 * the close-out (a transfer after a call puts it in another line again; that second wait is not drawn).
 */

export interface SeriesTicket {
  id: string;
  issuedCategoryId: string;
  issuedAt: number;
}

export interface SeriesEvent {
  ticketId: string | null;
  type: string;
  at: number;
}

export interface SeriesPoint {
  at: number;
  /** Tickets of the category in line at `at`. */
  waiting: number;
  /** Mean wait (issue to first call), seconds, of the tickets first called in the step ending at `at`; null when none. */
  waitSec: number | null;
  /** How many tickets that mean is over. */
  called: number;
}

const LEAVES = new Set(['called', 'cancelled', 'closed_out']);

/** Points at from, from + step, ... up to now, and at now itself. */
export function lineSeries(input: {
  from: number;
  now: number;
  stepMs: number;
  categoryIds: string[];
  tickets: SeriesTicket[];
  events: SeriesEvent[];
}): Map<string, SeriesPoint[]> {
  const { from, now, stepMs } = input;
  const left = new Map<string, number>();
  const firstCall = new Map<string, number>();
  for (const e of input.events) {
    if (!e.ticketId || !LEAVES.has(e.type)) continue;
    if (!left.has(e.ticketId) || e.at < left.get(e.ticketId)!) left.set(e.ticketId, e.at);
    if (e.type === 'called' && (!firstCall.has(e.ticketId) || e.at < firstCall.get(e.ticketId)!)) firstCall.set(e.ticketId, e.at);
  }
  const times: number[] = [];
  for (let t = from; t <= now; t += stepMs) times.push(t);
  if (now >= from && times[times.length - 1] !== now) times.push(now);
  const out = new Map<string, SeriesPoint[]>();
  for (const id of input.categoryIds) {
    const mine = input.tickets.filter((t) => t.issuedCategoryId === id);
    out.set(id, times.map((at, i) => {
      const since = i === 0 ? at - stepMs : times[i - 1];
      let waiting = 0;
      const waits: number[] = [];
      for (const t of mine) {
        const gone = left.get(t.id) ?? Infinity;
        if (t.issuedAt <= at && gone > at) waiting++;
        const c = firstCall.get(t.id);
        if (c !== undefined && c > since && c <= at) waits.push(c - t.issuedAt);
      }
      const waitSec = waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length / 1000) : null;
      return { at, waiting, waitSec, called: waits.length };
    }));
  }
  return out;
}
