/**
 * Seeded Monte Carlo of the hall from its current state under the routing rule passed in (libs/queue's
 * pickNextTicket in the live hall): windows serving several categories, priority classes with the
 * streak cap, tickets transferred to one window, services under way, new arrivals (which can overtake
 * under a relative-wait rule) and abandonment. Each run ends when every ticket of interest is called.
 *
 * For speed the rule is shown, at each call, only the head of each line (per category and priority
 * class, plus the tickets transferred to the calling window): this assumes the rule is first-come-first-
 * served within such a line, which holds for the relative-wait rule of DESIGN.md; when only one line
 * has a ticket for the calling window, its head is called without asking the rule. Abandonment is lazy:
 * a ticket whose patience ran out is dropped when the rule picks it; the time it was picked is its
 * offered wait (when it would have been called had it stayed), which is what a citizen is told.
 */
import type { HallSnapshot } from '../hall/hall.types';
import type { PriorityClass, RoutableTicket, RoutingRule } from '../hall/routing.types';
import { MinHeap } from '../hall/binary-heap';
import { createRng, deriveSeed, sampleExponential, sampleLognormal, sampleLognormalResidual, type Rng } from '../random/prng';
import { runSteps } from './steps';

export interface MonteCarloModel {
  /** Lognormal parameters of service time for a category at a window. */
  service(categoryId: string, windowId: string): { mu: number; sigma: number };
  /** Patience rate per ms (0 = never leaves). */
  patienceRatePerMs(categoryId: string): number;
  /** Arrivals per ms over the coming hours, and the share of them in the priority class. */
  arrivalRatePerMs(categoryId: string): number;
  priorityShare(categoryId: string): number;
}

export interface MonteCarloInput {
  state: HallSnapshot;
  now: number;
  rule: RoutingRule;
  model: MonteCarloModel;
  seed: number;
  /** Number of runs (default: about 5,000 ticket-calls' worth, between 4 and 400). */
  runs?: number;
  /**
   * Add two ghost tickets per category issued now, a normal and a priority one, to answer "a ticket taken
   * now" (default true): each is timed when the rule would call it, then skipped, so it never delays the
   * real tickets nor the other ghosts.
   */
  newTickets?: boolean;
  /** Stop a run this long after now (default 12 h); tickets not called by then count as Infinity. */
  maxHorizonMs?: number;
}

export interface MonteCarloResult {
  runs: number;
  /** Offered waits (ms from now), one per run, per waiting ticket id. */
  tickets: Map<string, Float64Array>;
  /** Same for a normal ticket taken now, per category id. */
  newTickets: Map<string, Float64Array>;
  /** Same for a priority ticket taken now, per category id. */
  newPriorityTickets: Map<string, Float64Array>;
  /** Time from now to each open window's next call, per run (Infinity if none within the runs). */
  windows: Map<string, Float64Array>;
}

interface Tk {
  rt: RoutableTicket;
  cat: number;
  /** line index */
  line: number;
  /** index in result arrays, -1 for simulated arrivals */
  slot: number;
}

/** Simulation events between two pauses of monteCarloSteps (well under a millisecond of CPU). */
const EVENTS_PER_STEP = 2048;

/** The Monte Carlo in one call (tests, tools, and callers that may hold the thread). */
export function monteCarlo(input: MonteCarloInput): MonteCarloResult {
  return runSteps(monteCarloSteps(input));
}

/**
 * The same Monte Carlo, pausing (`yield`) every EVENTS_PER_STEP simulation events, so a server can run
 * it in slices between requests instead of holding its event loop for the whole of it (100+ ms for a
 * line of 2,000). Everything it reads from `model` and `state` is read before the first pause: changes
 * made between slices do not reach the runs under way. The result is the same as monteCarlo's.
 */
