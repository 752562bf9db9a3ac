import { Injectable } from '@nestjs/common';
import type { ForecastEvent } from '@hallq/forecast';
import { ServiceCategoryEntity, TicketEventEntity, WindowEntity } from '@hallq/queue';
import { requireHall } from '@hallq/queue/infrastructure';
import { DataSource } from 'typeorm';
import { factsOfEventRow, toForecastEvent } from './forecast-events';

/** Rows of the event log read per page when a forecaster is rebuilt. */
const PAGE = 5000;

/** What a hall's forecaster starts from: the hall's time zone and today's categories and windows. */
export interface HallSetup {
  timeZone: string;
  categories: ServiceCategoryEntity[];
  windows: WindowEntity[];
}

/** The database side of the forecast: the hall's setup and the event log replayed into a new forecaster. */
@Injectable()
export class ForecastHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The hall's setup; HALL_NOT_FOUND (a domain error, so any route that reaches here answers 404). */
  async hallSetup(hallId: string): Promise<HallSetup> {
    const em = this.dataSource.manager;
    const hall = await requireHall(em, hallId);
    const categories = await em.find(ServiceCategoryEntity, { where: { hallId } });
    const windows = await em.find(WindowEntity, { where: { hallId } });
    return { timeZone: hall.timeZone, categories, windows };
  }

  /**
   * The hall's event log from `from` on (to its end: a change committed while this reads is in it, or
   * reaches the forecaster through the stream), oldest first, in pages of forecast events. Window rows'
   * category codes are read with `categories` (today's).
   */
  async *replayWindow(hallId: string, from: number, categories: { id: string; code: string }[]): AsyncGenerator<{ events: ForecastEvent[]; rows: number }> {
    const idOfCode = new Map(categories.map((c) => [c.code, c.id]));
    let lastId = '0';
    for (;;) {
      const rows = await this.dataSource.manager
        .createQueryBuilder(TicketEventEntity, 'e')
        .where('e.hallId = :hallId AND e.at >= :since AND e.id > :lastId', { hallId, since: from, lastId })
        .orderBy('e.id', 'ASC')
        .limit(PAGE)
        .getMany();
      const events: ForecastEvent[] = [];
      for (const r of rows) {
        const e = toForecastEvent(factsOfEventRow(r, (code) => idOfCode.get(code)));
        if (e) events.push(e);
      }
      yield { events, rows: rows.length };
      if (rows.length < PAGE) return;
      lastId = rows[rows.length - 1].id;
    }
  }
}
