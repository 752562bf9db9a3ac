import { Inject, Injectable } from '@nestjs/common';
import type { DayReportBody } from '@hallq/contracts';
import type { Clock } from '@hallq/queue';
import { CLOCK } from '../queue/clock';
import { dayRange } from './day-range';
import { buildDayReport } from './day-report';
import { dayReportCsv } from './day-report-csv';
import { DayReportRepository } from './day-report.repository';
import { localDayStart, nextDay } from './time-buckets';

/** A transferred or kept-overnight ticket may be finished the day after its service day. */
const DAY_MS = 86_400_000;

/** The day report: loads a range's rows once and hands them to the pure computation in day-report.ts. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly rows: DayReportRepository,
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
    const hall = await this.rows.requireHall(hallId);
    const start = localDayStart(from, hall.timeZone);
    const end = localDayStart(nextDay(to), hall.timeZone);
    const [categories, windows, tickets, ticketEvents, windowEvents, ratings] = await Promise.all([
      this.rows.categoriesOfHall(hallId),
      this.rows.windowsOfHall(hallId),
      this.rows.ticketsOfDays(hallId, from, to),
      this.rows.ticketEventsBetween(hallId, start, end + DAY_MS),
      // Every window event up to the end: the state a window was in when the range began counts too.
      this.rows.windowEventsBefore(hallId, end),
      this.rows.ratingScoresOfDays(hallId, from, to),
    ]);
    windows.sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
    const report = buildDayReport({
      timeZone: hall.timeZone, days, now: this.clock.now(), categories, windows, tickets, events: [...ticketEvents, ...windowEvents], ratings,
    });
    return { hall, report };
  }
}
