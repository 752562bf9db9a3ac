// The citizen's side of a ticket, found by its tracking token: what the phone page shows, and cancelling.
import type { EntityManager } from 'typeorm';
import type { Clock } from '../clock/clock';
import type { TicketEntity } from '../entities';
import { QueueError } from '../errors/queue-error';
import * as lifecycle from '../ticket/lifecycle';
import type { HallRepository } from './hall-repository';
import type { QueueEvents } from './queue-events';
import type { CitizenTicketView } from './ticket-issuing';
import { stateOf, type TicketRepository } from './ticket-repository';
import type { TicketSteps } from './ticket-steps';
import type { TransactionRunner } from './transaction-runner';
import { categoryView, hallView, ticketView, type TicketView } from './views';

export class CitizenTickets {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly halls: HallRepository,
    private readonly tickets: TicketRepository,
    private readonly steps: TicketSteps,
    private readonly clock: Clock,
    private readonly events: QueueEvents,
  ) {}

  async byToken(token: string): Promise<CitizenTicketView> {
    const em = this.tx.dataSource.manager;
    const t = await this.tickets.findByToken(em, token);
    if (!t) throw new QueueError('TICKET_NOT_FOUND', { reason: 'TRACKING_CODE' });
    return this.view(em, t);
  }

  /** The ticket with its hall, category, window and the people ahead of it. */
  async view(em: EntityManager, t: TicketEntity): Promise<CitizenTicketView> {
    const [hall, cat] = await Promise.all([this.halls.getHall(em, t.hallId), this.halls.getCategory(em, t.hallId, t.categoryId)]);
    const label = t.windowId ? (await this.halls.findWindowById(em, t.windowId))?.label ?? null : null;
    const peopleAhead = t.status === 'waiting' ? await this.tickets.countAhead(em, t) : 0;
    return { ticket: ticketView(t, cat.code, label), peopleAhead, hall: hallView(hall), category: categoryView(cat) };
  }

  async cancelByToken(token: string): Promise<TicketView> {
    const found = await this.tickets.findByToken(this.tx.dataSource.manager, token);
    if (!found) throw new QueueError('TICKET_NOT_FOUND', { reason: 'TRACKING_CODE' });
    const now = this.clock.now();
    const out = await this.tx.run(async (em) => {
      const t = await this.tickets.findById(em, found.hallId, found.id);
      if (!t) throw new QueueError('TICKET_NOT_FOUND');
      const w = t.windowId ? await this.halls.findWindowById(em, t.windowId) : null;
      return this.steps.persist(em, t, w, 'cancelled', lifecycle.cancel(stateOf(t), now), now, {});
    });
    this.events.publish([out]);
    return out.ticket;
  }
}
