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
  // One pass, no allocation: the simulator and the Monte Carlo call this millions of times.
  let directed: RoutableTicket | undefined;
  let priority: RoutableTicket | undefined;
  let normal: RoutableTicket | undefined;
  for (const t of waiting) {
    if (t.targetWindowId) {
      if (t.targetWindowId === window.id && (!directed || before(t, directed, window, ctx))) directed = t;
    } else if (window.categoryIds.includes(t.categoryId)) {
      if (t.priority === 'priority') {
        if (!priority || before(t, priority, window, ctx)) priority = t;
      } else if (!normal || before(t, normal, window, ctx)) {
        normal = t;
      }
    }
  }
  if (directed) return directed;
  if (priority && (!normal || window.priorityStreak < ctx.maxPriorityStreak)) return priority;
  return normal;
}

/** Whether `a` goes before `b`: larger relative wait, then earlier issue, then preference order, then id. */
function before(a: RoutableTicket, b: RoutableTicket, window: RoutableWindow, ctx: RoutingContext): boolean {
  const d = relativeWait(b, ctx) - relativeWait(a, ctx);
  if (d !== 0) return d < 0;
  if (a.issuedAt !== b.issuedAt) return a.issuedAt < b.issuedAt;
  const ra = rankOf(window, a.categoryId);
  const rb = rankOf(window, b.categoryId);
  if (ra !== rb) return ra < rb;
  return a.id < b.id;
}

function rankOf(window: RoutableWindow, categoryId: string): number {
  const i = window.categoryIds.indexOf(categoryId);
  return i < 0 ? Infinity : i;
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

