// Over 300 lines: one closure holds the event loop's state (heap, line, windows, streams), shared by the stepped and the whole-day forms.
/**
 * Seeded discrete-event simulator of a service hall: time-varying Poisson arrivals per category,
 * lognormal (or exponential) services, exponential patience (abandonment), priority classes,
 * multi-category windows calling under the routing rule passed in, and windows opened, closed or
 * re-profiled during the day. Same seed, same day.
 */
import type { ForecastEvent, WaitingTicketSnapshot, ServingTicketSnapshot, WindowStatus } from '../hall/hall.types';
import type { PriorityClass, RoutableTicket, RoutableWindow, RoutingRule } from '../hall/routing.types';
import { MinHeap } from '../hall/binary-heap';
import { createRng, deriveSeed, lognormalFromMeanCv, sampleExponential, sampleLognormal, type Rng } from '../random/prng';

export interface SimCategory {
  id: string;
  targetWaitMs: number;
  /**
   * Arrivals per hour: one number for the whole day, or one per slot of `slotMs` starting at the
   * simulation start (the last slot's rate holds after the list ends unless arrivals stop at `end`).
   */
  arrivalsPerHour: number | number[];
  /** Share of arrivals in the priority class (default 0). */
  priorityShare?: number;
  meanServiceMs: number;
  /** Coefficient of variation of service time (default 1). */
  serviceCv?: number;
  /** 'lognormal' (default) or 'exponential' (cv ignored). */
  serviceDistribution?: 'lognormal' | 'exponential';
  /** Mean patience before abandoning, ms; omitted or Infinity = nobody leaves. */
  meanPatienceMs?: number;
}

export interface SimWindow {
  id: string;
  state: WindowStatus;
  categoryIds: string[];
  /** Service-time multiplier for this window (1 = category mean; 1.2 = 20% slower). */
  speedFactor?: number;
}

export interface SimWindowChange {
  at: number;
  windowId: string;
  state?: WindowStatus;
  categoryIds?: string[];
}

export interface SimConfig {
  seed: number;
  /** Start time, epoch ms. */
  start: number;
  /** Arrivals stop at `end`; service continues until the line is empty (or `stopAt`). */
  end: number;
  /** Hard stop (default: run until everyone is called or gone). */
  stopAt?: number;
  /** Length of an arrival-rate slot, ms (default 30 min). */
  slotMs?: number;
  categories: SimCategory[];
  windows: SimWindow[];
  changes?: SimWindowChange[];
  rule: RoutingRule;
  maxPriorityStreak?: number;
  /**
   * Draw each citizen (arrival time, priority, patience, service time) from a stream of its own when
   * they arrive, so the same seed brings the same citizens whatever the windows do: staffing policies
   * compared on one day then differ only by what they did. Default false: one stream for everything,
   * service times drawn at the call (the days of earlier seeds stay as they were).
   */
  commonRandomNumbers?: boolean;
  /** Record the event stream (default true; long validation runs switch it off to save memory). */
  recordEvents?: boolean;
  /** Tickets already waiting / in service at `start`. */
  initialWaiting?: WaitingTicketSnapshot[];
  initialServing?: ServingTicketSnapshot[];
}

export interface SimTicket {
  id: string;
  categoryId: string;
  priority: PriorityClass;
  issuedAt: number;
  calledAt?: number;
  abandonedAt?: number;
  /**
   * For an abandoned ticket: when it would have been called had it stayed (its offered wait ends then).
   * The routing rule reaches it as a ghost and the window calls the next ticket at once.
   */
  offeredCallAt?: number;
  serviceStart?: number;
  serviceEnd?: number;
  windowId?: string;
  /** Number of tickets waiting (all categories) when this one was issued. */
  waitingAtIssue: number;
}

export interface SimResult {
  tickets: SimTicket[];
  events: ForecastEvent[];
  /** Time the simulation stopped. */
  endedAt: number;
}

interface WState extends RoutableWindow {
  categoryIds: string[];
  state: WindowStatus;
  busy: boolean;
  speed: number;
}

type Ev =
  | { k: 'arrival'; cat: number }
  | { k: 'abandon'; t: SimTicket }
  | { k: 'done'; w: WState; t: SimTicket }
  | { k: 'change'; c: SimWindowChange };

