/**
 * Service-time distribution per category and per (category, window): a lognormal fit from sufficient
 * statistics of log durations, shrunk toward a prior (the category's default service time, or for a
 * window the category's fit) when samples are few.
 */
export interface LognormalFit {
  /** Mean service time, ms. */
  meanMs: number;
  /** Coefficient of variation. */
  cv: number;
  /** Log-mean and log-sd of the fitted lognormal. */
  mu: number;
  sigma: number;
  /** Samples behind the fit. */
  n: number;
}

interface Stats {
  n: number;
  sum: number;
  sumSq: number;
}

export interface ServiceTimeOptions {
  /** Prior weight in pseudo-samples (default 10). */
  priorWeight?: number;
  /** Prior coefficient of variation (default 0.7). */
  priorCv?: number;
  /** Durations shorter than this are ignored as mis-clicks (default 5 s). */
  minMs?: number;
  /** Exponential forgetting per sample, so the fit follows drift (default 0.999; 1 = none). */
  decay?: number;
}

export class ServiceTimeEstimator {
  private readonly k: number;
  private readonly priorSigma: number;
  private readonly minMs: number;
  private readonly decay: number;
  private readonly byCategory = new Map<string, Stats>();
  private readonly byWindow = new Map<string, Stats>();

  constructor(opts: ServiceTimeOptions = {}) {
    this.k = opts.priorWeight ?? 10;
    this.priorSigma = Math.sqrt(Math.log(1 + (opts.priorCv ?? 0.7) ** 2));
    this.minMs = opts.minMs ?? 5_000;
    this.decay = opts.decay ?? 0.999;
  }

  observe(categoryId: string, windowId: string | undefined, durationMs: number): void {
    if (!(durationMs >= this.minMs)) return;
    const x = Math.log(durationMs);
    const add = (m: Map<string, Stats>, key: string) => {
      let s = m.get(key);
      if (!s) m.set(key, (s = { n: 0, sum: 0, sumSq: 0 }));
      s.n = s.n * this.decay + 1;
      s.sum = s.sum * this.decay + x;
      s.sumSq = s.sumSq * this.decay + x * x;
    };
    add(this.byCategory, categoryId);
    if (windowId) add(this.byWindow, `${categoryId}\u0000${windowId}`);
  }

  private shrink(s: Stats | undefined, priorMu: number, priorSigma: number): LognormalFit {
    const n = s?.n ?? 0;
    const mean = n ? (s as Stats).sum / n : priorMu;
    const varLog = n > 1 ? Math.max(0, ((s as Stats).sumSq - n * mean * mean) / (n - 1)) : priorSigma * priorSigma;
    const mu = (n * mean + this.k * priorMu) / (n + this.k);
    const v = (Math.max(n - 1, 0) * varLog + this.k * priorSigma * priorSigma) / (Math.max(n - 1, 0) + this.k);
    const sigma = Math.sqrt(v);
    return { mu, sigma, meanMs: Math.exp(mu + v / 2), cv: Math.sqrt(Math.exp(v) - 1), n };
  }

  /** Fit for a category (prior: its default service time), or for one window serving it. */
  estimate(categoryId: string, defaultServiceMs: number, windowId?: string): LognormalFit {
    const priorMu = Math.log(defaultServiceMs) - (this.priorSigma * this.priorSigma) / 2;
    const cat = this.shrink(this.byCategory.get(categoryId), priorMu, this.priorSigma);
    if (!windowId) return cat;
    return this.shrink(this.byWindow.get(`${categoryId}\u0000${windowId}`), cat.mu, cat.sigma);
  }
}
