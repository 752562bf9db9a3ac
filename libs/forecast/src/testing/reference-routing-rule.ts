/**
 * A reference routing rule with the behaviour DESIGN.md describes, for tests, benchmarks and replay
 * tools that run without libs/queue: window-targeted tickets only (and first) at their window; priority
 * tickets first within a streak of `maxPriorityStreak` while normal tickets wait; otherwise the largest
 * wait relative to the category's target; ties by issue time, then id. The live hall passes
 * libs/queue's `pickNextTicket` instead.
 */
import type { RoutableTicket, RoutableWindow, RoutingContext, RoutingRule } from '../hall/routing.types';

export const referenceRoutingRule: RoutingRule = (
  window: RoutableWindow,
  waiting: readonly RoutableTicket[],
  ctx: RoutingContext,
): RoutableTicket | undefined => {
  let directed: RoutableTicket | undefined;
  let prio: RoutableTicket | undefined;
  let normal: RoutableTicket | undefined;
  let normalWaiting = false;
  const better = (a: RoutableTicket, b: RoutableTicket | undefined): boolean => {
    if (!b) return true;
    const ra = (ctx.now - a.issuedAt) / (ctx.targetWaitMs[a.categoryId] ?? 1_200_000);
    const rb = (ctx.now - b.issuedAt) / (ctx.targetWaitMs[b.categoryId] ?? 1_200_000);
    if (ra !== rb) return ra > rb;
    if (a.issuedAt !== b.issuedAt) return a.issuedAt < b.issuedAt;
    return a.id < b.id;
  };
  for (const t of waiting) {
    if (t.targetWindowId) {
      if (t.targetWindowId === window.id && better(t, directed)) directed = t;
      continue;
    }
    if (!window.categoryIds.includes(t.categoryId)) continue;
    if (t.priority === 'priority') {
      if (better(t, prio)) prio = t;
    } else {
      normalWaiting = true;
      if (better(t, normal)) normal = t;
    }
  }
  if (directed) return directed;
  if (prio && (!normalWaiting || window.priorityStreak < ctx.maxPriorityStreak)) return prio;
  return normal;
};
