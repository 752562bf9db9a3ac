/**
 * A simulated day with a staffing policy in the loop: the hall simulator runs minute by minute, a policy
 * looks at the hall (and the day's events so far) and says which window changes it wants, and a
 * simulated manager applies a change once it has been wanted for the reaction delay, never opening more
 * windows than clerks on duty. Clerks' breaks (lunch) pause their windows whatever the policy does.
 * Pure: no clock; the same seed and policy give the same day.
 */
import type { CategorySnapshot, ForecastEvent, HallSnapshot, WindowStatus } from '../hall/hall.types';
import { createHallSimulation, type HallSimulation, type SimConfig, type SimTicket } from '../simulator/hall-simulator';

const MIN = 60_000;

/** A window change a policy wants. `open` may set the work profile; `move` sets it. */
export interface WindowCommand {
  kind: 'open' | 'close' | 'move';
  windowId: string;
  categoryIds?: string[];
}

/** A clerk's break: the window pauses from `from` to `to`, then returns to its state before the break. */
export interface ClerkBreak {
  windowId: string;
  from: number;
  to: number;
}

/** What a policy sees at a decision. */
export interface PolicyView {
  now: number;
  /** The day's events since the previous decision. */
  events: readonly ForecastEvent[];
  /** The hall now, as the forecaster takes it. */
  hall: HallSnapshot;
  /** Windows whose clerk is on a break: they cannot be opened, closed or moved. */
  onBreak: ReadonlySet<string>;
  /** Clerks on duty now: the most windows that may be open. */
  staffOnDuty: number;
}

export interface StaffingPolicy {
  /** The changes wanted now; one still wanted after the reaction delay is applied. */
  decide(view: PolicyView): WindowCommand[];
}

export interface ClosedLoopConfig {
  /** The day (arrivals, services, windows as scheduled at the start); planned `changes` are not used here. */
  sim: Omit<SimConfig, 'changes'>;
  policy: StaffingPolicy;
  /** What the hall knows of its categories (default: the simulated ones, default service = true mean). */
  categories?: CategorySnapshot[];
  /** Clerks on duty beyond the windows open at the start (default 0). */
  spareClerks?: number;
  breaks?: ClerkBreak[];
  /** Time between decisions (default 1 min). */
  decideEveryMs?: number;
  /** How long a change must be wanted before the manager makes it (default 5 min). */
  reactionDelayMs?: number;
}

export interface ClosedLoopResult {
  tickets: SimTicket[];
  events: ForecastEvent[];
  /** The last event of the day (not before the hall stops issuing tickets). */
  finishedAt: number;
  /** Open windows integrated over time, from the start to `finishedAt`, in hours. */
  windowHours: number;
  /** Changes the manager made for the policy. */
  applied: { at: number; command: WindowCommand }[];
  /** Windows closed because a clerk's break left more windows open than clerks (not the policy's doing). */
  forced: number;
}

/**
 * Applies a wanted change once it has been wanted at every decision for `delayMs` (a change no longer
 * wanted is forgotten): a manager who sees the advice, and acts on what still stands a few minutes later.
 */
export class ReactionDelay {
  private readonly since = new Map<string, number>();

  constructor(private readonly delayMs: number) {}

  /** The commands due now (in the order given). */
  due(now: number, wanted: WindowCommand[]): WindowCommand[] {
    const keys = wanted.map(commandKey);
    for (const k of [...this.since.keys()]) if (!keys.includes(k)) this.since.delete(k);
    const out: WindowCommand[] = [];
    wanted.forEach((c, i) => {
      const first = this.since.get(keys[i]) ?? now;
      this.since.set(keys[i], first);
      if (now - first >= this.delayMs) out.push(c);
    });
    return out;
  }

  /** Forget a command once made. */
  done(c: WindowCommand): void {
    this.since.delete(commandKey(c));
  }
}