/** Sample a service time for a category (and a window's speed factor). */
export function sampleService(rng: Rng, cat: SimCategory, speed = 1): number {
  if (cat.serviceDistribution === 'exponential') return sampleExponential(rng, cat.meanServiceMs * speed);
  const { mu, sigma } = lognormalFromMeanCv(cat.meanServiceMs * speed, cat.serviceCv ?? 1);
  return sampleLognormal(rng, mu, sigma);
}

/**
 * A hall simulation that can be advanced step by step (the demo drives it from its clock) and changed
 * while it runs (a manager opens a window, changes a profile).
 */
export interface HallSimulation {
  /** Simulation time: the last processed event, or the time last advanced to. */
  readonly now: number;
  /**
   * Time of the next pending event (an arrival, a service's end, a patience running out, a planned
   * change); Infinity once the day is over, so a driver stepping the day knows when to stop.
   */
  readonly nextEventAt: number;
  /** Every ticket so far (records are updated in place as the day goes on). */
  readonly tickets: readonly SimTicket[];
  /** The event stream so far (when `recordEvents` is on). */
  readonly events: readonly ForecastEvent[];
  /** Process every event up to and including `t`; returns the events this produced. */
  advanceTo(t: number): ForecastEvent[];
  /** Run until no event is left (or `stopAt`). */
  runToEnd(): ForecastEvent[];
  /** Change a window now: state and/or work profile. Returns the events this produced. */
  changeWindow(change: Omit<SimWindowChange, 'at'>): ForecastEvent[];
  /** The hall as a snapshot, for the forecaster. */
  snapshot(): {
    waiting: WaitingTicketSnapshot[];
    serving: ServingTicketSnapshot[];
    windows: { id: string; state: WindowStatus; categoryIds: string[]; priorityStreak: number }[];
  };
}

/** Simulate a whole day (or until `stopAt`) at once. */
export function simulateHall(cfg: SimConfig): SimResult {
  const sim = createHallSimulation(cfg);
  sim.runToEnd();
  return { tickets: sim.tickets as SimTicket[], events: sim.events as ForecastEvent[], endedAt: sim.now };
}