export function* monteCarloSteps(input: MonteCarloInput): Generator<void, MonteCarloResult, void> {
  const { state, now, rule, model } = input;
  const cats = state.categories.map((c) => c.id);
  const catIdx = new Map(cats.map((c, i) => [c, i]));
  const targetWaitMs: Record<string, number> = {};
  for (const c of state.categories) targetWaitMs[c.id] = c.targetWaitMs;
  const maxPriorityStreak = state.maxPriorityStreak ?? 2;
  const ctx = { now, targetWaitMs, maxPriorityStreak };
  const windows = state.windows.filter((w) => w.state === 'open');
  const waiting = [...state.waiting].filter((t) => catIdx.has(t.categoryId)).sort((a, b) => a.issuedAt - b.issuedAt || (a.id < b.id ? -1 : 1));
  const withNew = input.newTickets ?? true;
  const nTracked = waiting.length + (withNew ? 2 * cats.length : 0);
  // Runs as before the priority ghosts came (they cost no service time): one ghost per category counted.
  const runs = input.runs ?? Math.max(4, Math.min(400, Math.floor(5_000 / (waiting.length + (withNew ? cats.length : 0) + 20))));
  const horizon = now + (input.maxHorizonMs ?? 12 * 3_600_000);

  const tickets = new Map<string, Float64Array>();
  waiting.forEach((t) => tickets.set(t.id, new Float64Array(runs)));
  const newTickets = new Map<string, Float64Array>();
  const newPriorityTickets = new Map<string, Float64Array>();
  if (withNew) cats.forEach((c) => (newTickets.set(c, new Float64Array(runs)), newPriorityTickets.set(c, new Float64Array(runs))));
  const windowNext = new Map<string, Float64Array>();
  windows.forEach((w) => windowNext.set(w.id, new Float64Array(runs)));

  // Line keys: category x priority (2c, 2c+1), and one per window for transferred tickets.
  const windowIdx = new Map(windows.map((w, i) => [w.id, i]));
  const nLines = 2 * cats.length + windows.length;
  const lineOf = (t: { categoryId: string; priority: PriorityClass; targetWindowId?: string | null }): number => {
    if (t.targetWindowId) {
      const wi = windowIdx.get(t.targetWindowId);
      return wi === undefined ? -1 : 2 * cats.length + wi;
    }
    return 2 * (catIdx.get(t.categoryId) as number) + (t.priority === 'priority' ? 1 : 0);
  };
  const windowLines = windows.map((w, wi) => {
    const ls: number[] = [2 * cats.length + wi];
    for (const c of w.categoryIds) {
      const ci = catIdx.get(c);
      if (ci !== undefined) ls.push(2 * ci + 1, 2 * ci);
    }
    return ls;
  });
  // Lines no open window calls from (a category no open window serves): their tickets are never called.
  // Settled as Infinity up front; left open they kept every run going to the horizon (12 h of simulated
  // arrivals, over a second of CPU for a new category before its first window opens).
  const served = new Uint8Array(nLines);
  for (const ls of windowLines) for (const l of ls) served[l] = 1;
  const servingByWindow = new Map(state.serving.map((s) => [s.windowId, s]));
  const serviceParams = windows.map((w) => cats.map((c) => model.service(c, w.id)));
  const theta = cats.map((c) => model.patienceRatePerMs(c));
  const lambda = cats.map((c) => model.arrivalRatePerMs(c));
  const pShare = cats.map((c) => model.priorityShare(c));
  const baseTickets: Tk[] = waiting.map((t, i) => {
    const rt: RoutableTicket = { id: t.id, categoryId: t.categoryId, priority: t.priority, issuedAt: t.issuedAt, targetWindowId: t.targetWindowId ?? null };
    return { rt, cat: catIdx.get(t.categoryId) as number, line: lineOf(rt), slot: i };
  });
  const ghost = (c: string, ci: number, priority: PriorityClass): Tk => ({
    rt: { id: `\u0000new:${priority}:${c}`, categoryId: c, priority, issuedAt: now, targetWindowId: null },
    cat: ci,
    line: 2 * ci + (priority === 'priority' ? 1 : 0),
    slot: waiting.length + 2 * ci + (priority === 'priority' ? 1 : 0),
  });
  const newBase: Tk[] = withNew ? cats.flatMap((c, ci) => [ghost(c, ci, 'normal'), ghost(c, ci, 'priority')]) : [];
  const routable = windows.map((w) => ({ id: w.id, categoryIds: w.categoryIds, priorityStreak: 0 }));

  // Events simulated (window free, arrival, each ticket the rule looks at), and when to pause next.
  let work = 0;
  let pauseAt = EVENTS_PER_STEP;
  for (let run = 0; run < runs; run++) {
    const rng = createRng(deriveSeed(input.seed, run));
    // Each window draws its service times from a stream of its own (common random numbers): how many
    // arrivals the other lines simulate, which moves with the arrival rates and so with `now`, does not
    // reshuffle this window's draws. Two forecasts of one hall a moment apart then differ by the moment.
    const svc = windows.map((_, wi) => createRng(deriveSeed(deriveSeed(input.seed, run), wi + 1)));
    const lines: Tk[][] = Array.from({ length: nLines }, () => []);
    const heads = new Int32Array(nLines);
    const abandonAt = new Float64Array(nTracked);
    const resolved = new Float64Array(nTracked).fill(NaN);
    let open = nTracked;
    for (const t of baseTickets) {
      const l = t.line;
      abandonAt[t.slot] = theta[t.cat] > 0 ? now + sampleExponential(rng, 1 / theta[t.cat]) : Infinity;
      if (l < 0 || !served[l]) {
        resolved[t.slot] = Infinity; // transferred to a window that is not open, or no open window serves it
        open--;
        continue;
      }
      lines[l].push(t);
    }
    for (const t of newBase) {
      abandonAt[t.slot] = Infinity;
      if (!served[t.line]) {
        resolved[t.slot] = Infinity;
        open--;
        continue;
      }
      lines[t.line].push(t);
    }
    // Window free times
    const freeAt = new MinHeap<number>();
    const streak = windows.map((w) => w.priorityStreak ?? 0);
    const firstCall = new Float64Array(windows.length).fill(Infinity);
    windows.forEach((w, wi) => {
      const s = servingByWindow.get(w.id);
      if (!s || !catIdx.has(s.categoryId)) return freeAt.push(now, wi);
      const p = serviceParams[wi][catIdx.get(s.categoryId) as number];
      freeAt.push(now + sampleLognormalResidual(svc[wi], p.mu, p.sigma, Math.max(0, now - s.startedAt)), wi);
    });
    // Next arrival per category
    const nextArr = lambda.map((l) => (l > 0 ? now + sampleExponential(rng, 1 / l) : Infinity));
    const idle: number[] = [];
    let seq = 0;
    const candidates: RoutableTicket[] = [];
    const candTk: Tk[] = [];

    const tryCall = (wi: number, t: number): boolean => {
      ctx.now = t;
      for (;;) {
        work++;
        candidates.length = 0;
        candTk.length = 0;
        for (const l of windowLines[wi]) {
          const h = heads[l];
          if (h < lines[l].length) {
            candidates.push(lines[l][h].rt);
            candTk.push(lines[l][h]);
          }
        }
        if (!candidates.length) return false;
        routable[wi].priorityStreak = streak[wi];
        // One candidate line: the rule has no choice to make (it calls the head of that line).
        const pick = candidates.length === 1 ? candidates[0] : rule(routable[wi], candidates, ctx);
        if (!pick) return false;
        const k = candidates.indexOf(pick);
        const tk = candTk[k >= 0 ? k : candidates.findIndex((c) => c.id === pick.id)];
        heads[tk.line]++;
        if (tk.slot >= 0 && Number.isNaN(resolved[tk.slot])) {
          resolved[tk.slot] = t; // called now, or would have been had it stayed
          open--;
        }
        if (tk.slot >= 0 && abandonAt[tk.slot] <= t) continue; // it left earlier: the window calls the next
        if (tk.slot >= waiting.length) continue; // a ticket taken now is a ghost: timed, never served
        if (tk.slot < 0 && theta[tk.cat] > 0 && rng.next() < 1 - Math.exp(-theta[tk.cat] * (t - tk.rt.issuedAt))) continue;
        streak[wi] = tk.rt.priority === 'priority' && !tk.rt.targetWindowId ? streak[wi] + 1 : 0;
        if (firstCall[wi] === Infinity) firstCall[wi] = t;
        const p = serviceParams[wi][tk.cat];
        freeAt.push(t + sampleLognormal(svc[wi], p.mu, p.sigma), wi);
        return true;
      }
    };

    let t = now;
    while (open > 0) {
      if (work >= pauseAt) {
        yield;
        pauseAt = work + EVENTS_PER_STEP;
      }
      work++;
      let ai = -1;
      let at = Infinity;
      for (let c = 0; c < nextArr.length; c++) if (nextArr[c] < at) ((at = nextArr[c]), (ai = c));
      const ft = freeAt.peekKey();
      if (ft === Infinity && at === Infinity) break;
      if (ft <= at) {
        t = ft;
        if (t > horizon) break;
        const wi = freeAt.pop() as number;
        if (!tryCall(wi, t)) idle.push(wi);
      } else {
        t = at;
        if (t > horizon) break;
        const prio: PriorityClass = rng.next() < pShare[ai] ? 'priority' : 'normal';
        const line = 2 * ai + (prio === 'priority' ? 1 : 0);
        const tk: Tk = { rt: { id: `\u0000a${seq++}`, categoryId: cats[ai], priority: prio, issuedAt: t, targetWindowId: null }, cat: ai, line, slot: -1 };
        lines[line].push(tk);
        nextArr[ai] = t + sampleExponential(rng, 1 / lambda[ai]);
        for (let i = 0; i < idle.length; i++) {
          if (tryCall(idle[i], t)) {
            idle.splice(i, 1);
            break;
          }
        }
      }
    }
    for (const tk of baseTickets) (tickets.get(tk.rt.id) as Float64Array)[run] = Number.isNaN(resolved[tk.slot]) ? Infinity : resolved[tk.slot] - now;
    for (const tk of newBase) {
      const into = tk.rt.priority === 'priority' ? newPriorityTickets : newTickets;
      (into.get(tk.rt.categoryId) as Float64Array)[run] = Number.isNaN(resolved[tk.slot]) ? Infinity : resolved[tk.slot] - now;
    }
    windows.forEach((w, wi) => ((windowNext.get(w.id) as Float64Array)[run] = firstCall[wi] - now));
  }
  return { runs, tickets, newTickets, newPriorityTickets, windows: windowNext };
}

/** Mean, variance and empirical quantile helper for a sample of waits. */
export function sampleStats(xs: Float64Array): { mean: number; variance: number; finiteShare: number } {
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (const x of xs) {
    if (!Number.isFinite(x)) continue;
    n++;
    s += x;
    s2 += x * x;
  }
  if (!n) return { mean: Infinity, variance: Infinity, finiteShare: 0 };
  const mean = s / n;
  return { mean, variance: n > 1 ? Math.max(0, (s2 - n * mean * mean) / (n - 1)) : 0, finiteShare: n / xs.length };
}

export type { Rng };
