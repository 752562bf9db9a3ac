/**
 * Erlang B, Erlang C (M/M/c) and Erlang A (M/M/c+M, exponential patience), computed exactly from the
 * birth-death chain in log space, so they stay finite and accurate up to hundreds of windows.
 *
 * Units: any consistent time unit; the hall uses milliseconds. `load` is offered load in Erlangs
 * (arrival rate x mean service time).
 */
import { logAddExp, logGamma } from './special-functions';

/** log(1 / B(c, A)) by the stable recursion 1/B_k = 1 + (k / A) / B_{k-1}. */
function logInverseErlangB(servers: number, load: number): number {
  let l = 0; // 1/B_0 = 1
  const logA = Math.log(load);
  for (let k = 1; k <= servers; k++) {
    const x = l + Math.log(k) - logA; // log((k/A)/B_{k-1})
    l = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }
  return l;
}

/** Erlang B: blocking probability of an M/M/c/c loss system with `servers` lines and `load` Erlangs. */
export function erlangB(servers: number, load: number): number {
  if (load <= 0) return 0;
  if (servers <= 0) return 1;
  return Math.exp(-logInverseErlangB(servers, load));
}

/** The largest load (Erlangs) that `servers` lines carry at the given blocking probability (bisection). */
export function erlangBLoadForBlocking(servers: number, blocking: number): number {
  let lo = 0;
  let hi = Math.max(1, servers * 2);
  while (erlangB(servers, hi) < blocking) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (erlangB(servers, mid) < blocking) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Erlang C: probability that an arrival waits in M/M/c (1 when the load is at or above capacity). */
export function erlangC(servers: number, load: number): number {
  if (load <= 0) return 0;
  if (load >= servers) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

export interface QueueModelInput {
  /** Arrivals per time unit (per ms in the hall). */
  arrivalRate: number;
  /** Mean service time, same time unit. */
  meanService: number;
  /** Number of open windows (servers). */
  windows: number;
  /** Mean patience (time a waiting ticket stays before abandoning); Infinity or omitted = Erlang C. */
  meanPatience?: number;
  /** Service-level threshold: the share called within this time is reported. */
  target?: number;
}

export interface QueueModelResult {
  /** Probability that an arrival has to wait (all windows busy on arrival). */
  pWait: number;
  /** Probability that an arrival abandons before being called (0 in Erlang C). */
  pAbandon: number;
  /** Mean time in queue over all arrivals (served and abandoning), same unit. */
  meanWait: number;
  /** Mean number waiting. */
  meanQueue: number;
  /**
   * P(offered wait <= target): the share of arrivals that would be called within `target` if they
   * stayed (for Erlang C this is the usual service level P(W <= t)). NaN when no target was given.
   */
  serviceLevel: number;
  /** Share of window time busy: carried load / windows. */
  occupancy: number;
  /** False for Erlang C at or above capacity (waits grow without bound). */
  stable: boolean;
}

/**
 * Steady-state measures of M/M/c (meanPatience Infinity) or M/M/c+M (finite meanPatience).
 * Exact from the birth-death chain: states below c use Erlang B; the queue part
 * q_j = prod_{i=1..j} lambda / (c mu + i theta) is summed in log space until negligible.
 */
export function queueMetrics(input: QueueModelInput): QueueModelResult {
  const { arrivalRate: lambda, meanService, windows: c } = input;
  const theta = input.meanPatience && Number.isFinite(input.meanPatience) ? 1 / input.meanPatience : 0;
  const mu = 1 / meanService;
  const load = lambda * meanService;
  const target = input.target ?? NaN;
  if (lambda <= 0) {
    return { pWait: 0, pAbandon: 0, meanWait: 0, meanQueue: 0, serviceLevel: 1, occupancy: 0, stable: true };
  }
  if (c <= 0) {
    return theta > 0
      ? { pWait: 1, pAbandon: 1, meanWait: 1 / theta, meanQueue: lambda / theta, serviceLevel: 0, occupancy: 0, stable: true }
      : { pWait: 1, pAbandon: 0, meanWait: Infinity, meanQueue: Infinity, serviceLevel: 0, occupancy: 1, stable: false };
  }
  const logInvB = logInverseErlangB(c, load); // log(sum_{k<=c} pi_k / pi_c)
  if (theta === 0) {
    if (load >= c) {
      return { pWait: 1, pAbandon: 0, meanWait: Infinity, meanQueue: Infinity, serviceLevel: 0, occupancy: 1, stable: false };
    }
    const pWait = erlangC(c, load);
    const rate = c * mu - lambda;
    const meanWait = pWait / rate;
    return {
      pWait,
      pAbandon: 0,
      meanWait,
      meanQueue: lambda * meanWait,
      serviceLevel: Number.isNaN(target) ? NaN : 1 - pWait * Math.exp(-rate * target),
      occupancy: load / c,
      stable: true,
    };
  }
  // Queue terms in log space: logQ[j] = log(pi_{c+j} / pi_c), j >= 0.
  const logQ: number[] = [0];
  let logS = -Infinity; // log sum_{j>=1} q_j
  let logSJ = -Infinity; // log sum_{j>=1} j q_j
  let lq = 0;
  let maxLq = 0;
  const peak = Math.max(0, (lambda - c * mu) / theta);
  for (let j = 1; j < 1_000_000; j++) {
    lq += Math.log(lambda / (c * mu + j * theta));
    logQ.push(lq);
    logS = logAddExp(logS, lq);
    logSJ = logAddExp(logSJ, lq + Math.log(j));
    if (lq > maxLq) maxLq = lq;
    if (j > peak && lq < maxLq - 38 && lq < logS - 36) break; // relative mass < 1e-16
  }
  const logPiC = -logAddExp(logInvB, logS);
  const pWait = Math.exp(logPiC + logAddExp(0, logS));
  const meanQueue = Math.exp(logPiC + logSJ);
  const pAbandon = (theta * meanQueue) / lambda;
  const serviceLevel = Number.isNaN(target)
    ? NaN
    : 1 - pWait + offeredWaitWithin(logQ, logPiC, c * mu, theta, target);
  return {
    pWait,
    pAbandon,
    meanWait: meanQueue / lambda,
    meanQueue,
    serviceLevel: Math.min(1, Math.max(0, serviceLevel)),
    occupancy: (lambda * (1 - pAbandon)) / (c * mu),
    stable: true,
  };
}

/**
 * sum_j pi_{c+j} P(H_j <= t), where H_j (the offered wait with j ahead) is a sum of exponential stages
 * with rates c mu + i theta, i = j..0. Uniformization of that pure-death chain, all starting states at once.
 */
function offeredWaitWithin(logQ: number[], logPiC: number, cMu: number, theta: number, t: number): number {
  if (t <= 0) return 0;
  const J = logQ.length - 1;
  const u = new Float64Array(J + 1);
  for (let i = 0; i <= J; i++) u[i] = Math.exp(logPiC + logQ[i]);
  const rate = (i: number) => cMu + i * theta;
  const big = rate(J);
  const x = big * t;
  const kMax = Math.ceil(x + 10 * Math.sqrt(x) + 20);
  let absorbed = 0;
  let result = 0;
  const logX = Math.log(x);
  let top = J; // states above `top` are empty
  for (let k = 0; k <= kMax; k++) {
    // P(Poisson(x) > k - 1 ... ): absorption by step k happens before time t iff k-th uniformized event is before t.
    const w = Math.exp(-x + k * logX - logGamma(k + 1));
    result += w * absorbed;
    // one uniformized step
    absorbed += u[0] * (rate(0) / big);
    for (let i = 0; i < top; i++) u[i] = u[i] * (1 - rate(i) / big) + u[i + 1] * (rate(i + 1) / big);
    u[top] *= 1 - rate(top) / big;
    while (top > 0 && u[top] < 1e-300) top--;
  }
  // Mass in the Poisson tail beyond kMax is negligible (< 1e-20).
  return result;
}

export interface WindowsRequiredInput extends Omit<QueueModelInput, 'windows' | 'target'> {
  /** The target time (e.g. 20 min). */
  target: number;
  /** Required share called within `target` (e.g. 0.9). */
  serviceLevel: number;
  /** Optional cap on the abandonment probability. */
  maxAbandon?: number;
  /** Search limit; returns maxWindows + 1 if even that is not enough. */
  maxWindows?: number;
}

/** The fewest windows meeting the service level (and abandonment cap) in steady state. */
export function windowsRequired(input: WindowsRequiredInput): number {
  const max = input.maxWindows ?? 200;
  const ok = (c: number) => {
    const m = queueMetrics({ ...input, windows: c });
    return m.stable && m.serviceLevel >= input.serviceLevel && (input.maxAbandon === undefined || m.pAbandon <= input.maxAbandon);
  };
  if (input.arrivalRate <= 0) return 0;
  // The answer sits near the offered load: start there and step (the measures are monotone in c).
  let c = Math.min(max, Math.max(1, Math.round(input.arrivalRate * input.meanService)));
  if (ok(c)) {
    while (c > 1 && ok(c - 1)) c--;
    return c;
  }
  while (c < max) {
    c++;
    if (ok(c)) return c;
  }
  return max + 1;
}
