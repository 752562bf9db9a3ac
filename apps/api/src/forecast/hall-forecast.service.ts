import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueueService, type Clock, type HallState, type PriorityClass } from '@hallq/queue';
import { CLOCK } from '../queue/clock';
import { forecastWait, type WaitEstimate } from '../waits/wait-estimator';
import { ForecastRefreshScheduler } from './forecast-refresh.scheduler';
import { HallForecastRegistry } from './hall-forecast.registry';
import { HallForecastSnapshot } from './hall-forecast-snapshot';
import type { Predictions } from './hall-forecast.types';

export type { Predictions } from './hall-forecast.types';

/**
 * The read side of the hall forecasts, the one way in for the rest of the api: waits (synchronous, from
 * the last prediction, for REST answers and the live feed), the last prediction, and a per-hall
 * snapshot for advice, what-ifs, plans and the board. The forecasters themselves stay in the registry.
 */
@Injectable()
export class HallForecastService {
  private readonly logger = new Logger(HallForecastService.name);

  constructor(
    private readonly registry: HallForecastRegistry,
    private readonly scheduler: ForecastRefreshScheduler,
    private readonly queue: QueueService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Loads the hall's forecaster and its first predictions. */
  async ready(hallId: string): Promise<void> {
    const h = await this.registry.get(hallId);
    if (!h.predictions) await this.scheduler.refresh(h);
  }

  /** Starts loading in the background (for synchronous readers that found nothing yet). */
  warm(hallId: string): void {
    this.ready(hallId).catch((e) => this.logger.warn(`Forecast for hall ${hallId} failed: ${(e as Error).message}`));
  }

  /** Recomputes now (tests and admin tools); normal readers get the paced refresh. */
  async refreshNow(hallId: string): Promise<void> {
    await this.scheduler.refresh(await this.registry.get(hallId));
  }

  /** Resolves once the predictions include every change this instance has seen (ForecastRefreshScheduler.upToDate). */
  async upToDate(hallId: string): Promise<void> {
    await this.scheduler.upToDate(await this.registry.get(hallId));
  }

  /**
   * Wait for a ticket taken now in the category, a normal one unless asked (the line's wait the board and
   * the screen show); undefined when not loaded, null when no window serves it.
   */
  categoryWait(hallId: string, categoryId: string, priority: PriorityClass = 'normal'): WaitEstimate | null | undefined {
    const p = this.registry.ifLoaded(hallId)?.predictions;
    const c = p?.categories.get(categoryId);
    const w = priority === 'priority' ? c?.priorityTicket : c;
    return p && w ? forecastWait(w, this.clock.now() - p.at) : undefined;
  }

  /** Remaining wait of a waiting ticket as last predicted; undefined when not in the last prediction. */
  ticketWait(hallId: string, ticketId: string): WaitEstimate | null | undefined {
    const p = this.registry.ifLoaded(hallId)?.predictions;
    const t = p?.tickets.get(ticketId);
    return p && t ? forecastWait(t, this.clock.now() - p.at) : undefined;
  }

  /** The last whole-hall prediction, if the hall's forecaster has made one. */
  lastPredictions(hallId: string): Predictions | null {
    return this.registry.ifLoaded(hallId)?.predictions ?? null;
  }

  /**
   * The hall's forecast at one moment: `state` when the caller has just read the hall, else the hall as
   * it is now. Advice, what-ifs, plans and the board read the forecaster through this only.
   */
  async snapshot(hallId: string, state?: HallState): Promise<HallForecastSnapshot> {
    const h = await this.registry.get(hallId);
    const s = state ?? (await this.queue.hallState(hallId));
    return new HallForecastSnapshot(h.forecaster, s, h.predictions);
  }

  /** Counters of the hall's forecaster (health, tests). */
  async stats(hallId: string): Promise<{ events: number; tracked: number; lastEventAt: number }> {
    return (await this.registry.get(hallId)).forecaster.stats();
  }
}
