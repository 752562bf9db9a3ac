/** Half-open time interval [start, end) in epoch ms. */
export interface Interval {
  start: number;
  end: number;
}

/** A window's state changes: every window event carries the state it leaves the window in. */
export interface WindowStateChange {
  at: number;
  toStatus: string | null;
}

/** A ticket event at a window, as the log stores it. */
export interface WindowTicketEvent {
  at: number;
  ticketId: string;
  type: string;
}

/** Events that take a ticket away from the window holding it. */
const RELEASES = new Set(['finished', 'no_show', 'transferred', 'cancelled', 'closed_out']);

/** When the window was open, from its events in time order; an open window at the end stays open until `until`. */
export function openIntervals(changes: readonly WindowStateChange[], until: number): Interval[] {
  const out: Interval[] = [];
  let openSince: number | null = null;
  for (const c of [...changes].sort((a, b) => a.at - b.at)) {
    if (c.toStatus === 'open' && openSince === null) openSince = c.at;
    else if (c.toStatus !== 'open' && c.toStatus !== null && openSince !== null) {
      out.push({ start: openSince, end: c.at });
      openSince = null;
    }
  }
  if (openSince !== null && until > openSince) out.push({ start: openSince, end: until });
  return merge(out);
}

/**
 * When the window held a ticket: from its call until it was finished, marked no-show, transferred,
 * cancelled or closed out. A ticket still held at the end counts until `until`.
 */
export function busyIntervals(events: readonly WindowTicketEvent[], until: number): Interval[] {
  const out: Interval[] = [];
  const held = new Map<string, number>();
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    if (e.type === 'called' && !held.has(e.ticketId)) held.set(e.ticketId, e.at);
    else if (RELEASES.has(e.type) && held.has(e.ticketId)) {
      out.push({ start: held.get(e.ticketId)!, end: e.at });
      held.delete(e.ticketId);
    }
  }
  for (const start of held.values()) if (until > start) out.push({ start, end: until });
  return merge(out);
}

/** Sorted, non-overlapping, empty intervals dropped. */
export function merge(xs: readonly Interval[]): Interval[] {
  const sorted = xs.filter((x) => x.end > x.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else out.push({ ...x });
  }
  return out;
}

export function clip(xs: readonly Interval[], from: number, to: number): Interval[] {
  return merge(xs.map((x) => ({ start: Math.max(x.start, from), end: Math.min(x.end, to) })));
}

export function totalMs(xs: readonly Interval[]): number {
  return merge(xs).reduce((s, x) => s + (x.end - x.start), 0);
}

/** Length of the part of `a` not covered by `b`. */
export function uncoveredMs(a: readonly Interval[], b: readonly Interval[]): number {
  const bb = merge(b);
  let left = 0;
  for (const x of merge(a)) {
    let covered = 0;
    for (const y of bb) covered += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    left += x.end - x.start - covered;
  }
  return left;
}

export interface WindowUsage {
  openMs: number;
  /** Time holding a ticket, open or not (a clerk may pause while finishing a case). */
  busyMs: number;
  /** Open without a ticket. */
  idleMs: number;
  /** Share of open time spent holding a ticket; null when the window was never open. */
  utilization: number | null;
}

/** Open, busy and idle time of one window between from and to. */
export function windowUsage(open: readonly Interval[], busy: readonly Interval[], from: number, to: number): WindowUsage {
  const o = clip(open, from, to);
  const b = clip(busy, from, to);
  const openMs = totalMs(o);
  const idleMs = uncoveredMs(o, b);
  return { openMs, busyMs: totalMs(b), idleMs, utilization: openMs > 0 ? (openMs - idleMs) / openMs : null };
}
