import { Injectable } from '@nestjs/common';
import { TicketEntity, TicketEventEntity } from '@hallq/queue';
import { Between, DataSource, In } from 'typeorm';
import type { SeriesEvent, SeriesTicket } from './line-series';

/** What today's line chart is drawn from: the day's tickets and the moments tickets left the line. */
@Injectable()
export class DayLineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The hall's tickets of a service day: id, issuing category, issue time. */
  ticketsOfDay(hallId: string, serviceDay: string): Promise<SeriesTicket[]> {
    return this.dataSource.manager.find(TicketEntity, {
      where: { hallId, serviceDay },
      select: { id: true, issuedCategoryId: true, issuedAt: true },
    });
  }

  /** Calls, cancellations and close-outs (a ticket leaving the line) between `from` and `to`, inclusive. */
  lineLeavesBetween(hallId: string, from: number, to: number): Promise<SeriesEvent[]> {
    return this.dataSource.manager.find(TicketEventEntity, {
      where: { hallId, type: In(['called', 'cancelled', 'closed_out']), at: Between(from, to) },
      select: { ticketId: true, type: true, at: true },
    });
  }
}
