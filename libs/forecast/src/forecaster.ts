// Over 300 lines: event intake and predictions share the tracked tickets and the prediction caches; staffing and shaping live apart.
/**
 * The per-hall forecaster: fed every queue event (`observe`), it keeps the estimators (arrival rates,
 * service times, patience, wait calibration) and answers predictions for a hall snapshot at a given
 * time. No clock: every call carries `now`. Rebuild after a restart by replaying the event log.
 */
import type { CategorySnapshot, ForecastEvent, HallSnapshot, WindowSnapshot } from './hall/hall.types';
import type { PriorityClass, RoutingRule } from './hall/routing.types';
import { AbandonmentEstimator } from './estimators/abandonment.estimator';
import { ArrivalRateEstimator } from './estimators/arrival-rate.estimator';
import { ServiceTimeEstimator } from './estimators/service-time.estimator';
import { WaitCalibrator } from './estimators/wait-calibrator';
import { rawPredictions, rawPredictionsSteps, type LineModel, type RawWait } from './predict/fast-path';
import { runSteps } from './predict/steps';
import type { CategoryPrediction, TicketPrediction, WaitSummary, WindowPrediction } from './predict/prediction.types';
import { monteCarlo, monteCarloSteps, sampleStats, type MonteCarloInput, type MonteCarloModel, type MonteCarloResult } from './predict/monte-carlo';
import { calibrationFeatures, mcDistribution, residualLognormalMean, summarize, summarizeSamples } from './predict/wait-distribution';
import { integrateRate, type CategoryLoadInput } from './staffing/staffing';
import { adviseStaffingSteps, applyWhatIf, whatIfEffects, type AdviceLimits, type CategoryLoads } from './staffing/staffing-advisor';
import { StaffingHysteresis, type HysteresisOptions } from './staffing/hysteresis';
import { planDay, type DayPlanSlot } from './staffing/day-plan';
import type { StaffingAdvice, WhatIfChange, WhatIfResult } from './staffing/advice.types';

const MIN = 60_000;
/** New tickets' features are computed together once the event time moves this far past the first. */
const FEATURE_BATCH_MS = 1000;
/** 'auto' uses the Monte Carlo up to this many waiting tickets (the speed target is set at 1,000). */
const MONTE_CARLO_MAX_WAITING = 2000;
/** Tickets predicted between two pauses of predictSteps. */
const TICKETS_PER_STEP = 2048;

export interface ForecasterOptions {
  /** Categories known at start (targets, default service); refreshed from every snapshot passed in. */
  categories?: CategorySnapshot[];
  /** Arrival-rate slot, ms (default 30 min). */
  slotMs?: number;
  /** Hall time zone offset from UTC, minutes (default 480). */
  utcOffsetMinutes?: number;
  /** Prior mean patience, ms (default 60 min). */
  priorPatienceMs?: number;
  /** Default service time for a category never described, ms (default 10 min). */
  defaultServiceMs?: number;
  /** Default target wait for a category never described, ms (default 20 min). */
  defaultTargetWaitMs?: number;
  /** Routing rule parameter (default 2). */
  maxPriorityStreak?: number;
  /**
   * The routing rule (libs/queue's pickNextTicket). Needed for the Monte Carlo path; without it,
   * predictions use the QL_m fast path only.
   */
  rule?: RoutingRule;
  /** 'auto' (default): Monte Carlo when windows serve several categories or tickets target a window. */
  method?: 'auto' | 'fast' | 'monte_carlo';
  /** Seed for the Monte Carlo (default 1). */
  seed?: number;
  /** Calibration forgetting factor (default 0.999). */
  calibrationForgetting?: number;
  /** Staffing: clear the waiting line within this (default 2 h); hysteresis timings. */
  clearWithinMs?: number;
  hysteresis?: HysteresisOptions;
  /** Default share of tickets to be called within target (default 0.9). */
  defaultTargetShare?: number;
}

