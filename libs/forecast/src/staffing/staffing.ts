/**
 * Windows a category needs: now and over the next hour for its target (Erlang A on the time-varying
 * load, modified offered load), and to clear the line already waiting (a fluid rule). Pure functions.
 */
import { queueMetrics, windowsRequired } from '../queueing/erlang';
import { erf } from '../queueing/special-functions';

const MIN = 60_000;
const HOUR = 3_600_000;

export interface CategoryLoadInput {
  categoryId: string;
  targetWaitMs: number;
  /** Share to be called within the target (e.g. 0.9). */
  targetShare: number;
  meanServiceMs: number;
  /** Service-time coefficient of variation (shapes the modified offered load), default 1. */
  serviceCv?: number;
  /** Mean patience, ms (Infinity = Erlang C). */
  meanPatienceMs: number;
  /** Forecast arrivals per hour at now, now + stepMs, ... (at least one value). */
  arrivalsPerHour: number[];
  /** Step between forecast values, ms (default 15 min). */
  stepMs?: number;
  /** Tickets waiting now. */
  waiting: number;
  /** Tickets in service now (their remaining work is counted as half a service each). */
  inService: number;
}

export interface StaffingOptions {
  /** The backlog should be cleared, so that a new ticket waits no more than the target, within this (default 2 h). */
  clearWithinMs?: number;
  /** Upper bound on windows considered (default 200). */
  maxWindows?: number;
  /** How far ahead the forecast is read (default 1 h; at most as far as `arrivalsPerHour` goes). */
  horizonMs?: number;
}

export interface WindowsNeeded {
  categoryId: string;
  /** Erlang A windows for the load now (no backlog). */
  now: number;
  /** The largest Erlang A need over the next hour (or `horizonMs`). */
  nextHour: number;
  /** Windows to clear the backlog within `clearWithinMs` while serving forecast arrivals. */
  backlog: number;
  /** max(nextHour, backlog): the advice before hysteresis. */
  needed: number;
  /** Modified offered load (Erlangs) at each forecast step. */
  offeredLoad: number[];
}

/** Survival function of a lognormal with the given mean and cv. */
function survival(meanMs: number, cv: number): (u: number) => number {
  const s2 = Math.log(1 + cv * cv);
  const mu = Math.log(meanMs) - s2 / 2;
  const sigma = Math.sqrt(s2);
  return (u: number) => {
    if (u <= 0) return 1;
    const z = (Math.log(u) - mu) / (sigma * Math.SQRT2);
    return 0.5 * (1 - erf(z));
  };
}

/**
 * Modified offered load m(t) = integral of lambda(u) P(S > t - u) du at each forecast step, with the rate
 * before now pinned at the rate forecast for now (the past's excess is in the backlog, counted apart).
 */
export function modifiedOfferedLoad(ratesPerHour: number[], stepMs: number, meanServiceMs: number, cv = 1): number[] {
  const surv = survival(meanServiceMs, cv);
  const dt = Math.min(MIN, meanServiceMs / 20);
  const rate = (u: number) => {
    if (u < 0) return ratesPerHour[0] / HOUR;
    const i = Math.min(ratesPerHour.length - 1, Math.floor(u / stepMs));
    return ratesPerHour[i] / HOUR;
  };
  const horizonBack = meanServiceMs * (6 + 10 * cv * cv);
  // Normalise the quadrature so a constant rate gives exactly lambda x mean service.
  let mass = 0;
  for (let v = dt / 2; v < horizonBack; v += dt) mass += surv(v) * dt;
  const norm = meanServiceMs / mass;
  return ratesPerHour.map((_, k) => {
    const t = k * stepMs;
    let m = 0;
    for (let v = dt / 2; v < horizonBack; v += dt) m += rate(t - v) * surv(v) * dt;
    return m * norm;
  });
}

export function windowsNeeded(input: CategoryLoadInput, opts: StaffingOptions = {}): WindowsNeeded {
  const stepMs = input.stepMs ?? 15 * MIN;
  const s = input.meanServiceMs;
  const maxWindows = opts.maxWindows ?? 200;
  const steps = Math.max(1, Math.min(input.arrivalsPerHour.length, Math.round((opts.horizonMs ?? HOUR) / stepMs) + 1));
  const rates = input.arrivalsPerHour.slice(0, steps);
  const mol = modifiedOfferedLoad(rates, stepMs, s, input.serviceCv ?? 1);
  const perStep = mol.map((m) =>
    m <= 0
      ? 0
      : windowsRequired({
          arrivalRate: m / s,
          meanService: s,
          meanPatience: input.meanPatienceMs,
          target: input.targetWaitMs,
          serviceLevel: input.targetShare,
          maxWindows,
        }),
  );
  const H = opts.clearWithinMs ?? 2 * HOUR;
  const arrivalsOverH = integrateRate(rates, stepMs, H);
  const work = (input.waiting + 0.5 * input.inService + arrivalsOverH) * s;
  const backlog = input.waiting > 0 ? Math.min(maxWindows, Math.ceil(work / (H + input.targetWaitMs) - 1e-9)) : 0;
  const nextHour = Math.max(...perStep);
  return { categoryId: input.categoryId, now: perStep[0], nextHour, backlog, needed: Math.max(nextHour, backlog), offeredLoad: mol };
}

/** Expected arrivals over [0, H] from a piecewise-constant forecast (last value held). */
export function integrateRate(ratesPerHour: number[], stepMs: number, H: number): number {
  let total = 0;
  for (let t = 0; t < H; t += stepMs) {
    const i = Math.min(ratesPerHour.length - 1, Math.floor(t / stepMs));
    total += (ratesPerHour[i] / HOUR) * Math.min(stepMs, H - t);
  }
  return total;
}

export interface StaffingEffect {
  /** Windows (shares of windows) serving the category. */
  windows: number;
  /** Steady-state share called within the target at the current arrival rate (Erlang A). */
  serviceLevel: number;
  /** Expected wait of a ticket taken now: behind the line (fluid) or the steady wait, whichever is larger, ms. */
  expectedWaitMs: number;
  /** Time until the line waiting now is called, ms (Infinity if it never clears at this rate). */
  clearsInMs: number;
}

/** Expected effect of serving a category with `windows` windows. */
export function staffingEffect(input: CategoryLoadInput, windows: number): StaffingEffect {
  const s = input.meanServiceMs;
  const lambda = input.arrivalsPerHour[0] / HOUR;
  if (windows <= 0) {
    return { windows, serviceLevel: 0, expectedWaitMs: Infinity, clearsInMs: input.waiting > 0 ? Infinity : 0 };
  }
  const m = queueMetrics({ arrivalRate: lambda, meanService: s, windows, meanPatience: input.meanPatienceMs, target: input.targetWaitMs });
  const capacity = windows / s; // calls per ms
  const ahead = input.waiting + 0.5 * input.inService - windows * 0.5;
  const fluidWait = Math.max(0, ahead / capacity);
  const drain = capacity - lambda;
  const clearsInMs = input.waiting <= 0 ? 0 : drain > 0 ? input.waiting / drain : Infinity;
  const steadyWait = m.stable ? m.meanWait : Infinity;
  return {
    windows,
    serviceLevel: lambda > 0 ? m.serviceLevel : 1,
    expectedWaitMs: Math.max(fluidWait, Number.isFinite(steadyWait) ? steadyWait : fluidWait),
    clearsInMs,
  };
}
