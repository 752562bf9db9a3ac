/**
 * Abandonment (patience) rate per category: abandonments / total time waited, the maximum-likelihood
 * estimate for exponential patience with censoring (called tickets' waits count as censored patience).
 * Shrunk toward a prior rate with a small pseudo-count; a hall-wide figure backs up thin categories.
 */
export interface AbandonmentOptions {
  /** Prior mean patience, ms (default 60 min). */
  priorPatienceMs?: number;
  /** Prior weight in pseudo-abandonments (default 2). */
  priorWeight?: number;
}

export class AbandonmentEstimator {
  private readonly prior: number;
  private readonly k: number;
  private readonly stats = new Map<string, { abandoned: number; waitedMs: number }>();
  private readonly all = { abandoned: 0, waitedMs: 0 };

  constructor(opts: AbandonmentOptions = {}) {
    this.prior = opts.priorPatienceMs ?? 3_600_000;
    this.k = opts.priorWeight ?? 2;
  }

  /** A ticket left the line after waiting `waitedMs`; `abandoned` false when it was called. */
  observe(categoryId: string, waitedMs: number, abandoned: boolean): void {
    let s = this.stats.get(categoryId);
    if (!s) this.stats.set(categoryId, (s = { abandoned: 0, waitedMs: 0 }));
    const w = Math.max(0, waitedMs);
    s.waitedMs += w;
    this.all.waitedMs += w;
    if (abandoned) {
      s.abandoned += 1;
      this.all.abandoned += 1;
    }
  }

  /** Hall-wide patience rate per ms. */
  hallRatePerMs(): number {
    return (this.all.abandoned + this.k) / (this.all.waitedMs + this.k * this.prior);
  }

  /** Patience rate per ms for a category (hall-wide rate as its prior). */
  ratePerMs(categoryId: string): number {
    const s = this.stats.get(categoryId);
    const hall = this.hallRatePerMs();
    if (!s) return hall;
    return (s.abandoned + this.k) / (s.waitedMs + this.k / hall);
  }

  /** Mean patience, ms. */
  meanPatienceMs(categoryId: string): number {
    return 1 / this.ratePerMs(categoryId);
  }
}