interface TrackedTicket {
  id: string;
  categoryId: string;
  priority: PriorityClass;
  issuedAt: number;
  /** When it (re-)entered the line. */
  queuedAt: number;
  targetWindowId: string | null;
  state: 'waiting' | 'called' | 'serving';
  calledAt?: number;
  startedAt?: number;
  windowId?: string;
  features?: number[];
}

export class Forecaster {
  readonly arrivals: ArrivalRateEstimator;
  readonly serviceTimes = new ServiceTimeEstimator();
  readonly abandonment: AbandonmentEstimator;
  readonly calibrator: WaitCalibrator;
  private readonly opts: ForecasterOptions;
  private readonly categories = new Map<string, CategorySnapshot>();
  private readonly tickets = new Map<string, TrackedTicket>();
  private readonly windows = new Map<string, WindowSnapshot>();
  private readonly priorityCounts = new Map<string, { prio: number; all: number }>();
  private lastEventAt = -Infinity;
  private eventCount = 0;
  private readonly hysteresis: StaffingHysteresis;
  /** New tickets whose features are not computed yet, and the first one's issue time. */
  private readonly pending = new Map<string, TrackedTicket>();
  private pendingSince = Infinity;
  private mcCache: { state: HallSnapshot; now: number; result: MonteCarloResult } | null = null;
  private rawCache: { state: HallSnapshot; now: number; result: ReturnType<typeof rawPredictions> } | null = null;

  constructor(opts: ForecasterOptions = {}) {
    this.opts = opts;
    this.arrivals = new ArrivalRateEstimator({ slotMs: opts.slotMs, utcOffsetMinutes: opts.utcOffsetMinutes });
    this.abandonment = new AbandonmentEstimator({ priorPatienceMs: opts.priorPatienceMs });
    this.calibrator = new WaitCalibrator(3, { forgetting: opts.calibrationForgetting });
    for (const c of opts.categories ?? []) this.categories.set(c.id, c);
    this.hysteresis = new StaffingHysteresis(opts.hysteresis);
  }

  // ---------------------------------------------------------------- events

