// A lifecycle step persisted, and the domain event that tells the rest of the api about it after commit.
import type { EntityManager } from 'typeorm';
import type { TicketEntity, WindowEntity } from '../entities';
import { QueueError } from '../errors/queue-error';
import type { TicketState } from '../ticket/ticket-state';
import type { HallConfigCache } from './hall-config-cache';
import type { HallRepository } from './hall-repository';
import type { QueueDomainEvent, TicketEventName } from './queue-events';
import { changeOf, type TicketRepository } from './ticket-repository';
import { ticketView, windowView } from './views';

export type TicketDomainEvent = Extract<QueueDomainEvent, { kind: 'ticket' }>;

/** Shared by the window's, the citizen's and the close-out's use cases. */
export class TicketSteps {
  constructor(
    private readonly halls: HallRepository,
    private readonly tickets: TicketRepository,
    private readonly config: HallConfigCache,
  ) {}

  /**
   * Writes `next` (a lifecycle function's answer for `t`) with its event, acting at window `w`; refuses
   * with ILLEGAL_TRANSITION when another actor changed the ticket since it was read.
   */
  async persist(
    em: EntityManager, t: TicketEntity, w: WindowEntity | null, type: TicketEventName, next: TicketState, now: number,
    data?: Record<string, unknown>,
  ): Promise<TicketDomainEvent> {
    if (!(await this.tickets.writeStep(em, t, next, { type, windowId: w?.id ?? null, at: now, data: data ?? null }))) throw staleTicket(t);
    Object.assign(t, changeOf(next));
    return this.event(em, t, w, type, now, data);
  }

  /** The domain event of a ticket's step (the ticket as it is now; `w`: the window acting, if any). */
  async event(
    em: EntityManager, t: TicketEntity, w: WindowEntity | null, type: TicketEventName, at: number, data?: Record<string, unknown>,
  ): Promise<TicketDomainEvent> {
    const codes = await this.config.codeOf(t.hallId);
    const holder = t.windowId && t.windowId !== w?.id ? await this.halls.findWindowById(em, t.windowId) : w;
    return {
      kind: 'ticket', type, hallId: t.hallId, at,
      ticket: ticketView(t, codes(t.categoryId) ?? '', t.windowId ? holder?.label ?? null : null),
      window: w ? windowView(w, codes) : null,
      data,
    };
  }
}

function staleTicket(t: TicketEntity): QueueError {
  return new QueueError('ILLEGAL_TRANSITION', { reason: 'TICKET_CHANGED', ticketId: t.id, number: t.number, status: t.status });
}