/**
 * The window a manager opens for category `k`: not open, its clerk not on a break, not in `taken`; one
 * whose profile lists `k` earliest first. It keeps its profile if that includes `k`, else serves `k`
 * alone (as the advisor opens windows). Undefined when none is free.
 */
export function freeWindowFor(view: Pick<PolicyView, 'hall' | 'onBreak'>, k: string, taken: ReadonlySet<string>): WindowCommand | undefined {
  const rank = (ids: string[]) => (ids.includes(k) ? ids.indexOf(k) : 100 + ids.length);
  const w = view.hall.windows
    .filter((x) => x.state !== 'open' && !view.onBreak.has(x.id) && !taken.has(x.id))
    .sort((x, y) => rank(x.categoryIds) - rank(y.categoryIds))[0];
  return w && { kind: 'open', windowId: w.id, categoryIds: w.categoryIds.includes(k) ? [...w.categoryIds] : [k] };
}

function commandKey(c: WindowCommand): string {
  return `${c.kind} ${c.windowId} ${(c.categoryIds ?? []).join(',')}`;
}

/** Plays one day with the policy in the loop. */
export function runClosedLoop(cfg: ClosedLoopConfig): ClosedLoopResult {
  const step = cfg.decideEveryMs ?? MIN;
  const categories = cfg.categories ?? cfg.sim.categories.map((c) => ({ id: c.id, targetWaitMs: c.targetWaitMs, defaultServiceMs: c.meanServiceMs }));
  const sim = createHallSimulation({ ...cfg.sim, recordEvents: true }); // the policy reads the stream
  const hall = new HallWindows(sim, cfg);
  const manager = new ReactionDelay(cfg.reactionDelayMs ?? 5 * MIN);
  const applied: { at: number; command: WindowCommand }[] = [];
  const boundaries = (cfg.breaks ?? [])
    .flatMap((b) => [{ at: b.from, b, start: true }, { at: b.to, b, start: false }])
    .sort((x, y) => x.at - y.at || Number(x.start) - Number(y.start));
  let next = 0;
  let seen = 0; // events the policy has been shown (those of the manager's own changes included)
  for (let t = cfg.sim.start; ; t += step) {
    for (; next < boundaries.length && boundaries[next].at <= t; next++) {
      const { at, b, start } = boundaries[next];
      sim.advanceTo(at);
      if (start) hall.startBreak(b);
      else hall.endBreak(b);
    }
    sim.advanceTo(t);
    const view: PolicyView = {
      now: t,
      events: sim.events.slice(seen),
      hall: { categories, ...sim.snapshot(), maxPriorityStreak: cfg.sim.maxPriorityStreak },
      onBreak: new Set(hall.onBreak),
      staffOnDuty: hall.staffOnDuty(),
    };
    seen = sim.events.length;
    for (const c of manager.due(t, cfg.policy.decide(view))) {
      if (!hall.apply(c)) continue;
      manager.done(c);
      applied.push({ at: t, command: c });
    }
    if (t >= cfg.sim.end && sim.nextEventAt === Infinity && next >= boundaries.length) break;
    if (cfg.sim.stopAt !== undefined && t >= cfg.sim.stopAt) break;
  }
  // The day ends with its last ticket event; a window closed after it does not lengthen it.
  let finishedAt = cfg.sim.end;
  for (let i = sim.events.length - 1; i >= 0; i--) {
    const e = sim.events[i];
    if ('ticketId' in e) {
      finishedAt = Math.max(finishedAt, e.at);
      break;
    }
  }
  return {
    tickets: sim.tickets as SimTicket[],
    events: sim.events as ForecastEvent[],
    finishedAt,
    windowHours: hall.windowHoursUntil(finishedAt),
    applied,
    forced: hall.forced,
  };
}

