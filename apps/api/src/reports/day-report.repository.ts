import { Injectable } from '@nestjs/common';
import { ServiceCategoryEntity, TicketEntity, TicketEventEntity, WindowEntity, type HallEntity } from '@hallq/queue';
import { requireHall } from '@hallq/queue/infrastructure';
import { Between, DataSource, IsNull, LessThan, Like, Not } from 'typeorm';
import { RatingEntity } from '../ratings/rating.entity';

/** The event columns the day report reads. */
const EVENT_COLUMNS = { ticketId: true, windowId: true, type: true, toStatus: true, at: true, actor: true } as const;

/** What a day report is computed from: a hall's configuration and a range's tickets, events and ratings. */
@Injectable()
export class DayReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The hall, or HALL_NOT_FOUND. */
  requireHall(hallId: string): Promise<HallEntity> {
    return requireHall(this.dataSource.manager, hallId);
  }

  /** In the hall's display order. */
  categoriesOfHall(hallId: string): Promise<ServiceCategoryEntity[]> {
    return this.dataSource.manager.find(ServiceCategoryEntity, { where: { hallId }, order: { sortOrder: 'ASC', prefix: 'ASC' } });
  }

  windowsOfHall(hallId: string): Promise<WindowEntity[]> {
    return this.dataSource.manager.find(WindowEntity, { where: { hallId } });
  }

  /** The tickets of service days from..to, with the columns the report reads. */
  ticketsOfDays(hallId: string, from: string, to: string): Promise<TicketEntity[]> {
    return this.dataSource.manager.find(TicketEntity, {
      where: { hallId, serviceDay: Between(from, to) },
      select: {
        id: true, serviceDay: true, issuedCategoryId: true, categoryId: true, status: true, windowId: true, issuedAt: true, startedAt: true,
        finishedAt: true, transferCount: true,
      },
    });
  }

  /** The hall's ticket events at `from` or later and before `to`. */
  ticketEventsBetween(hallId: string, from: number, to: number): Promise<TicketEventEntity[]> {
    return this.dataSource.manager.find(TicketEventEntity, { where: { hallId, ticketId: Not(IsNull()), at: Between(from, to - 1) }, select: EVENT_COLUMNS });
  }

  /** Every window event (`window.*`) of the hall before `end`. */
  windowEventsBefore(hallId: string, end: number): Promise<TicketEventEntity[]> {
    return this.dataSource.manager.find(TicketEventEntity, { where: { hallId, type: Like('window.%'), at: LessThan(end) }, select: EVENT_COLUMNS });
  }

  /** The score and reasons of each rating of service days from..to. */
  ratingScoresOfDays(hallId: string, from: string, to: string): Promise<RatingEntity[]> {
    return this.dataSource.manager.find(RatingEntity, {
      where: { hallId, serviceDay: Between(from, to) }, select: { serviceDay: true, score: true, reasons: true },
    });
  }
}
