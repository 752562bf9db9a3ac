/**
 * Seeded randomness. Every random draw in libs/forecast goes through a `Rng` built from an explicit
 * seed, so a simulation or a Monte Carlo run is reproducible bit for bit.
 */
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
