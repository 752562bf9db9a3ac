import { Injectable } from '@nestjs/common';
import type { HallLine, TicketView } from '@hallq/queue';
import { HallForecastService } from '../forecast/hall-forecast.service';
import { standInWait, type WaitEstimate } from './wait-estimator';

/** Answers "how long will I wait?" for a ticket or for a ticket taken now, from the hall's forecaster. */
@Injectable()
export class WaitService {
  constructor(private readonly forecasts: HallForecastService) {}

  /**
   * A waiting ticket's remaining wait; a ticket newer than the last prediction (at issue, as a rule) gets
   * the wait of a ticket of its class taken now: a priority ticket goes ahead of the normal line.
   */
  async forTicket(t: TicketView, peopleAhead: number, defaultServiceSec: number): Promise<WaitEstimate | null> {
    if (t.status !== 'waiting') return null;
    await this.forecasts.ready(t.hallId);
    const own = this.forecasts.ticketWait(t.hallId, t.id);
    if (own !== undefined) return own;
    const line = this.forecasts.categoryWait(t.hallId, t.categoryId, t.priority);
    return line !== undefined ? line : standInWait(peopleAhead, 1, defaultServiceSec);
  }

  /** Wait for a ticket taken now in the line's category (synchronous: read from the last prediction). */
  forLine(line: HallLine): WaitEstimate | null {
    const f = this.forecasts.categoryWait(line.category.hallId, line.category.id);
    if (f !== undefined) return f;
    this.forecasts.warm(line.category.hallId);
    return standInWait(line.waiting, line.openWindows, line.category.defaultServiceSec);
  }
}
