import type { RoutableTicket, RoutableWindow, RoutingContext } from './routing-rule.types';

export const DEFAULT_MAX_PRIORITY_STREAK = 2;

/**
 * Which ticket a window calls next. One pure function shared by the live service and the simulator.
 *
 * Candidates are the waiting tickets of the window's categories plus those transferred to this very
 * window (a ticket transferred to another window is never a candidate). Then:
 * 1. Tickets transferred to this window come first: they have waited once already.
 * 2. Priority tickets (elderly, disabled, appointment) come next, but a window calls at most
 *    `maxPriorityStreak` of them in a row while normal tickets wait, so priority takes a bounded share
 *    (at most streak/(streak+1) of calls) and a normal ticket is never starved.
 * 3. Otherwise the ticket whose wait is largest relative to its category's target wait
 *    ((now - issuedAt) / target) is called, so a short-target category is not swamped by a long one.
 *    Ties go to the earlier issue time, then the window's category preference order, then id.
 */
export function pickNextTicket(
  window: RoutableWindow,
  waiting: readonly RoutableTicket[],
  ctx: RoutingContext,
): RoutableTicket | undefined {
  const rank = new Map(window.categoryIds.map((c, i) => [c, i]));
  const directed: RoutableTicket[] = [];
  const priority: RoutableTicket[] = [];
  const normal: RoutableTicket[] = [];
  for (const t of waiting) {
    if (t.targetWindowId) {
      if (t.targetWindowId === window.id) directed.push(t);
    } else if (rank.has(t.categoryId)) {
      (t.priority === 'priority' ? priority : normal).push(t);
    }
  }
  const order = (a: RoutableTicket, b: RoutableTicket) =>
    relativeWait(b, ctx) - relativeWait(a, ctx) ||
    a.issuedAt - b.issuedAt ||
    (rank.get(a.categoryId) ?? Infinity) - (rank.get(b.categoryId) ?? Infinity) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  if (directed.length) return best(directed, order);
  const priorityAllowed = normal.length === 0 || window.priorityStreak < ctx.maxPriorityStreak;
  if (priority.length && priorityAllowed) return best(priority, order);
  if (normal.length) return best(normal, order);
  return undefined;
}

/** The streak a window carries after calling `t`. */
export function nextPriorityStreak(window: RoutableWindow, t: RoutableTicket): number {
  if (t.targetWindowId) return window.priorityStreak; // a directed call is neither class
  return t.priority === 'priority' ? window.priorityStreak + 1 : 0;
}

/** Wait so far as a multiple of the category's target; an unknown target counts as 20 minutes. */
export function relativeWait(t: RoutableTicket, ctx: RoutingContext): number {
  const target = ctx.targetWaitMs[t.categoryId] ?? 20 * 60_000;
  return (ctx.now - t.issuedAt) / Math.max(target, 1);
}

function best<T>(xs: T[], order: (a: T, b: T) => number): T {
  let b = xs[0];
  for (let i = 1; i < xs.length; i++) if (order(xs[i], b) < 0) b = xs[i];
  return b;
}
