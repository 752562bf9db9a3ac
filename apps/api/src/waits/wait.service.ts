import { Injectable } from '@nestjs/common';
import { WindowEntity, type HallLine, type TicketView } from '@hallq/queue';
import { DataSource } from 'typeorm';
import { standInWait, type WaitEstimate } from './wait-estimator';

/** Answers "how long will I wait?" for a ticket or a ticket taken now. Stand-in until libs/forecast. */
@Injectable()
export class WaitService {
  constructor(private readonly dataSource: DataSource) {}

  async forTicket(t: TicketView, peopleAhead: number, defaultServiceSec: number): Promise<WaitEstimate | null> {
    if (t.status !== 'waiting') return null;
    const windows = await this.dataSource.manager.find(WindowEntity, { where: { hallId: t.hallId, state: 'open' } });
    const serving = windows.filter((w) => (t.targetWindowId ? w.id === t.targetWindowId : w.categoryIds.includes(t.categoryId))).length;
    return standInWait(peopleAhead, serving, defaultServiceSec);
  }

  forLine(line: HallLine): WaitEstimate | null {
    return standInWait(line.waiting, line.openWindows, line.category.defaultServiceSec);
  }
}