export function createHallSimulation(cfg: SimConfig): HallSimulation {
  const rng = createRng(cfg.seed);
  const citizens = cfg.commonRandomNumbers ? createRng(deriveSeed(cfg.seed, 1)) : rng;
  /** Service times drawn on arrival (commonRandomNumbers), at a speed factor of 1. */
  const serviceOf = new Map<SimTicket, number>();
  const slotMs = cfg.slotMs ?? 30 * 60_000;
  const heap = new MinHeap<Ev>();
  const events: ForecastEvent[] = [];
  const record = cfg.recordEvents ?? true;
  const emit = (e: ForecastEvent) => {
    if (record) events.push(e);
  };
  const tickets: SimTicket[] = [];
  const waiting: Entry[] = [];
  // Each line entry carries its record, so the rule's pick leads straight back to it (no id lookups).
  type Entry = RoutableTicket & { sim: SimTicket };
  const catIndex = new Map(cfg.categories.map((c, i) => [c.id, i]));
  const targetWaitMs: Record<string, number> = {};
  for (const c of cfg.categories) targetWaitMs[c.id] = c.targetWaitMs;
  const maxPriorityStreak = cfg.maxPriorityStreak ?? 2;
  const windows: WState[] = cfg.windows.map((w) => ({
    id: w.id,
    categoryIds: [...w.categoryIds],
    state: w.state,
    busy: false,
    speed: w.speedFactor ?? 1,
    priorityStreak: 0,
  }));
  const windowById = new Map(windows.map((w) => [w.id, w]));
  const seq = cfg.categories.map(() => 0);
  let ghosts = 0; // abandoned tickets still in `waiting` until the rule reaches them
  let now = cfg.start;

  const rateAt = (cat: SimCategory, t: number): number => {
    const r = cat.arrivalsPerHour;
    if (typeof r === 'number') return r / 3_600_000;
    const i = Math.floor((t - cfg.start) / slotMs);
    return (r[Math.min(Math.max(i, 0), r.length - 1)] ?? 0) / 3_600_000;
  };
  const nextArrival = (cat: SimCategory, t: number): number => {
    while (t < cfg.end) {
      const rate = rateAt(cat, t);
      const boundary = typeof cat.arrivalsPerHour === 'number' ? cfg.end : cfg.start + (Math.floor((t - cfg.start) / slotMs) + 1) * slotMs;
      if (rate > 0) {
        const dt = sampleExponential(citizens, 1 / rate);
        if (t + dt < Math.min(boundary, cfg.end)) return t + dt;
      }
      t = Math.min(boundary, cfg.end);
    }
    return Infinity;
  };

  const enqueue = (t: SimTicket, targetWindowId?: string | null) => {
    const cat = cfg.categories[catIndex.get(t.categoryId) ?? -1];
    waiting.push({ id: t.id, categoryId: t.categoryId, priority: t.priority, issuedAt: t.issuedAt, targetWindowId: targetWindowId ?? null, sim: t });
    const patience = cat ? sampleExponential(citizens, cat.meanPatienceMs ?? Infinity) : Infinity;
    if (cfg.commonRandomNumbers && cat) serviceOf.set(t, sampleService(citizens, cat));
    if (Number.isFinite(patience)) heap.push(now + patience, { k: 'abandon', t });
  };

  const startService = (w: WState, t: SimTicket) => {
    const cat = cfg.categories[catIndex.get(t.categoryId) ?? 0];
    w.busy = true;
    t.calledAt = now;
    t.serviceStart = now;
    t.windowId = w.id;
    emit({ type: 'called', at: now, ticketId: t.id, windowId: w.id });
    emit({ type: 'started', at: now, ticketId: t.id, windowId: w.id });
    const drawn = serviceOf.get(t);
    serviceOf.delete(t);
    const s = drawn !== undefined ? drawn * w.speed : sampleService(rng, cat, w.speed);
    heap.push(now + s, { k: 'done', w, t });
  };

  const tryCall = (w: WState): boolean => {
    if (w.busy || w.state !== 'open' || !waiting.length) return false;
    let pick: RoutableTicket | undefined;
    let sim: SimTicket;
    for (;;) {
      pick = cfg.rule(w, waiting, { now, targetWaitMs, maxPriorityStreak });
      if (!pick) return false;
      let i = waiting.indexOf(pick as Entry);
      if (i < 0) i = waiting.findIndex((x) => x.id === (pick as RoutableTicket).id); // a rule that copies tickets
      sim = waiting[i].sim;
      waiting.splice(i, 1);
      if (sim.abandonedAt === undefined) break;
      ghosts--;
      sim.offeredCallAt = now; // a ghost: it left earlier; the window calls the next ticket
      if (!waiting.length) return false;
    }
    w.priorityStreak = pick.priority === 'priority' && !pick.targetWindowId ? w.priorityStreak + 1 : 0;
    startService(w, sim);
    return true;
  };
  const dispatchAll = () => {
    for (const w of windows) tryCall(w);
  };

  // Initial state.
  for (const s of cfg.initialServing ?? []) {
    const w = windowById.get(s.windowId);
    const cat = cfg.categories[catIndex.get(s.categoryId) ?? -1];
    if (!w || !cat) continue;
    const t: SimTicket = {
      id: s.id,
      categoryId: s.categoryId,
      priority: 'normal',
      issuedAt: s.startedAt,
      calledAt: s.startedAt,
      serviceStart: s.startedAt,
      windowId: w.id,
      waitingAtIssue: 0,
    };
    tickets.push(t);
    w.busy = true;
    const elapsed = Math.max(0, now - s.startedAt);
    let d = 0;
    for (let tries = 0; tries < 50 && d <= elapsed; tries++) d = sampleService(rng, cat, w.speed);
    heap.push(s.startedAt + Math.max(d, elapsed + 1), { k: 'done', w, t });
  }
  for (const q of [...(cfg.initialWaiting ?? [])].sort((a, b) => a.issuedAt - b.issuedAt)) {
    const t: SimTicket = { id: q.id, categoryId: q.categoryId, priority: q.priority, issuedAt: q.issuedAt, waitingAtIssue: 0 };
    tickets.push(t);
    enqueue(t, q.targetWindowId);
  }
  cfg.categories.forEach((c, i) => {
    const t = nextArrival(c, cfg.start);
    if (Number.isFinite(t)) heap.push(t, { k: 'arrival', cat: i });
  });
  for (const c of cfg.changes ?? []) heap.push(c.at, { k: 'change', c });
  dispatchAll();

  const stopAt = cfg.stopAt ?? Infinity;
  const handle = (ev: Ev): void => {
    switch (ev.k) {
      case 'arrival': {
        const cat = cfg.categories[ev.cat];
        const priority: PriorityClass = citizens.next() < (cat.priorityShare ?? 0) ? 'priority' : 'normal';
        const t: SimTicket = { id: `${cat.id}-${++seq[ev.cat]}`, categoryId: cat.id, priority, issuedAt: now, waitingAtIssue: waiting.length - ghosts };
        tickets.push(t);
            emit({ type: 'issued', at: now, ticketId: t.id, categoryId: cat.id, priority });
        enqueue(t);
        const nxt = nextArrival(cat, now);
        if (Number.isFinite(nxt)) heap.push(nxt, { k: 'arrival', cat: ev.cat });
        for (const w of windows) if (tryCall(w)) break;
        break;
      }
      case 'abandon': {
        if (ev.t.calledAt !== undefined) break;
        // It stays in the list as a ghost until the rule reaches it (see SimTicket.offeredCallAt).
        ev.t.abandonedAt = now;
        ghosts++;
        emit({ type: 'abandoned', at: now, ticketId: ev.t.id });
        break;
      }
      case 'done': {
        ev.t.serviceEnd = now;
        ev.w.busy = false;
        emit({ type: 'finished', at: now, ticketId: ev.t.id, windowId: ev.w.id });
        tryCall(ev.w);
        break;
      }
      case 'change': {
        const w = windowById.get(ev.c.windowId);
        if (!w) break;
        if (ev.c.categoryIds) {
          w.categoryIds = [...ev.c.categoryIds];
          emit({ type: 'profile_changed', at: now, windowId: w.id, categoryIds: [...w.categoryIds] });
        }
        if (ev.c.state && ev.c.state !== w.state) {
          w.state = ev.c.state;
          emit(
            w.state === 'open'
              ? { type: 'window_opened', at: now, windowId: w.id, categoryIds: [...w.categoryIds] }
              : w.state === 'paused'
                ? { type: 'window_paused', at: now, windowId: w.id }
                : { type: 'window_closed', at: now, windowId: w.id },
          );
        }
        tryCall(w);
        break;
      }
    }
  };
  const runUntil = (limit: number): ForecastEvent[] => {
    const from = events.length;
    while (heap.size && heap.peekKey() <= Math.min(limit, stopAt)) {
      now = heap.peekKey();
      handle(heap.pop() as Ev);
    }
    return events.slice(from);
  };
  const servingNow = new Map<string, SimTicket>(); // rebuilt on demand by snapshot()
  return {
    get now() {
      return now;
    },
    get nextEventAt() {
      // A patience timer of a ticket already called can no longer fire: drop it, or the day would seem
      // to go on for hours after its last service. Handling it would have changed nothing.
      for (let top = heap.peek(); top?.k === 'abandon' && top.t.calledAt !== undefined; top = heap.peek()) heap.pop();
      return heap.peekKey() <= stopAt ? heap.peekKey() : Infinity;
    },
    tickets,
    events,
    advanceTo(t: number) {
      const out = runUntil(t);
      if (Number.isFinite(t) && t > now) now = t;
      return out;
    },
    runToEnd() {
      return runUntil(Infinity);
    },
    changeWindow(change) {
      const from = events.length;
      handle({ k: 'change', c: { ...change, at: now } });
      return events.slice(from);
    },
    snapshot() {
      servingNow.clear();
      for (const t of tickets) if (t.serviceStart !== undefined && t.serviceEnd === undefined && t.windowId) servingNow.set(t.windowId, t);
      return {
        waiting: waiting
          .filter((e) => e.sim.abandonedAt === undefined)
          .map((e) => ({ id: e.id, categoryId: e.categoryId, priority: e.priority, issuedAt: e.issuedAt, targetWindowId: e.targetWindowId ?? null })),
        serving: [...servingNow.values()].map((t) => ({
          id: t.id,
          categoryId: t.categoryId,
          windowId: t.windowId as string,
          startedAt: t.serviceStart as number,
        })),
        windows: windows.map((w) => ({ id: w.id, state: w.state, categoryIds: [...w.categoryIds], priorityStreak: w.priorityStreak })),
      };
    },
  };
}
