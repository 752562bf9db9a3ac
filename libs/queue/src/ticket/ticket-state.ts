import type { PriorityClass } from '../routing/routing-rule.types';

export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'cancelled',
  'unserved',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses a ticket never leaves. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['done', 'no_show', 'cancelled', 'unserved'];

export const CHANNELS = ['kiosk', 'web', 'appointment'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PRIORITY_CLASSES = ['normal', 'priority'] as const satisfies readonly PriorityClass[];

/** The part of a ticket the lifecycle rules read and change. Times in epoch milliseconds. */
export interface TicketState {
  id: string;
  status: TicketStatus;
  categoryId: string;
  /** The window that called or serves it. */
  windowId: string | null;
  /** Set by a transfer to one window: only that window may call it. */
  targetWindowId: string | null;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  recallCount: number;
  transferCount: number;
}

/** Names of the events the lifecycle appends to the ticket's history. */
export type TicketEventType =
  | 'issued'
  | 'called'
  | 'recalled'
  | 'started'
  | 'finished'
  | 'no_show'
  | 'cancelled'
  | 'transferred'
  | 'closed_out';