  /** Feed one queue event (in time order). */
  observe(e: ForecastEvent): void {
    this.eventCount++;
    this.lastEventAt = Math.max(this.lastEventAt, e.at);
    if (this.pending.size && (e.at - this.pendingSince > FEATURE_BATCH_MS || ('ticketId' in e && e.type !== 'issued' && this.pending.has(e.ticketId)))) {
      this.flushFeatures();
    }
    if (this.eventCount % 1000 === 0) this.sweep(e.at);
    switch (e.type) {
      case 'issued': {
        if (this.tickets.has(e.ticketId)) break; // the same event seen twice (log replay and live stream)
        this.arrivals.observeArrival(e.categoryId, e.at);
        const pc = this.priorityCounts.get(e.categoryId) ?? { prio: 0, all: 0 };
        pc.all++;
        if (e.priority === 'priority') pc.prio++;
        this.priorityCounts.set(e.categoryId, pc);
        const t: TrackedTicket = {
          id: e.ticketId, categoryId: e.categoryId, priority: e.priority ?? 'normal',
          issuedAt: e.at, queuedAt: e.at, targetWindowId: null, state: 'waiting',
        };
        this.tickets.set(t.id, t);
        // Features (the line as this ticket found it) are computed for a batch of new tickets in one pass
        // over the line, not once per ticket: a busy hall issues many tickets a second.
        this.pending.set(t.id, t);
        this.pendingSince = Math.min(this.pendingSince, e.at);
        break;
      }
      case 'called': {
        const t = this.tickets.get(e.ticketId);
        if (!t) break;
        if (t.state === 'waiting') {
          t.state = 'called';
          t.calledAt = e.at;
          this.train(t, e.at);
          t.features = undefined;
        }
        t.windowId = e.windowId;
        break;
      }
      case 'served':
      case 'started': {
        const t = this.tickets.get(e.ticketId);
        if (!t) break;
        if (t.state === 'waiting') {
          t.calledAt = e.at;
          this.train(t, e.at);
          t.features = undefined;
        }
        if (t.state !== 'serving') this.abandonment.observe(t.categoryId, (t.calledAt ?? e.at) - t.queuedAt, false);
        t.state = 'serving';
        t.startedAt = e.at;
        if (e.windowId) t.windowId = e.windowId;
        break;
      }
      case 'finished': {
        const t = this.tickets.get(e.ticketId);
        if (!t) break;
        if (t.state === 'called') this.abandonment.observe(t.categoryId, (t.calledAt as number) - t.queuedAt, false);
        const from = t.startedAt ?? t.calledAt;
        if (from !== undefined) this.serviceTimes.observe(t.categoryId, e.windowId ?? t.windowId, e.at - from);
        this.tickets.delete(t.id);
        break;
      }
      case 'no_show': {
        const t = this.tickets.get(e.ticketId);
        if (!t) break;
        this.abandonment.observe(t.categoryId, (t.calledAt ?? e.at) - t.queuedAt, true);
        this.tickets.delete(t.id);
        break;
      }
      case 'abandoned':
      case 'cancelled': {
        const t = this.tickets.get(e.ticketId);
        if (!t) break;
        if (t.state === 'waiting') this.abandonment.observe(t.categoryId, e.at - t.queuedAt, true);
        this.tickets.delete(t.id);
        break;
      }
      case 'transferred': {
        const t = this.tickets.get(e.ticketId);
        if (!t) break;
        const from = t.startedAt ?? t.calledAt;
        if (t.state !== 'waiting' && from !== undefined) this.serviceTimes.observe(t.categoryId, t.windowId, e.at - from);
        t.categoryId = e.toCategoryId ?? t.categoryId;
        t.targetWindowId = e.toWindowId ?? null;
        t.state = 'waiting';
        t.queuedAt = e.at;
        t.calledAt = t.startedAt = t.windowId = undefined;
        t.features = undefined;
        break;
      }
      case 'window_opened':
      case 'window_paused':
      case 'window_closed': {
        const w = this.windows.get(e.windowId) ?? { id: e.windowId, state: 'closed' as const, categoryIds: [] };
        w.state = e.type === 'window_opened' ? 'open' : e.type === 'window_paused' ? 'paused' : 'closed';
        if (e.type === 'window_opened' && e.categoryIds) w.categoryIds = [...e.categoryIds];
        this.windows.set(w.id, w);
        break;
      }
      case 'profile_changed': {
        const w = this.windows.get(e.windowId) ?? { id: e.windowId, state: 'open' as const, categoryIds: [] };
        w.categoryIds = [...e.categoryIds];
        this.windows.set(w.id, w);
        break;
      }
    }
  }

  /** Computes the calibration features of the tickets issued since the last flush, in one pass. */
  private flushFeatures(): void {
    let at = -Infinity;
    for (const t of this.pending.values()) at = Math.max(at, t.issuedAt);
    const raw = rawPredictions(this.internalSnapshot(), at, this.lineModel(), this.streak()).tickets;
    for (const t of this.pending.values()) {
      const r = t.state === 'waiting' ? raw.get(t.id) : undefined;
      if (r) t.features = calibrationFeatures(r);
    }
    this.pending.clear();
    this.pendingSince = Infinity;
  }

  /** Forget tickets untouched for 12 hours (a lost terminal event must not leave a window busy forever). */
  private sweep(now: number): void {
    for (const [id, t] of this.tickets) {
      const last = Math.max(t.queuedAt, t.calledAt ?? -Infinity, t.startedAt ?? -Infinity);
      if (now - last > 12 * 3_600_000) this.tickets.delete(id);
    }
  }

  /** Calibration learns from tickets that really waited (a wait of 0 says nothing about the line). */
  private train(t: TrackedTicket, calledAt: number): void {
    const wait = calledAt - t.queuedAt;
    if (t.features && wait > 0) this.calibrator.update(t.priority, t.features, wait / MIN);
  }

