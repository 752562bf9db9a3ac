/**
 * Online linear calibration of a raw wait prediction: wait ~ w . features, one recursive-least-squares
 * model per class (e.g. priority), with exponential forgetting, trained on tickets whose wait is known
 * (called), so every prediction uses only what was known when it was made. Tracks the residual variance
 * for the predicted range. Falls back to the identity on `raw` until it has seen enough.
 */
export interface CalibratorOptions {
  /** Forgetting factor per update (default 0.999: memory of about 1,000 tickets). */
  forgetting?: number;
  /** Updates a class needs before its model is used (default 100). */
  minSamples?: number;
}

interface Model {
  P: Float64Array;
  w: Float64Array;
  n: number;
  resVar: number;
  sqSum: number;
}

export class WaitCalibrator {
  private readonly lambda: number;
  private readonly minN: number;
  private readonly models = new Map<string, Model>();

  /** `dim` features; feature 0 is the constant 1 and feature 1 the raw prediction. */
  constructor(private readonly dim: number, opts: CalibratorOptions = {}) {
    this.lambda = opts.forgetting ?? 0.999;
    this.minN = opts.minSamples ?? 100;
  }

  private model(key: string): Model {
    let m = this.models.get(key);
    if (!m) {
      const P = new Float64Array(this.dim * this.dim);
      for (let i = 0; i < this.dim; i++) P[i * this.dim + i] = 1e6;
      const w = new Float64Array(this.dim);
      w[1] = 1; // start from the raw prediction itself
      this.models.set(key, (m = { P, w, n: 0, resVar: 0, sqSum: 0 }));
    }
    return m;
  }

  /** Learn from one ticket: its features at prediction time and the wait it really had. */
  update(cls: string, x: readonly number[], actual: number): void {
    if (!Number.isFinite(actual) || x.some((v) => !Number.isFinite(v))) return;
    for (const key of ['*', cls]) {
      const m = this.model(key);
      const d = this.dim;
      const Px = new Float64Array(d);
      let den = this.lambda;
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += m.P[i * d + j] * x[j];
        Px[i] = s;
        den += x[i] * s;
      }
      let pred = 0;
      for (let i = 0; i < d; i++) pred += m.w[i] * x[i];
      const err = actual - pred;
      for (let i = 0; i < d; i++) m.w[i] += (Px[i] / den) * err;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) m.P[i * d + j] = (m.P[i * d + j] - (Px[i] * Px[j]) / den) / this.lambda;
      m.n += 1;
      // residual variance relative to raw^2 + 1 (heteroscedastic: spread grows with the wait)
      const scale = x[1] * x[1] + 1;
      m.sqSum = m.sqSum * this.lambda + (err * err) / scale;
      m.resVar = m.sqSum * (1 - this.lambda) / (1 - Math.pow(this.lambda, m.n));
    }
  }

  /** Calibrated prediction and residual variance for features x. */
  predict(cls: string, x: readonly number[]): { mean: number; variance: number; calibrated: boolean } {
    const m = this.models.get(cls);
    const use = m && m.n >= this.minN ? m : this.models.get('*');
    if (!use || use.n < this.minN) return { mean: x[1], variance: NaN, calibrated: false };
    let p = 0;
    for (let i = 0; i < this.dim; i++) p += use.w[i] * x[i];
    return { mean: Math.max(0, p), variance: use.resVar * (x[1] * x[1] + 1), calibrated: true };
  }

  /** Plain-data copy of the learned state (for logging or warm starts). */
  toJSON(): Record<string, { weights: number[]; n: number }> {
    const out: Record<string, { weights: number[]; n: number }> = {};
    for (const [k, m] of this.models) out[k] = { weights: [...m.w], n: m.n };
    return out;
  }
}
