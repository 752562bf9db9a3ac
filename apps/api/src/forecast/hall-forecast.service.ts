import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Forecaster, type CategoryPrediction, type ForecastEvent, type HallSnapshot, type TicketPrediction, type WindowPrediction } from '@hallq/forecast';
import {
  DEFAULT_MAX_PRIORITY_STREAK, type HallLineState, type HallState, pickNextTicket, QueueService, requireHall, ServiceCategoryEntity, TicketEventEntity,
  WindowEntity, type Clock,
} from '@hallq/queue';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { ClusterEventsService } from '../cluster/cluster-events.service';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { runInSlices } from '../common/scheduling/run-in-slices';
import { CLOCK } from '../queue/queue.module';
import type { WaitEstimate } from '../waits/wait-estimator';
import { fromDomainEvent, fromEventRow, hallSnapshotOf } from './forecast-events';

const DAY = 86_400_000;
/** History replayed into a new forecaster: enough for weekday-and-slot arrival rates. */
const HISTORY_DAYS = 28;
/** Predictions for a hall are recomputed at most this often, however busy it is. */
const REFRESH_MS = 500;
/** ...and at most this share (1/40) of the event loop's time: a refresh of a very long line (20 ms at
 * 15,000 tickets) holds the loop, and every request waiting behind it feels it. */
const REFRESH_COST_FACTOR = 40;
/**
 * A quiet hall's forecast is made once more on a shared moment: the first whole SETTLE_GRID_MS at least
 * SETTLE_AFTER_MS after its last change's own time (the same on every instance). Paced refreshes fall on
 * each instance's own moments (the pace follows its own CPU cost, and a GC pause during one refresh is
 * enough to move the next), and the Monte Carlo of the same line read at different moments differs by
 * seconds; after this one every instance serves the forecast made from the same state at the same time.
 */
const SETTLE_AFTER_MS = 2000;
const SETTLE_GRID_MS = 1000;
/** A prediction holds the event loop at most about this long at a time (runInSlices). */
const SLICE_MS = 4;

export interface Predictions {
  at: number;
  /** The hall as read for these predictions (its line in brief). */
  state: HallLineState;
  tickets: Map<string, TicketPrediction>;
  categories: Map<string, CategoryPrediction>;
  windows: WindowPrediction[];
}

interface HallForecast {
  hallId: string;
  forecaster: Forecaster;
  predictions: Predictions | null;
  timer: NodeJS.Timeout | null;
  lastRefresh: number;
  /**
   * CPU time of the last prediction, ms: a huge line refreshes less often (REFRESH_COST_FACTOR). CPU,
   * not wall time: waiting on the database or for a busy core costs this process nothing, and counting it
   * paced even a short line's refresh out to tens of seconds on a loaded machine.
   */
  lastCost: number;
  refreshing: Promise<void> | null;
  /** Readers waiting for the scheduled refresh (see upToDate). */
  waiters: (() => void)[];
  /** The refresh on the shared moment after the last change (SETTLE_AFTER_MS). */
  settle: NodeJS.Timeout | null;
}

/**
 * One libs/forecast Forecaster per hall, rebuilt from the event log on first use and fed every
 * committed change after that. Predictions are recomputed from the hall's state at most twice a second
 * and read synchronously by whoever shows a wait (REST answers, the live feed).
 *
 * Per-instance state, fed by the cluster's event stream: with several api instances (REDIS_URL) each
 * forecaster learns every instance's changes, so the forecast served for a hall does not depend on which
 * instance answers (apps/api/test/scale-out.e2e-spec.ts).
 */
