/**
 * The routing rule's shape, declared here structurally identical to libs/queue's
 * `routing/routing-rule.types.ts` (libs/forecast may not import libs/queue). The api passes
 * `pickNextTicket` from `@hallq/queue` wherever a `RoutingRule` is asked for, so the live hall, the
 * Monte Carlo and the simulator share one rule.
 */
export type PriorityClass = 'normal' | 'priority';

export interface RoutableTicket {
  id: string;
  categoryId: string;
  priority: PriorityClass;
  /** Original issue time (epoch ms); a transfer keeps it. */
  issuedAt: number;
  /** Set when transferred to one specific window: only that window may call it. */
  targetWindowId?: string | null;
}

export interface RoutableWindow {
  id: string;
  /** Work profile: categories served, in order of preference. */
  categoryIds: readonly string[];
  /** Priority tickets called in a row since the last normal one. */
  priorityStreak: number;
}

export interface RoutingContext {
  now: number;
  /** Target wait per category id, ms. */
  targetWaitMs: Readonly<Record<string, number>>;
  /** At most this many priority calls in a row at one window while normal tickets wait. */
  maxPriorityStreak: number;
}

export type RoutingRule = (
  window: RoutableWindow,
  waiting: readonly RoutableTicket[],
  ctx: RoutingContext,
) => RoutableTicket | undefined;