  /** Feed many events (e.g. the log at start-up). */
  observeAll(events: Iterable<ForecastEvent>): void {
    for (const e of events) this.observe(e);
  }

  /** The hall as the forecaster reconstructs it from events (windows empty if none were seen). */
  internalSnapshot(): HallSnapshot {
    const waiting = [];
    const serving = [];
    for (const t of this.tickets.values()) {
      if (t.state === 'waiting') {
        waiting.push({ id: t.id, categoryId: t.categoryId, priority: t.priority, issuedAt: t.issuedAt, targetWindowId: t.targetWindowId });
      } else if (t.windowId !== undefined || this.windows.size === 0) {
        serving.push({ id: t.id, categoryId: t.categoryId, windowId: t.windowId ?? t.id, startedAt: (t.startedAt ?? t.calledAt) as number });
      }
    }
    const cats = new Set<string>([...this.categories.keys(), ...waiting.map((t) => t.categoryId), ...serving.map((t) => t.categoryId)]);
    return {
      categories: [...cats].map((id) => this.category(id)),
      windows: [...this.windows.values()].map((w) => ({ ...w, categoryIds: [...w.categoryIds] })),
      waiting,
      serving,
      maxPriorityStreak: this.streak(),
    };
  }

  // ---------------------------------------------------------------- models

  private streak(): number {
    return this.opts.maxPriorityStreak ?? 2;
  }

  private category(id: string): CategorySnapshot {
    return (
      this.categories.get(id) ?? {
        id,
        targetWaitMs: this.opts.defaultTargetWaitMs ?? 20 * MIN,
        defaultServiceMs: this.opts.defaultServiceMs ?? 10 * MIN,
      }
    );
  }

  /** Every snapshot passed in refreshes the categories and windows the forecaster knows. */
  private learnCategories(state: HallSnapshot): void {
    for (const c of state.categories) this.categories.set(c.id, c);
    for (const w of state.windows) this.windows.set(w.id, { id: w.id, state: w.state, categoryIds: [...w.categoryIds] });
  }

  /**
   * Tell the forecaster the hall as it is (categories, windows) without asking anything, e.g. at start
   * before replaying the event log, so windows opened long ago are known.
   */
  sync(state: Pick<HallSnapshot, 'categories' | 'windows'>): void {
    this.learnCategories({ ...state, waiting: [], serving: [] });
  }

  /** The line model the predictors use: fitted service means, patience, priority arrival rates. */
  lineModel(now = this.lastEventAt): LineModel {
    return {
      serviceMeanMs: (c, w) => this.serviceTimes.estimate(c, this.category(c).defaultServiceMs, w).meanMs,
      abandonRatePerMs: (c) => (c === '*' ? this.abandonment.hallRatePerMs() : this.abandonment.ratePerMs(c)),
      priorityArrivalRatePerMs: (c) => {
        const pc = this.priorityCounts.get(c);
        if (!pc || !pc.all) return 0;
        return ((this.arrivals.ratePerHour(c, now, now) || 0) * (pc.prio / pc.all)) / 3_600_000;
      },
    };
  }

  /** The Monte Carlo's model: fitted lognormal services (per window), patience, arrivals. */
  monteCarloModel(now: number): MonteCarloModel {
    return {
      service: (c, w) => {
        const fit = this.serviceTimes.estimate(c, this.category(c).defaultServiceMs, w);
        return { mu: fit.mu, sigma: fit.sigma };
      },
      patienceRatePerMs: (c) => this.abandonment.ratePerMs(c),
      arrivalRatePerMs: (c) => (this.arrivals.ratePerHour(c, now, now) || 0) / 3_600_000,
      priorityShare: (c) => {
        const pc = this.priorityCounts.get(c);
        return pc && pc.all ? pc.prio / pc.all : 0;
      },
    };
  }