/** The windows' states, clerks and breaks, and the open-window time, kept beside the simulation. */
class HallWindows {
  readonly onBreak = new Set<string>();
  forced = 0;
  private readonly state = new Map<string, WindowStatus>();
  private readonly profile = new Map<string, string[]>();
  private readonly beforeBreak = new Map<string, WindowStatus>();
  /** Windows opened by the manager, latest last (a break that leaves too many open closes the latest). */
  private readonly openedOrder: string[] = [];
  private readonly clerks: number;
  /** Open windows from each time on (the first entry at the start). */
  private readonly timeline: { at: number; open: number }[];

  constructor(private readonly sim: HallSimulation, cfg: ClosedLoopConfig) {
    for (const w of cfg.sim.windows) {
      this.state.set(w.id, w.state);
      this.profile.set(w.id, [...w.categoryIds]);
    }
    this.clerks = this.openCount() + (cfg.spareClerks ?? 0);
    this.timeline = [{ at: cfg.sim.start, open: this.openCount() }];
  }

  staffOnDuty(): number {
    return this.clerks - this.onBreak.size;
  }

  /** Makes a policy's change if the hall allows it now; false when it does not. */
  apply(c: WindowCommand): boolean {
    const st = this.state.get(c.windowId);
    if (st === undefined || this.onBreak.has(c.windowId)) return false;
    switch (c.kind) {
      case 'open':
        if (st === 'open' || this.openCount() >= this.staffOnDuty()) return false;
        this.set(c.windowId, 'open', c.categoryIds && !sameList(this.profile.get(c.windowId) as string[], c.categoryIds) ? c.categoryIds : undefined);
        this.openedOrder.push(c.windowId);
        return true;
      case 'close':
        if (st !== 'open') return false;
        this.set(c.windowId, 'closed');
        return true;
      case 'move': {
        const p = this.profile.get(c.windowId) as string[];
        if (st !== 'open' || !c.categoryIds?.length || sameList(p, c.categoryIds)) return false;
        this.set(c.windowId, undefined, c.categoryIds);
        return true;
      }
    }
  }

  startBreak(b: ClerkBreak): void {
    const st = this.state.get(b.windowId);
    if (st === undefined || this.onBreak.has(b.windowId)) return;
    this.beforeBreak.set(b.windowId, st);
    this.onBreak.add(b.windowId);
    if (st === 'open') this.set(b.windowId, 'paused');
    else if (this.openCount() > this.staffOnDuty()) {
      // The clerk had been sent from this window; a window the manager opened loses its clerk instead.
      const victim = [...this.openedOrder].reverse().find((id) => this.state.get(id) === 'open' && !this.onBreak.has(id))
        ?? [...this.state.keys()].reverse().find((id) => this.state.get(id) === 'open' && !this.onBreak.has(id));
      if (victim) {
        this.set(victim, 'closed');
        this.forced++;
      }
    }
  }

  endBreak(b: ClerkBreak): void {
    if (!this.onBreak.delete(b.windowId)) return;
    if (this.beforeBreak.get(b.windowId) === 'open' && this.openCount() < this.staffOnDuty()) this.set(b.windowId, 'open');
  }

  windowHoursUntil(t: number): number {
    let ms = 0;
    this.timeline.forEach((p, i) => {
      const to = Math.min(t, this.timeline[i + 1]?.at ?? t);
      ms += p.open * Math.max(0, to - p.at);
    });
    return ms / 3_600_000;
  }

  private openCount(): number {
    let n = 0;
    for (const s of this.state.values()) if (s === 'open') n++;
    return n;
  }

  private set(windowId: string, state?: WindowStatus, categoryIds?: string[]): void {
    this.sim.changeWindow({ windowId, ...(state ? { state } : {}), ...(categoryIds ? { categoryIds } : {}) });
    if (state) this.state.set(windowId, state);
    if (categoryIds) this.profile.set(windowId, [...categoryIds]);
    const open = this.openCount();
    const last = this.timeline[this.timeline.length - 1];
    if (last.at === this.sim.now) last.open = open;
    else if (last.open !== open) this.timeline.push({ at: this.sim.now, open });
  }
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
