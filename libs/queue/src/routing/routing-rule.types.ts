/** Priority classes a ticket can carry. `priority` = elderly, disabled, pregnant, appointment holders. */
export type PriorityClass = 'normal' | 'priority';

/** What the routing rule needs to know of a waiting ticket: plain data, times in epoch milliseconds. */
export interface RoutableTicket {
  id: string;
  categoryId: string;
  priority: PriorityClass;
  /** Original issue time; a transfer keeps it, so a transferred ticket keeps its place. */
  issuedAt: number;
  /** Set when the ticket was transferred to one specific window: only that window may call it. */
  targetWindowId?: string | null;
}

export interface RoutableWindow {
  id: string;
  /** The work profile: categories this window serves, in order of preference. */
  categoryIds: readonly string[];
  /** Priority tickets this window called in a row since it last called a normal ticket. */
  priorityStreak: number;
}

export interface RoutingContext {
  now: number;
  /** Target wait per category id, in milliseconds. */
  targetWaitMs: Readonly<Record<string, number>>;
  /** At most this many priority calls in a row at one window while normal tickets wait. */
  maxPriorityStreak: number;
}

export type RoutingRule = (
  window: RoutableWindow,
  waiting: readonly RoutableTicket[],
  ctx: RoutingContext,
) => RoutableTicket | undefined;
