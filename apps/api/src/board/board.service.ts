import { Injectable } from '@nestjs/common';
import { QueueService } from '@hallq/queue';
import { HallForecastService } from '../forecast/hall-forecast.service';
import { ReportsService } from '../reports/reports.service';
import { WaitService } from '../waits/wait.service';
import { buildBoard, type Board } from './board-view';

/** The manager's board: the hall now, today so far (the day report) and the forecaster's next hour. */
@Injectable()
export class BoardService {
  constructor(
    private readonly queue: QueueService,
    private readonly reports: ReportsService,
    private readonly forecasts: HallForecastService,
    private readonly waits: WaitService,
  ) {}

  async board(hallId: string): Promise<Board> {
    const state = await this.queue.hallState(hallId);
    // Fresh predictions for this state (a board is read at most every few seconds per manager).
    await this.forecasts.refreshNow(hallId);
    const day = state.hall.serviceDay;
    const report = await this.reports.dayReport(hallId, day, day);
    const p = this.forecasts.lastPredictions(hallId);
    return buildBoard({
      state,
      today: report.days[0],
      waitNow: (l) => this.waits.forLine(l),
      forecast: (id) => p?.categories.get(id) ?? null,
    });
  }
}
