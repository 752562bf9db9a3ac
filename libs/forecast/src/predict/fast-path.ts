/**
 * Raw queue-length predictions (QL_m) for every waiting ticket and for a ticket taken now in each
 * category, from a hall snapshot. Lines are per category; a window serving several categories counts
 * as a share of a window for each category that has tickets waiting. With no windows in the snapshot
 * (a log without window events), the windows busy serving form one pool for all categories.
 */
import type { HallSnapshot, WaitingTicketSnapshot } from '../hall/hall.types';
import { qlmSeries, type WaitMoments } from './queue-length.predictor';
import { runSteps } from './steps';

export interface LineModel {
  /** Mean service time of a category at a window (window optional), ms. */
  serviceMeanMs(categoryId: string, windowId?: string): number;
  /** Patience rate per ms ('*' asks for the hall-wide rate). */
  abandonRatePerMs(categoryId: string): number;
  /** Arrival rate of priority tickets per ms (they overtake normal tickets). */
  priorityArrivalRatePerMs(categoryId: string): number;
}

export interface RawWait {
  /** Tickets that will be called first. */
  ahead: number;
  /** Windows free right now for this line. */
  free: number;
  /** Total call rate of the windows serving this line, per ms. */
  serviceRate: number;
  /** QL_m mean and variance of the remaining wait, ms and ms^2. */
  mean: number;
  variance: number;
  /** Time the oldest ticket of the line has waited, ms. */
  headWaitMs: number;
}

export interface RawPredictions {
  tickets: Map<string, RawWait>;
  /** For a normal ticket taken now, per category id. */
  newTicket: Map<string, RawWait>;
  /** The same for a priority ticket taken now: behind the priority tickets only. */
  newPriorityTicket: Map<string, RawWait>;
}

interface Line {
  rate: number;
  free: number;
  tickets: WaitingTicketSnapshot[];
}

/** Tickets handled between two pauses of rawPredictionsSteps. */
const TICKETS_PER_STEP = 2048;

export function rawPredictions(state: HallSnapshot, now: number, model: LineModel, maxPriorityStreak = 2): RawPredictions {
  return runSteps(rawPredictionsSteps(state, now, model, maxPriorityStreak));
}

/**
 * rawPredictions pausing (`yield`) every TICKETS_PER_STEP tickets along the lines, for a server that
 * runs it in slices (a line of 10,000 held the event loop for tens of ms). The model is read as the
 * lines are reached, so a model that learns between slices reaches the lines after the change.
 */
export function* rawPredictionsSteps(state: HallSnapshot, now: number, model: LineModel, maxPriorityStreak = 2): Generator<void, RawPredictions, void> {
  const busyWindows = new Set(state.serving.map((s) => s.windowId));
  const lines = new Map<string, Line>();
  const directed = new Map<string, WaitingTicketSnapshot[]>();
  const pooled = state.windows.length === 0;
  const lineKey = (catId: string) => (pooled ? '*' : catId);
  for (const c of state.categories) lines.set(lineKey(c.id), { rate: 0, free: 0, tickets: [] });
  for (const t of state.waiting) {
    if (t.targetWindowId) {
      const list = directed.get(t.targetWindowId) ?? [];
      list.push(t);
      directed.set(t.targetWindowId, list);
      continue;
    }
    let l = lines.get(lineKey(t.categoryId));
    if (!l) lines.set(lineKey(t.categoryId), (l = { rate: 0, free: 0, tickets: [] }));
    l.tickets.push(t);
  }
  if (pooled) {
    const l = lines.get('*') ?? { rate: 0, free: 0, tickets: [] };
    lines.set('*', l);
    for (const s of state.serving) l.rate += 1 / model.serviceMeanMs(s.categoryId);
    // Nobody serving in a log without windows: assume one server will come back.
    if (l.rate === 0) l.rate = 1 / model.serviceMeanMs(state.categories[0]?.id ?? '*');
  } else {
    for (const w of state.windows) {
      if (w.state !== 'open') continue;
      const active = w.categoryIds.filter((c) => (lines.get(c)?.tickets.length ?? 0) > 0);
      for (const c of w.categoryIds) {
        const l = lines.get(c);
        if (!l) continue;
        const share = 1 / Math.max(1, active.length + (active.includes(c) ? 0 : 1));
        l.rate += share / model.serviceMeanMs(c, w.id);
        if (!busyWindows.has(w.id)) l.free += 1;
      }
    }
  }

  const tickets = new Map<string, RawWait>();
  const newTicket = new Map<string, RawWait>();
  const newPriorityTicket = new Map<string, RawWait>();
  const capShare = maxPriorityStreak / (maxPriorityStreak + 1);
  let done = 0;
  for (const [key, l] of lines) {
    l.tickets.sort((a, b) => a.issuedAt - b.issuedAt || (a.id < b.id ? -1 : 1));
    const headWaitMs = l.tickets.length ? Math.max(0, now - l.tickets[0].issuedAt) : 0;
    const nPriority = l.tickets.filter((t) => t.priority === 'priority').length;
    const theta = model.abandonRatePerMs(key); // '*' = hall-wide rate
    const overtake = pooled ? 0 : Math.min(model.priorityArrivalRatePerMs(key), l.rate * capShare);
    // One series per class along the line: O(line) rather than a qlmWait sum per ticket (O(line^2)).
    const prioWait = qlmSeries({ free: l.free, serviceRate: l.rate, abandonRate: theta, overtakeRate: 0 });
    const normalWait = qlmSeries({ free: l.free, serviceRate: l.rate, abandonRate: theta, overtakeRate: overtake });
    let prioSeen = 0;
    let normalSeen = 0;
    for (const t of l.tickets) {
      if (++done % TICKETS_PER_STEP === 0) yield;
      const isPrio = t.priority === 'priority';
      const ahead = isPrio ? prioSeen : nPriority + normalSeen;
      const m = isPrio ? prioWait(ahead) : normalWait(ahead);
      tickets.set(t.id, { ahead, free: l.free, serviceRate: l.rate, ...m, headWaitMs });
      if (isPrio) prioSeen++;
      else normalSeen++;
    }
    const cats = pooled ? state.categories.map((c) => c.id) : [key];
    for (const c of cats) {
      const ahead = l.tickets.length;
      const m = normalWait(ahead);
      newTicket.set(c, { ahead, free: l.free, serviceRate: l.rate, ...m, headWaitMs });
      newPriorityTicket.set(c, { ahead: nPriority, free: l.free, serviceRate: l.rate, ...prioWait(nPriority), headWaitMs });
    }
  }
  for (const [windowId, list] of directed) {
    list.sort((a, b) => a.issuedAt - b.issuedAt);
    const w = state.windows.find((x) => x.id === windowId);
    const free = w && w.state === 'open' && !busyWindows.has(windowId) ? 1 : 0;
    const series = new Map<string, (ahead: number) => WaitMoments>();
    list.forEach((t, i) => {
      const rate = w && w.state === 'open' ? 1 / model.serviceMeanMs(t.categoryId, windowId) : 0;
      let wait = series.get(t.categoryId);
      if (!wait) series.set(t.categoryId, (wait = qlmSeries({ free, serviceRate: rate, abandonRate: model.abandonRatePerMs(t.categoryId) })));
      const m = wait(i);
      tickets.set(t.id, { ahead: i, free, serviceRate: rate, ...m, headWaitMs: Math.max(0, now - list[0].issuedAt) });
    });
  }
  return { tickets, newTicket, newPriorityTicket };
}