  /** Whether predictions for this snapshot go through the Monte Carlo of the routing rule. */
  usesMonteCarlo(state: HallSnapshot): boolean {
    const method = this.opts.method ?? 'auto';
    if (!this.opts.rule || method === 'fast') return false;
    if (method === 'monte_carlo') return true;
    // Beyond this many waiting tickets the Monte Carlo's cost grows past what a live hall can spend
    // twice a second; QL_m stays linear and accurate for long single lines.
    if (state.waiting.length > MONTE_CARLO_MAX_WAITING) return false;
    return (
      state.windows.some((w) => w.state === 'open' && w.categoryIds.length > 1) ||
      state.waiting.some((t) => !!t.targetWindowId)
    );
  }

  /** Monte Carlo result for (state, now), computed once and reused by the predict* calls. */
  private monteCarloFor(state: HallSnapshot, now: number): MonteCarloResult {
    if (this.mcCache && this.mcCache.state === state && this.mcCache.now === now) return this.mcCache.result;
    const result = monteCarlo(this.monteCarloInput(state, now));
    this.mcCache = { state, now, result };
    return result;
  }

  private monteCarloInput(state: HallSnapshot, now: number): MonteCarloInput {
    return {
      state: { ...state, maxPriorityStreak: state.maxPriorityStreak ?? this.streak() },
      now,
      rule: this.opts.rule as RoutingRule,
      model: this.monteCarloModel(now),
      seed: this.opts.seed ?? 1,
    };
  }

  /** Raw QL_m for (state, now), computed once and reused by the predict* calls. */
  private rawFor(state: HallSnapshot, now: number): ReturnType<typeof rawPredictions> {
    if (this.rawCache && this.rawCache.state === state && this.rawCache.now === now) return this.rawCache.result;
    const result = rawPredictions(state, now, this.lineModel(now), state.maxPriorityStreak ?? this.streak());
    this.rawCache = { state, now, result };
    return result;
  }

  /**
   * predict() in slices, for a server that must not hold its event loop: the Monte Carlo pauses every
   * couple of thousand simulated events (monteCarloSteps), the fast path and the per-ticket pass every
   * couple of thousand tickets. The same result as predict(state, now) when no event is observed in
   * between; one observed meanwhile may reach the parts computed after it, as if predicted a moment later.
   */
  *predictSteps(state: HallSnapshot, now: number): Generator<void, ReturnType<Forecaster['predict']>, void> {
    this.learnCategories(state);
    const hit = <T>(c: { state: HallSnapshot; now: number; result: T } | null) => (c && c.state === state && c.now === now ? c : null);
    const mc = !this.usesMonteCarlo(state) ? null : (hit(this.mcCache)?.result ?? (yield* monteCarloSteps(this.monteCarloInput(state, now))));
    const raw = hit(this.rawCache)?.result ?? (yield* rawPredictionsSteps(state, now, this.lineModel(now), state.maxPriorityStreak ?? this.streak()));
    // The predict* calls below read these from the caches; another caller (advice on another snapshot)
    // may have replaced them during a pause, and would make them compute again in one piece.
    const keep = () => {
      if (mc) this.mcCache = { state, now, result: mc };
      this.rawCache = { state, now, result: raw };
    };
    keep();
    const categories = this.predictCategories(state, now);
    const tickets = yield* this.predictTicketsSteps(state, now);
    keep();
    return { tickets, categories, windows: this.predictWindows(state, now, categories) };
  }

  /** Tickets, categories and windows in one call (one fast-path pass, one Monte Carlo). */
  predict(state: HallSnapshot, now: number): { tickets: TicketPrediction[]; categories: CategoryPrediction[]; windows: WindowPrediction[] } {
    const categories = this.predictCategories(state, now);
    return { tickets: this.predictTickets(state, now), categories, windows: this.predictWindows(state, now, categories) };
  }

