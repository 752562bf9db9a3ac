/**
 * Plain data exchanged with libs/forecast: a snapshot of the hall and the queue events that feed the
 * estimators. Times are epoch milliseconds, durations milliseconds.
 */
import type { PriorityClass } from './routing.types';

export type WindowStatus = 'open' | 'paused' | 'closed';

export interface CategorySnapshot {
  id: string;
  /** Target wait, ms (e.g. 20 min = 1_200_000). */
  targetWaitMs: number;
  /** Share of tickets to be called within the target (default 0.9). */
  targetShare?: number;
  /** Default mean service time for a cold start, ms. */
  defaultServiceMs: number;
}

export interface WindowSnapshot {
  id: string;
  state: WindowStatus;
  /** Work profile: category ids in order of preference. */
  categoryIds: string[];
  /** Priority tickets called in a row (routing rule state); 0 if unknown. */
  priorityStreak?: number;
}

export interface WaitingTicketSnapshot {
  id: string;
  categoryId: string;
  priority: PriorityClass;
  issuedAt: number;
  targetWindowId?: string | null;
}

export interface ServingTicketSnapshot {
  id: string;
  categoryId: string;
  windowId: string;
  /** When service (or the call) started, epoch ms. */
  startedAt: number;
}

export interface HallSnapshot {
  categories: CategorySnapshot[];
  windows: WindowSnapshot[];
  waiting: WaitingTicketSnapshot[];
  serving: ServingTicketSnapshot[];
  /** Routing rule parameter (default 2). */
  maxPriorityStreak?: number;
}

/** Queue events, as logged by libs/queue (ticket_event) and the window admin. */
export type ForecastEvent =
  | { type: 'issued'; at: number; ticketId: string; categoryId: string; priority?: PriorityClass }
  | { type: 'called'; at: number; ticketId: string; windowId: string }
  | { type: 'started'; at: number; ticketId: string; windowId?: string }
  /** Same as 'started' (service began at the window). */
  | { type: 'served'; at: number; ticketId: string; windowId?: string }
  | { type: 'finished'; at: number; ticketId: string; windowId?: string }
  | { type: 'no_show'; at: number; ticketId: string }
  | { type: 'abandoned'; at: number; ticketId: string }
  | { type: 'cancelled'; at: number; ticketId: string }
  | { type: 'transferred'; at: number; ticketId: string; toCategoryId?: string; toWindowId?: string | null }
  | { type: 'window_opened'; at: number; windowId: string; categoryIds?: string[] }
  | { type: 'window_paused'; at: number; windowId: string }
  | { type: 'window_closed'; at: number; windowId: string }
  | { type: 'profile_changed'; at: number; windowId: string; categoryIds: string[] };
