import { QueueError } from '../errors/queue-error';
import type { TicketState, TicketStatus } from './ticket-state';

/*
 * The ticket state machine. Pure: no database, no clock (the time is an argument). Each function
 * returns the next state or throws ILLEGAL_TRANSITION naming the current status.
 *
 *   waiting --call--> called --start--> serving --finish--> done
 *   called --recall--> called          called --no_show--> no_show
 *   waiting|called --cancel--> cancelled
 *   called|serving --transfer--> waiting (other category, or one window; issue time kept)
 *   waiting|called --closeOut--> unserved (end of the service day)
 */

function expect(t: TicketState, allowed: readonly TicketStatus[], action: string): void {
  if (!allowed.includes(t.status)) {
    throw new QueueError('ILLEGAL_TRANSITION', { reason: 'TICKET_STATE', ticketId: t.id, status: t.status, action, allowed: [...allowed] });
  }
}

export function call(t: TicketState, windowId: string, at: number): TicketState {
  expect(t, ['waiting'], 'call');
  if (t.targetWindowId && t.targetWindowId !== windowId) {
    throw new QueueError('ILLEGAL_TRANSITION', {
      reason: 'TRANSFERRED_ELSEWHERE',
      ticketId: t.id,
      status: t.status,
      targetWindowId: t.targetWindowId,
      action: 'call',
    });
  }
  return { ...t, status: 'called', windowId, targetWindowId: null, calledAt: at };
}

/** The state of a waiting line head as the routing rule reads it (a waiting ticket never called). */
export function waitingState(t: { id: string; categoryId: string; issuedAt: number; targetWindowId?: string | null }): TicketState {
  return {
    id: t.id, status: 'waiting', categoryId: t.categoryId, windowId: null, targetWindowId: t.targetWindowId ?? null, issuedAt: t.issuedAt,
    calledAt: null, startedAt: null, finishedAt: null, recallCount: 0, transferCount: 0,
  };
}

/** What a call changes: the columns the call-next update writes (and only those, so its SQL stays small). */
export function callChange(s: TicketState): Pick<TicketState, 'status' | 'windowId' | 'targetWindowId' | 'calledAt'> {
  return { status: s.status, windowId: s.windowId, targetWindowId: s.targetWindowId, calledAt: s.calledAt };
}

export function recall(t: TicketState, at: number): TicketState {
  expect(t, ['called'], 'recall');
  return { ...t, recallCount: t.recallCount + 1, calledAt: at };
}

export function start(t: TicketState, at: number): TicketState {
  expect(t, ['called'], 'start serving');
  return { ...t, status: 'serving', startedAt: at };
}

export function finish(t: TicketState, at: number): TicketState {
  expect(t, ['serving'], 'finish');
  return { ...t, status: 'done', finishedAt: at };
}

export function noShow(t: TicketState, at: number): TicketState {
  expect(t, ['called'], 'mark as no-show');
  return { ...t, status: 'no_show', finishedAt: at };
}

export function cancel(t: TicketState, at: number): TicketState {
  expect(t, ['waiting', 'called'], 'cancel');
  return { ...t, status: 'cancelled', finishedAt: at };
}

export type TransferTarget = { categoryId: string; windowId?: undefined } | { windowId: string; categoryId?: string };

/**
 * Sends a called or served ticket back to the line, keeping its original issue time so it does not
 * lose its place. To a window: only that window may call it. Call and service times are cleared.
 */
export function transfer(t: TicketState, to: TransferTarget): TicketState {
  expect(t, ['called', 'serving'], 'transfer');
  if (to.windowId !== undefined && to.windowId === t.windowId) {
    throw new QueueError('INVALID_INPUT', { reason: 'TRANSFER_SAME_WINDOW', ticketId: t.id });
  }
  return {
    ...t,
    status: 'waiting',
    categoryId: to.categoryId ?? t.categoryId,
    windowId: null,
    targetWindowId: to.windowId ?? null,
    calledAt: null,
    startedAt: null,
    transferCount: t.transferCount + 1,
  };
}

export function closeOut(t: TicketState, at: number): TicketState {
  expect(t, ['waiting', 'called'], 'close out');
  return { ...t, status: 'unserved', finishedAt: at };
}