@Injectable()
export class HallForecastService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(HallForecastService.name);
  private readonly halls = new Map<string, Promise<HallForecast>>();
  private readonly loaded = new Map<string, HallForecast>();
  private sub?: Subscription;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly cluster: ClusterEventsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.sub = this.cluster.all.subscribe((e) => {
      const h = this.loaded.get(e.hallId);
      if (!h) return; // not loaded yet: the replay at load will include this change
      const fe = fromDomainEvent(e);
      if (fe) h.forecaster.observe(fe);
      this.scheduleRefresh(h);
      this.scheduleSettle(h, e.at);
    });
  }

  onModuleDestroy(): void {
    this.sub?.unsubscribe();
    for (const h of this.loaded.values()) {
      if (h.timer) clearTimeout(h.timer);
      if (h.settle) clearTimeout(h.settle);
      h.waiters.splice(0).forEach((w) => w());
    }
  }

  /** Loads the hall's forecaster and its first predictions. */
  async ready(hallId: string): Promise<void> {
    const h = await this.hall(hallId);
    if (!h.predictions) await this.refresh(h);
  }

  /** Starts loading in the background (for synchronous readers that found nothing yet). */
  warm(hallId: string): void {
    this.ready(hallId).catch((e) => this.logger.warn(`Forecast for hall ${hallId} failed: ${(e as Error).message}`));
  }

  /** Recomputes now (tests and admin tools); normal readers get the throttled refresh. */
  async refreshNow(hallId: string): Promise<void> {
    await this.refresh(await this.hall(hallId));
  }

  /**
   * Resolves once the predictions include every change this instance has seen: at once when nothing
   * changed since the last refresh, else after the refresh already scheduled for the change (within its
   * paced interval). For the alert rounds and the manager's board, which forcing a refresh of their own
   * made run twice as often as the pacing allows (a long line's refresh holds the event loop).
   */
  async upToDate(hallId: string): Promise<void> {
    const h = await this.hall(hallId);
    if (h.timer) return new Promise<void>((resolve) => h.waiters.push(resolve));
    if (h.refreshing) return h.refreshing.catch(() => undefined);
    if (!h.predictions) await this.refresh(h);
  }

  /** Wait for a ticket taken now in the category; undefined when not loaded, null when no window serves it. */
  categoryWait(hallId: string, categoryId: string): WaitEstimate | null | undefined {
    const p = this.loaded.get(hallId)?.predictions;
    const c = p?.categories.get(categoryId);
    if (!p || !c) return undefined;
    return estimate(c.expectedWaitMs, c.p10WaitMs, c.p90WaitMs, c.pWithinTarget, this.clock.now() - p.at);
  }

  /** Remaining wait of a waiting ticket as last predicted; undefined when not in the last prediction. */
  ticketWait(hallId: string, ticketId: string): WaitEstimate | null | undefined {
    const p = this.loaded.get(hallId)?.predictions;
    const t = p?.tickets.get(ticketId);
    if (!p || !t) return undefined;
    return estimate(t.expectedWaitMs, t.p10WaitMs, t.p90WaitMs, t.pWithinTarget, this.clock.now() - p.at);
  }

  /** The last whole-hall prediction, if the hall's forecaster has made one. */
  lastPredictions(hallId: string): Predictions | null {
    return this.loaded.get(hallId)?.predictions ?? null;
  }

  windowPredictions(hallId: string): WindowPrediction[] | undefined {
    return this.loaded.get(hallId)?.predictions?.windows;
  }

  /** The hall's forecaster with the hall as it is now (for advice and what-ifs). */
  async current(hallId: string): Promise<{ forecaster: Forecaster; state: HallState; snapshot: HallSnapshot }> {
    const h = await this.hall(hallId);
    const state = await this.queue.hallState(hallId);
    return { forecaster: h.forecaster, state, snapshot: hallSnapshotOf(state, DEFAULT_MAX_PRIORITY_STREAK) };
  }

  forecaster(hallId: string): Promise<Forecaster> {
    return this.hall(hallId).then((h) => h.forecaster);
  }

  private hall(hallId: string): Promise<HallForecast> {
    let p = this.halls.get(hallId);
    if (!p) {
      p = this.load(hallId);
      this.halls.set(hallId, p);
      p.catch(() => this.halls.delete(hallId));
    }
    return p;
  }

  private async load(hallId: string): Promise<HallForecast> {
    const em = this.dataSource.manager;
    // A domain error, so an unknown hall in any route that reaches here answers 404, not 500.
    const hall = await requireHall(em, hallId);
    const cats = await em.find(ServiceCategoryEntity, { where: { hallId } });
    const now = this.clock.now();
    const forecaster = new Forecaster({
      categories: cats.map((c) => ({ id: c.id, targetWaitMs: c.targetWaitSec * 1000, targetShare: c.targetShare, defaultServiceMs: c.defaultServiceSec * 1000 })),
      utcOffsetMinutes: utcOffsetMinutes(hall.timeZone, now),
      slotMs: this.config.forecastSlotSec * 1000,
      rule: pickNextTicket,
      maxPriorityStreak: DEFAULT_MAX_PRIORITY_STREAK,
    });
    // Windows opened before the replayed history must be known too: start from today's configuration.
    const windows = await em.find(WindowEntity, { where: { hallId } });
    forecaster.sync({
      categories: cats.map((c) => ({ id: c.id, targetWaitMs: c.targetWaitSec * 1000, targetShare: c.targetShare, defaultServiceMs: c.defaultServiceSec * 1000 })),
      windows: windows.map((w) => ({ id: w.id, state: w.state, categoryIds: w.categoryIds })),
    });
    const idOfCode = new Map(cats.map((c) => [c.code, c.id]));
    // Replay the history in pages, oldest first; events committed meanwhile reach the forecaster through
    // the stream once it is registered below, so a change is at worst counted once by each path's rules.
    let lastId = '0';
    let replayed = 0;
    for (;;) {
      const rows = await em
        .createQueryBuilder(TicketEventEntity, 'e')
        .where('e.hallId = :hallId AND e.at >= :since AND e.id > :lastId', { hallId, since: now - HISTORY_DAYS * DAY, lastId })
        .orderBy('e.id', 'ASC')
        .limit(5000)
        .getMany();
      for (const r of rows) {
        const fe: ForecastEvent | null = fromEventRow(r, (code) => idOfCode.get(code));
        if (fe) forecaster.observe(fe);
      }
      replayed += rows.length;
      if (rows.length < 5000) break;
      lastId = rows[rows.length - 1].id;
    }
    const h: HallForecast = { hallId, forecaster, predictions: null, timer: null, lastRefresh: 0, lastCost: 0, refreshing: null, waiters: [], settle: null };
    this.loaded.set(hallId, h);
    this.logger.log(`Forecaster for hall ${hallId} rebuilt from ${replayed} events`);
    return h;
  }

  private scheduleRefresh(h: HallForecast): void {
    if (h.timer) return;
    const now = Date.now();
    const earliest = Math.max(now, h.lastRefresh + Math.max(REFRESH_MS, REFRESH_COST_FACTOR * h.lastCost));
    // On a wall-clock grid: instances behind one load balancer, fed the same changes, then refresh at
    // the same moments and serve the same forecast (made from one state at one time). Refreshing at
    // their own moments they differed by the service time that went by in between, and kept differing
    // while the hall stayed quiet.
    const wait = Math.ceil(earliest / REFRESH_MS) * REFRESH_MS - now;
    h.timer = setTimeout(() => {
      h.timer = null;
      this.refreshForWaiters(h);
    }, wait);
    h.timer.unref?.();
  }

  private scheduleSettle(h: HallForecast, changedAt: number): void {
    if (h.settle) clearTimeout(h.settle);
    const now = Date.now();
    // The change's own time when it is the real clock's (a test's fake clock is not).
    const base = Math.abs(changedAt - now) < 60_000 ? changedAt : now;
    const at = Math.ceil((base + SETTLE_AFTER_MS) / SETTLE_GRID_MS) * SETTLE_GRID_MS;
    h.settle = setTimeout(() => {
      h.settle = null;
      // A paced refresh still to come (a slow instance's) would replace this one at its own moment: this
      // refresh covers the same changes, so it takes that one's place and its waiters.
      if (h.timer) {
        clearTimeout(h.timer);
        h.timer = null;
      }
      this.refreshForWaiters(h);
    }, Math.max(0, at - now));
    h.settle.unref?.();
  }

  /**
   * A scheduled refresh: a refresh still running read the hall before the changes that scheduled this
   * one, so this one runs after it; the readers waiting so far (upToDate) are let go when it ends.
   */
  private refreshForWaiters(h: HallForecast): void {
    const waiters = h.waiters.splice(0);
    const run = h.refreshing ? h.refreshing.catch(() => undefined).then(() => this.refresh(h)) : this.refresh(h);
    run
      .catch((e) => this.logger.warn(`Forecast refresh failed: ${(e as Error).message}`))
      .finally(() => waiters.forEach((w) => w()));
  }

  private refresh(h: HallForecast): Promise<void> {
    if (h.refreshing) return h.refreshing;
    h.refreshing = (async () => {
      try {
        h.lastRefresh = Date.now();
        const state = await this.queue.hallLineState(h.hallId);
        // In slices (a Monte Carlo of 2,000 waiting, or the per-ticket pass over 10,000, took 50-135 ms in
        // one piece, and every request waiting behind it felt all of it), resting between them so that they
        // take at most a quarter of the loop (BACKGROUND_SHARE); their CPU time paces the next refresh.
        const forecaster = h.forecaster;
        const { value, cpuMs } = await runInSlices((function* (): Generator<void, Predictions, void> {
          const p = yield* forecaster.predictSteps(hallSnapshotOf(state, DEFAULT_MAX_PRIORITY_STREAK), state.at);
          return {
            at: state.at,
            state,
            tickets: new Map(p.tickets.map((t) => [t.ticketId, t])),
            categories: new Map(p.categories.map((c) => [c.categoryId, c])),
            windows: p.windows,
          };
        })(), SLICE_MS);
        h.predictions = value;
        h.lastCost = cpuMs;
      } finally {
        h.refreshing = null;
      }
    })();
    return h.refreshing;
  }
}

/** A prediction made `elapsed` ms ago, as seen now: the wait has run down by that much. */
function estimate(expectedMs: number, p10Ms: number, p90Ms: number, pWithin: number, elapsed: number): WaitEstimate | null {
  if (!Number.isFinite(expectedMs)) return null;
  const left = (ms: number) => Math.max(0, Math.round((ms - Math.max(0, elapsed)) / 1000));
  return { expectedSec: left(expectedMs), lowSec: left(p10Ms), highSec: left(Number.isFinite(p90Ms) ? p90Ms : expectedMs * 2), withinTargetProbability: round2(pWithin), source: 'forecast' };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function utcOffsetMinutes(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(at));
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(parts.find((p) => p.type === 'timeZoneName')?.value ?? '');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}