  private distribution(raw: RawWait, priority: PriorityClass): { mean: number; variance: number } {
    if (raw.ahead < raw.free) return { mean: 0, variance: 0 };
    if (!Number.isFinite(raw.mean)) return { mean: raw.mean, variance: raw.variance };
    const cal = this.calibrator.predict(priority, calibrationFeatures(raw));
    if (!cal.calibrated) return { mean: raw.mean, variance: raw.variance };
    const mean = cal.mean * MIN;
    const scaled = raw.mean > 0 ? raw.variance * (mean / raw.mean) ** 2 : 0;
    return { mean, variance: Number.isFinite(cal.variance) && cal.variance > 0 ? cal.variance * MIN * MIN : scaled };
  }

  // ---------------------------------------------------------------- predictions

  /** Predictions for every waiting ticket of the snapshot. */
  predictTickets(state: HallSnapshot, now: number): TicketPrediction[] {
    return runSteps(this.predictTicketsSteps(state, now));
  }

  private *predictTicketsSteps(state: HallSnapshot, now: number): Generator<void, TicketPrediction[], void> {
    this.learnCategories(state);
    const raw = this.rawFor(state, now);
    const mc = this.usesMonteCarlo(state) ? this.monteCarloFor(state, now) : null;
    const out: TicketPrediction[] = [];
    let seen = 0;
    for (const t of state.waiting) {
      if (++seen % TICKETS_PER_STEP === 0) yield;
      const r = raw.tickets.get(t.id);
      if (!r) continue;
      const samples = mc?.tickets.get(t.id);
      const d = samples ? mcDistribution(samples, r) : this.distribution(r, t.priority);
      const deadline = t.issuedAt + this.category(t.categoryId).targetWaitMs - now;
      out.push({
        ticketId: t.id,
        categoryId: t.categoryId,
        ahead: r.ahead,
        ...(samples && samples.length >= 50 ? summarizeSamples(samples, deadline) : summarize(d.mean, d.variance, deadline)),
        expectedCallAt: now + d.mean,
        method: samples ? 'monte_carlo' : 'ql_m',
      });
    }
    return out;
  }

  /** Per category: the wait of a ticket taken now, the line, the forecast arrival rate. */
  predictCategories(state: HallSnapshot, now: number): CategoryPrediction[] {
    this.learnCategories(state);
    return this.categoryPredictions(state, now);
  }

  /** categoryPredictions in slices: the Monte Carlo and the fast path pause every couple of thousand events or tickets. */
  private *categoryPredictionsSteps(state: HallSnapshot, now: number): Generator<void, CategoryPrediction[], void> {
    const hit = <T>(c: { state: HallSnapshot; now: number; result: T } | null) => (c && c.state === state && c.now === now ? c : null);
    const mc = !this.usesMonteCarlo(state) ? null : (hit(this.mcCache)?.result ?? (yield* monteCarloSteps(this.monteCarloInput(state, now))));
    const raw = hit(this.rawCache)?.result ?? (yield* rawPredictionsSteps(state, now, this.lineModel(now), state.maxPriorityStreak ?? this.streak()));
    // Another caller may have replaced the caches during a pause: set both, then read them at once.
    if (mc) this.mcCache = { state, now, result: mc };
    this.rawCache = { state, now, result: raw };
    return this.categoryPredictions(state, now);
  }

