/**
 * Seeded randomness. Every random draw in libs/forecast goes through a `Rng` built from an explicit
 * seed, so a simulation or a Monte Carlo run is reproducible bit for bit.
 */
import { erf } from '../queueing/special-functions';

export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
}

/** mulberry32: a small 32-bit generator, fast and good enough for simulation (period 2^32). */
export function createRng(seed: number): Rng {
  let a = (seed >>> 0) ^ 0x9e3779b9;
  return {
    next() {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Derive an independent-looking seed from a seed and a stream number (splitmix-style hash). */
export function deriveSeed(seed: number, stream: number): number {
  let z = (seed * 0x9e3779b1 + stream * 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Exponential with the given mean (Infinity gives Infinity). */
export function sampleExponential(rng: Rng, mean: number): number {
  if (!Number.isFinite(mean)) return Infinity;
  return -Math.log(1 - rng.next()) * mean;
}

/** Standard normal by Box-Muller (one value per call; simple and branch-free enough). */
export function sampleNormal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Lognormal given its log-mean and log-sd. */
export function sampleLognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * sampleNormal(rng));
}

/** Lognormal parameters (log-mean, log-sd) for a given mean and coefficient of variation. */
export function lognormalFromMeanCv(mean: number, cv: number): { mu: number; sigma: number } {
  const s2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

/** Poisson count (inversion for small means, normal approximation above 500). */
export function samplePoisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * sampleNormal(rng)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** A lognormal draw conditioned on exceeding `elapsed` (the remaining part of a service under way). */
export function sampleLognormalResidual(rng: Rng, mu: number, sigma: number, elapsed: number): number {
  if (elapsed <= 0) return sampleLognormal(rng, mu, sigma);
  const z0 = (Math.log(elapsed) - mu) / sigma;
  const f0 = 0.5 * (1 + erf(z0 / Math.SQRT2));
  const u = f0 + (1 - f0) * rng.next();
  const x = Math.exp(mu + sigma * normalQuantile(Math.min(u, 1 - 1e-12)));
  return Math.max(x - elapsed, 0);
}
