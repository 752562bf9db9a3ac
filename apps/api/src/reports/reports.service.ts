import { Inject, Injectable } from '@nestjs/common';
import type { DayReportBody } from '@hallq/contracts';
import { RatingEntity, requireHall, ServiceCategoryEntity, TicketEntity, TicketEventEntity, TransactionRunner, WindowEntity, type Clock } from '@hallq/queue';
import { Between, IsNull, LessThan, Like, Not, type EntityManager } from 'typeorm';
import { CLOCK } from '../queue/clock';
import { dayRange } from './day-range';
import { buildDayReport } from './day-report';
import { dayReportCsv } from './day-report-csv';
import { localDayStart, nextDay } from './time-buckets';

/** A transferred or kept-overnight ticket may be finished the day after its service day. */
const DAY_MS = 86_400_000;

/** The day report: loads a range's rows once and hands them to the pure computation in day-report.ts. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly tx: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async dayReport(hallId: string, from: string, to: string): Promise<DayReportBody> {
    const { hall, report } = await this.build(hallId, from, to);
    return { hall: { id: hall.id, name: hall.name, timeZone: hall.timeZone }, from, to, ...report };
  }

  async dayReportCsv(hallId: string, from: string, to: string): Promise<string> {
    const { hall, report } = await this.build(hallId, from, to);
    return dayReportCsv(hall, from, to, report);
  }

  private async build(hallId: string, from: string, to: string) {
    const days = dayRange(from, to);
    const em = this.tx.dataSource.manager;
    const hall = await requireHall(em, hallId);
    const start = localDayStart(from, hall.timeZone);
    const end = localDayStart(nextDay(to), hall.timeZone);
    const [categories, windows, tickets, ticketEvents, windowEvents, ratings] = await Promise.all([
      em.find(ServiceCategoryEntity, { where: { hallId }, order: { sortOrder: 'ASC', prefix: 'ASC' } }),
      em.find(WindowEntity, { where: { hallId } }),
      em.find(TicketEntity, {
        where: { hallId, serviceDay: Between(from, to) },
        select: { id: true, serviceDay: true, issuedCategoryId: true, categoryId: true, status: true, windowId: true, issuedAt: true, startedAt: true, finishedAt: true, transferCount: true },
      }),
      this.ticketEvents(em, hallId, start, end + DAY_MS),
      // Every window event up to the end: the state a window was in when the range began counts too.
      em.find(TicketEventEntity, { where: { hallId, type: Like('window.%'), at: LessThan(end) }, select: EVENT_COLUMNS }),
      em.find(RatingEntity, { where: { hallId, serviceDay: Between(from, to) }, select: { serviceDay: true, score: true, reasons: true } }),
    ]);
    windows.sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
    const report = buildDayReport({
      timeZone: hall.timeZone, days, now: this.clock.now(), categories, windows, tickets, events: [...ticketEvents, ...windowEvents], ratings,
    });
    return { hall, report };
  }

  private ticketEvents(em: EntityManager, hallId: string, from: number, to: number) {
    return em.find(TicketEventEntity, { where: { hallId, ticketId: Not(IsNull()), at: Between(from, to - 1) }, select: EVENT_COLUMNS });
  }
}

const EVENT_COLUMNS = { ticketId: true, windowId: true, type: true, toStatus: true, at: true, actor: true } as const;