  /** predictCategories without learning the snapshot's windows (a what-if's hall is not the hall). */
  private categoryPredictions(state: HallSnapshot, now: number): CategoryPrediction[] {
    const model = this.lineModel(now);
    const raw = this.rawFor(state, now);
    const mc = this.usesMonteCarlo(state) ? this.monteCarloFor(state, now) : null;
    const waiting = new Map<string, number>();
    for (const t of state.waiting) waiting.set(t.categoryId, (waiting.get(t.categoryId) ?? 0) + 1);
    return state.categories.map((c) => {
      // A ticket taken now, of each class: the Monte Carlo's ghosts when it ran, else the fast path's.
      const taken = (r: RawWait | undefined, samples: Float64Array | undefined, cls: PriorityClass): WaitSummary => {
        if (samples && samples.length >= 50) return summarizeSamples(samples, c.targetWaitMs);
        const d = samples ? mcDistribution(samples, r) : r ? this.distribution(r, cls) : { mean: Infinity, variance: Infinity };
        return summarize(d.mean, d.variance, c.targetWaitMs);
      };
      const samples = mc?.newTickets.get(c.id);
      return {
        categoryId: c.id,
        waiting: waiting.get(c.id) ?? 0,
        openWindows: state.windows.filter((w) => w.state === 'open' && w.categoryIds.includes(c.id)).length,
        ...taken(raw.newTicket.get(c.id), samples, 'normal'),
        priorityTicket: taken(raw.newPriorityTicket.get(c.id), mc?.newPriorityTickets.get(c.id), 'priority'),
        arrivalsPerHour: this.arrivals.ratePerHour(c.id, now, now),
        arrivalsNextHour: integrateRate(this.arrivals.forecast(c.id, now, 4, 15 * MIN, now).map((r) => (Number.isFinite(r) ? r : 0)), 15 * MIN, 60 * MIN),
        meanServiceMs: model.serviceMeanMs(c.id),
        method: samples ? ('monte_carlo' as const) : ('ql_m' as const),
      };
    });
  }

  /** Per window: the line it serves and when it will call its next ticket. */
  predictWindows(state: HallSnapshot, now: number, categories = this.predictCategories(state, now)): WindowPrediction[] {
    const cats = new Map(categories.map((c) => [c.categoryId, c]));
    const mc = this.usesMonteCarlo(state) ? this.monteCarloFor(state, now) : null;
    // Callable tickets per window from counts per line: one pass over the line, not one per window.
    const perCategory = new Map<string, number>();
    const perTarget = new Map<string, number>();
    for (const t of state.waiting) {
      if (t.targetWindowId) perTarget.set(t.targetWindowId, (perTarget.get(t.targetWindowId) ?? 0) + 1);
      else perCategory.set(t.categoryId, (perCategory.get(t.categoryId) ?? 0) + 1);
    }
    return state.windows.map((w) => {
      const callable = (perTarget.get(w.id) ?? 0) + [...new Set(w.categoryIds)].reduce((n, c) => n + (perCategory.get(c) ?? 0), 0);
      const serving = state.serving.find((s) => s.windowId === w.id);
      let nextCallAt: number | null = null;
      const mcNext = mc?.windows.get(w.id);
      if (mcNext && w.state === 'open') {
        const st = sampleStats(mcNext);
        nextCallAt = st.finiteShare >= 0.5 ? now + st.mean : null;
      } else if (w.state === 'open' && callable > 0) {
        if (!serving) nextCallAt = now;
        else {
          const fit = this.serviceTimes.estimate(serving.categoryId, this.category(serving.categoryId).defaultServiceMs, w.id);
          nextCallAt = now + residualLognormalMean(fit.mu, fit.sigma, Math.max(0, now - serving.startedAt));
        }
      }
      const first = w.categoryIds[0];
      return {
        windowId: w.id,
        state: w.state,
        callable,
        nextCallAt,
        lineWaitMs: first ? (cats.get(first)?.expectedWaitMs ?? 0) : 0,
      };
    });
  }

  // ---------------------------------------------------------------- staffing

  /** What the staffing model needs to know of a category at `now`. */
  categoryLoad(state: HallSnapshot, categoryId: string, now: number): CategoryLoadInput {
    const c = this.category(categoryId);
    const fit = this.serviceTimes.estimate(categoryId, c.defaultServiceMs);
    const rates = this.arrivals.forecast(categoryId, now, 9, 15 * MIN, now).map((r) => (Number.isFinite(r) ? r : 0));
    return {
      categoryId,
      targetWaitMs: c.targetWaitMs,
      targetShare: c.targetShare ?? this.opts.defaultTargetShare ?? 0.9,
      meanServiceMs: fit.meanMs,
      serviceCv: fit.cv,
      meanPatienceMs: this.abandonment.meanPatienceMs(categoryId),
      arrivalsPerHour: rates,
      stepMs: 15 * MIN,
      waiting: state.waiting.filter((t) => t.categoryId === categoryId).length,
      inService: state.serving.filter((t) => t.categoryId === categoryId).length,
    };
  }

