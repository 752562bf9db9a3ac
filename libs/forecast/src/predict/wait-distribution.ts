/**
 * From a predicted wait (a mean and variance, or Monte Carlo samples) to what is shown: mean, p10, p90
 * and P(called within the target); and the lognormal helpers the window predictions use. Pure.
 */
import { erf, gammaCdfMeanVar, gammaQuantileMeanVar } from '../queueing/special-functions';
import type { RawWait } from './fast-path';
import { sampleStats } from './monte-carlo';

const MIN = 60_000;

/** With enough Monte Carlo runs, the range and P(within target) come from the samples themselves. */
export function summarizeSamples(samples: Float64Array, deadlineMs: number) {
  const xs = Array.from(samples).sort((a, b) => a - b);
  const finite = xs.filter((x) => Number.isFinite(x));
  if (finite.length < xs.length / 2) return { expectedWaitMs: Infinity, p10WaitMs: Infinity, p90WaitMs: Infinity, pWithinTarget: 0 };
  const q = (p: number) => {
    const i = p * (xs.length - 1);
    const lo = Math.floor(i);
    const hi = Math.min(xs.length - 1, lo + 1);
    return xs[lo] + (xs[hi] - xs[lo]) * (i - lo);
  };
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const within = deadlineMs <= 0 ? 0 : xs.filter((x) => x <= deadlineMs).length / xs.length;
  return { expectedWaitMs: mean, p10WaitMs: q(0.1), p90WaitMs: q(0.9), pWithinTarget: within };
}

/**
 * Monte Carlo mean with a variance that leans on the QL_m shape when runs are few: the sample variance
 * weighted by runs against the QL_m variance rescaled to the Monte Carlo mean (weight 20).
 */
export function mcDistribution(samples: Float64Array, raw: RawWait | undefined): { mean: number; variance: number } {
  const st = sampleStats(samples);
  if (st.finiteShare < 0.5) return { mean: Infinity, variance: Infinity };
  if (!raw || !(raw.mean > 0) || !Number.isFinite(raw.mean)) return st;
  const shaped = raw.variance * (st.mean / raw.mean) ** 2;
  const n = samples.length;
  return { mean: st.mean, variance: (n * st.variance + 20 * shaped) / (n + 20) };
}

/** Calibration features: [1, raw QL_m mean (min), head-of-line wait (min)]. */
export function calibrationFeatures(r: RawWait): number[] {
  return [1, r.mean / MIN, r.headWaitMs / MIN];
}

/** Mean, p10, p90 and P(<= deadline) of a gamma with the given mean and variance. */
export function summarize(mean: number, variance: number, deadlineMs: number) {
  if (!Number.isFinite(mean)) {
    return { expectedWaitMs: mean, p10WaitMs: mean, p90WaitMs: mean, pWithinTarget: 0 };
  }
  if (mean <= 0) return { expectedWaitMs: 0, p10WaitMs: 0, p90WaitMs: 0, pWithinTarget: deadlineMs >= 0 ? 1 : 0 };
  const v = Math.max(variance, 1e-9 * mean * mean);
  return {
    expectedWaitMs: mean,
    p10WaitMs: gammaQuantileMeanVar(0.1, mean, v),
    p90WaitMs: gammaQuantileMeanVar(0.9, mean, v),
    pWithinTarget: deadlineMs <= 0 ? 0 : gammaCdfMeanVar(deadlineMs, mean, v),
  };
}

/** E[S - a | S > a] for a lognormal S (numerical, 64-point trapezoid on the survival function). */
export function residualLognormalMean(mu: number, sigma: number, elapsed: number): number {
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  if (elapsed <= 0) return mean;
  const surv = (x: number) => 1 - lognormalCdf(x, mu, sigma);
  const s0 = surv(elapsed);
  if (s0 < 1e-9) return mean * 0.05;
  const hi = elapsed + 10 * mean;
  const n = 64;
  const h = (hi - elapsed) / n;
  let acc = (surv(elapsed) + surv(hi)) / 2;
  for (let i = 1; i < n; i++) acc += surv(elapsed + i * h);
  return (acc * h) / s0;
}

function lognormalCdf(x: number, mu: number, sigma: number): number {
  if (x <= 0) return 0;
  const z = (Math.log(x) - mu) / (sigma * Math.SQRT2);
  return 0.5 * (1 + erf(z));
}
