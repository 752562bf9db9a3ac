import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Forecaster } from '@hallq/forecast';
import { DEFAULT_MAX_PRIORITY_STREAK, pickNextTicket, type Clock } from '@hallq/queue';
import type { Subscription } from 'rxjs';
import { ClusterEventsService } from '../cluster/cluster-events.service';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { CLOCK } from '../queue/clock';
import { categorySnapshotOf, factsOfDomainEvent, toForecastEvent } from './forecast-events';
import { ForecastHistoryRepository } from './forecast-history.repository';
import { ForecastRefreshScheduler } from './forecast-refresh.scheduler';
import type { HallForecast } from './hall-forecast.types';

const DAY = 86_400_000;
/** History replayed into a new forecaster: enough for weekday-and-slot arrival rates. */
const HISTORY_DAYS = 28;

/**
 * One libs/forecast Forecaster per hall, rebuilt from the event log on first use and fed every
 * committed change after that (each change also schedules a refresh of the hall's predictions).
 *
 * Per-instance state, fed by the cluster's event stream: with several api instances (REDIS_URL) each
 * forecaster learns every instance's changes, so the forecast served for a hall does not depend on which
 * instance answers (apps/api/test/scale-out.e2e-spec.ts).
 */
@Injectable()
export class HallForecastRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(HallForecastRegistry.name);
  private readonly halls = new Map<string, Promise<HallForecast>>();
  private readonly loaded = new Map<string, HallForecast>();
  private sub?: Subscription;

  constructor(
    private readonly history: ForecastHistoryRepository,
    private readonly scheduler: ForecastRefreshScheduler,
    private readonly cluster: ClusterEventsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.sub = this.cluster.all.subscribe((e) => {
      const h = this.loaded.get(e.hallId);
      if (!h) return; // not loaded yet: the replay at load will include this change
      const facts = factsOfDomainEvent(e);
      const fe = facts && toForecastEvent(facts);
      if (fe) h.forecaster.observe(fe);
      this.scheduler.changed(h, e.at);
    });
  }

  onModuleDestroy(): void {
    this.sub?.unsubscribe();
    for (const h of this.loaded.values()) this.scheduler.stop(h);
  }

  /** The hall's forecaster, loading it on first use (HALL_NOT_FOUND for an unknown hall). */
  get(hallId: string): Promise<HallForecast> {
    let p = this.halls.get(hallId);
    if (!p) {
      p = this.load(hallId);
      this.halls.set(hallId, p);
      p.catch(() => this.halls.delete(hallId));
    }
    return p;
  }

  /** The hall's forecaster if it has loaded (synchronous readers). */
  ifLoaded(hallId: string): HallForecast | undefined {
    return this.loaded.get(hallId);
  }

  private async load(hallId: string): Promise<HallForecast> {
    const setup = await this.history.hallSetup(hallId);
    const now = this.clock.now();
    const categories = setup.categories.map(categorySnapshotOf);
    const forecaster = new Forecaster({
      categories,
      utcOffsetMinutes: utcOffsetMinutes(setup.timeZone, now),
      slotMs: this.config.forecastSlotSec * 1000,
      rule: pickNextTicket,
      maxPriorityStreak: DEFAULT_MAX_PRIORITY_STREAK,
    });
    // Windows opened before the replayed history must be known too: start from today's configuration.
    forecaster.sync({ categories, windows: setup.windows.map((w) => ({ id: w.id, state: w.state, categoryIds: w.categoryIds })) });
    // Events committed meanwhile reach the forecaster through the stream once it is registered below, so a
    // change is at worst counted once by each path's rules.
    let replayed = 0;
    for await (const page of this.history.replayWindow(hallId, now - HISTORY_DAYS * DAY, setup.categories)) {
      forecaster.observeAll(page.events);
      replayed += page.rows;
    }
    const h: HallForecast = { hallId, forecaster, predictions: null, timer: null, lastRefresh: 0, lastCost: 0, refreshing: null, waiters: [], settle: null };
    this.loaded.set(hallId, h);
    this.logger.log(`Forecaster for hall ${hallId} rebuilt from ${replayed} events`);
    return h;
  }
}

function utcOffsetMinutes(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(at));
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(parts.find((p) => p.type === 'timeZoneName')?.value ?? '');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}
