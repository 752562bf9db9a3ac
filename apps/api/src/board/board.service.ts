import { Inject, Injectable } from '@nestjs/common';
import { projectLine } from '@hallq/forecast';
import { hhmmToMinutes, localTimeToEpoch, QueueService } from '@hallq/queue';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { HallForecastService } from '../forecast/hall-forecast.service';
import { ReportsService } from '../reports/reports.service';
import { WaitService } from '../waits/wait.service';
import { buildBoard, type Board } from './board-view';
import { DayLineRepository } from './day-line.repository';
import { lineSeries } from './line-series';

/** A chart of the day has at most about this many points per line. */
const MAX_POINTS = 60;

/** The manager's board: the hall now, today so far (the day report) and the forecaster's next hour. */
@Injectable()
export class BoardService {
  constructor(
    private readonly queue: QueueService,
    private readonly reports: ReportsService,
    private readonly forecasts: HallForecastService,
    private readonly waits: WaitService,
    private readonly dayLine: DayLineRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async board(hallId: string): Promise<Board> {
    const state = await this.queue.hallState(hallId);
    // Fresh predictions for this state (a board is read at most every few seconds per manager).
    await this.forecasts.upToDate(hallId);
    const day = state.hall.serviceDay;
    const report = await this.reports.dayReport(hallId, day, day);
    const forecast = await this.forecasts.snapshot(hallId, state);
    return buildBoard({
      state,
      today: report.days[0],
      waitNow: (l) => this.waits.forLine(l),
      forecast: (id) => forecast.category(id),
    });
  }

  /**
   * Today's line length and wait per category, from the first ticket (or the opening) to now, and the
   * forecast over the next two forecaster slots (an hour by default) from the hall's forecaster.
   */
  async today(hallId: string, stepSec?: number) {
    const state = await this.queue.hallState(hallId);
    const now = state.at;
    const { hall } = state;
    const tickets = await this.dayLine.ticketsOfDay(hallId, hall.serviceDay);
    // From the day's first ticket (a hall open around the clock would otherwise draw hours of nothing),
    // or from the opening while no ticket has come yet.
    const from = tickets.length ? Math.min(...tickets.map((t) => t.issuedAt)) : localTimeToEpoch(hall.serviceDay, hhmmToMinutes(hall.opensAt), hall.timeZone);
    const slotMs = this.config.forecastSlotSec * 1000;
    const stepMs = stepSec ? stepSec * 1000 : autoStep(now - from, slotMs / 2);
    const events = now >= from ? await this.dayLine.lineLeavesBetween(hallId, from, now) : [];
    const series = lineSeries({ from, now, stepMs, categoryIds: state.lines.map((l) => l.category.id), tickets, events });

    await this.forecasts.upToDate(hallId);
    const forecast = await this.forecasts.snapshot(hallId, state);
    const horizonStepMs = slotMs / 2;
    return {
      at: now,
      from,
      stepSec: stepMs / 1000,
      forecastStepSec: horizonStepMs / 1000,
      hall: { id: hall.id, name: hall.name, timeZone: hall.timeZone, serviceDay: hall.serviceDay },
      categories: state.lines.map((l) => {
        const c = l.category;
        const wait = this.waits.forLine(l);
        const projected = projectLine({
          now, stepMs: horizonStepMs, arrivalsPerHour: forecast.arrivalsForecast(c.id, 4, horizonStepMs),
          waiting: l.waiting, windows: l.openWindows,
          meanServiceMs: forecast.category(c.id)?.meanServiceMs ?? c.defaultServiceSec * 1000,
          expectedWaitNowMs: wait ? wait.expectedSec * 1000 : null,
        });
        return {
          code: c.code, prefix: c.prefix, nameZh: c.nameZh, nameEn: c.nameEn, targetWaitSec: c.targetWaitSec,
          actual: series.get(c.id) ?? [],
          forecast: projected.map((x) => ({ at: x.at, waiting: x.waiting, waitSec: x.waitMs === null ? null : Math.round(x.waitMs / 1000) })),
        };
      }),
    };
  }
}

/** The smallest step of at least `min` that keeps a day's line within MAX_POINTS points, in whole seconds. */
function autoStep(spanMs: number, minMs: number): number {
  return Math.max(1000, Math.ceil(Math.max(minMs, spanMs / MAX_POINTS) / 1000) * 1000);
}