  /** Each category's load (categoryLoad) for the snapshot's categories. */
  private loads(state: HallSnapshot, now: number): CategoryLoads {
    return new Map(state.categories.map((c) => [c.id, this.categoryLoad(state, c.id, now)]));
  }

  private clearWithinMs(): number {
    return this.opts.clearWithinMs ?? 2 * 3_600_000;
  }

  /**
   * Staffing advice (staffing/staffing-advisor.ts) from this hall's loads and its hysteresis: per category
   * the windows needed and advised, and the actions that fit the hall (`limits`: clerks on duty), each with
   * its effect predicted by this forecaster's category predictions (the same as predictCategories and
   * whatIf give). Call it every minute and after large changes.
   */
  advise(state: HallSnapshot, now: number, limits: AdviceLimits = {}): StaffingAdvice {
    return runSteps(this.adviseSteps(state, now, limits));
  }

  /**
   * advise() in slices, for a server: it makes one prediction of the hall now, one per action and one of
   * all actions together, each pausing as predictSteps does.
   */
  *adviseSteps(state: HallSnapshot, now: number, limits: AdviceLimits = {}): Generator<void, StaffingAdvice, void> {
    this.learnCategories(state);
    const predict = (s: HallSnapshot) => this.categoryPredictionsSteps(s, now);
    return yield* adviseStaffingSteps(state, now, this.loads(state, now), this.hysteresis, this.clearWithinMs(), predict, limits);
  }

  /** The effect of a change the manager proposes (window states, work profiles), before and after. */
  whatIf(state: HallSnapshot, change: WhatIfChange, now: number): WhatIfResult {
    this.learnCategories(state);
    const changed = applyWhatIf(state, change);
    const loads = this.loads(state, now);
    const predictedBefore = this.predictCategories(state, now);
    const predictedAfter = this.categoryPredictions(changed, now);
    return whatIfEffects({ state, changed, loads, clearWithinMs: this.clearWithinMs(), predictedBefore, predictedAfter });
  }

  /**
   * Tomorrow's (or any coming day's) window plan: per slot from `from` to `to`, the windows each category
   * needs for its target, from the weekday-and-slot arrival history and the fitted service times.
   */
  planDay(categories: CategorySnapshot[], from: number, to: number, stepMs = 30 * MIN): DayPlanSlot[] {
    const steps = Math.max(0, Math.ceil((to - from) / stepMs));
    return planDay(from, stepMs, categories.map((c) => {
      const fit = this.serviceTimes.estimate(c.id, c.defaultServiceMs);
      return {
        categoryId: c.id,
        arrivalsPerHour: Array.from({ length: steps }, (_, i) => this.arrivals.profileRatePerHour(c.id, from + i * stepMs + stepMs / 2)),
        meanServiceMs: fit.meanMs,
        serviceCv: fit.cv,
        meanPatienceMs: this.abandonment.meanPatienceMs(c.id),
        targetWaitMs: c.targetWaitMs,
        targetShare: c.targetShare ?? this.opts.defaultTargetShare ?? 0.9,
      };
    }));
  }

  /** Forecast arrival rate per hour for `steps` steps of `stepMs` from `from`, as seen at `now` (profile x today). */
  arrivalsForecast(categoryId: string, from: number, steps: number, stepMs: number, now: number): number[] {
    return this.arrivals.forecast(categoryId, from, steps, stepMs, now).map((r) => (Number.isFinite(r) ? r : 0));
  }

  /** Counters for health checks. */
  stats(): { events: number; tracked: number; lastEventAt: number } {
    return { events: this.eventCount, tracked: this.tickets.size, lastEventAt: this.lastEventAt };
  }
}

export function createForecaster(opts: ForecasterOptions = {}): Forecaster {
  return new Forecaster(opts);
}
