// The end of a service day: tickets left waiting or called from earlier days become unserved.
import type { Clock } from '../clock/clock';
import { serviceDayOf } from '../numbering/numbering';
import * as lifecycle from '../ticket/lifecycle';
import type { HallRepository } from './hall-repository';
import type { QueueEvents } from './queue-events';
import { changeOf, stateOf, type TicketRepository } from './ticket-repository';
import type { TicketDomainEvent, TicketSteps } from './ticket-steps';
import type { TransactionRunner } from './transaction-runner';

/**
 * Closes out tickets left waiting or called from earlier service days (unless the hall keeps its line
 * overnight), each with a `closed_out` event, then records the day as closed out. Runs lazily before
 * operations and from a scheduler; on any instance, as often as asked: a ticket another run closed out
 * first is left to that run.
 */
export class ServiceDayCloseOut {
  /** Service day each hall was last closed out for: skips the check on the hot path. */
  private readonly closedOut = new Map<string, { day: string; timeZone: string }>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly halls: HallRepository,
    private readonly tickets: TicketRepository,
    private readonly steps: TicketSteps,
    private readonly clock: Clock,
    private readonly events: QueueEvents,
  ) {}

  /** Every hall, for the scheduler's rounds. */
  hallIds(): Promise<string[]> {
    return this.halls.listHallIds(this.tx.dataSource.manager);
  }

  /** Returns how many tickets it closed out. */
  async ifDue(hallId: string): Promise<number> {
    const now = this.clock.now();
    const known = this.closedOut.get(hallId);
    if (known && serviceDayOf(now, known.timeZone) === known.day) return 0;
    const hall = await this.halls.findHall(this.tx.dataSource.manager, hallId);
    if (!hall) return 0;
    const today = serviceDayOf(now, hall.timeZone);
    if (hall.closedOutDay === today) {
      this.closedOut.set(hallId, { day: today, timeZone: hall.timeZone });
      return 0;
    }
    const closed: TicketDomainEvent[] = [];
    await this.tx.run(async (em) => {
      if (!hall.keepLineOvernight) {
        for (const t of await this.tickets.findLeftover(em, hallId, today)) {
          const next = lifecycle.closeOut(stateOf(t), now);
          // The event names the window that held a called ticket; the published event carries no data.
          const event = { type: 'closed_out' as const, windowId: t.windowId, at: now, data: { serviceDay: t.serviceDay } };
          if (!(await this.tickets.writeStep(em, t, next, event))) continue;
          closed.push(await this.steps.event(em, Object.assign(t, changeOf(next)), null, 'closed_out', now));
        }
      }
      await this.halls.markClosedOut(em, hallId, today);
    });
    this.closedOut.set(hallId, { day: today, timeZone: hall.timeZone });
    if (closed.length) {
      this.events.publish([...closed, { kind: 'hall', type: 'day.closed_out', hallId, at: now, data: { count: closed.length } }]);
    }
    return closed.length;
  }
}
