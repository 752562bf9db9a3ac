/** Accuracy measures of wait predictions (DESIGN.md, "Metrics"). */
export interface Score {
  name: string;
  n: number;
  /** mean((predicted - actual)^2) / mean(actual)^2 */
  rase: number;
  /** mean |predicted - actual|, seconds */
  mae: number;
  /** mean(predicted - actual), seconds */
  bias: number;
  /** Expected calibration error of P(called within target) over 10 bins (NaN when not predicted). */
  calibration: number;
  /** Brier score of P(called within target). */
  brier: number;
  /** Share of actual waits inside the predicted p10-p90 range (0.8 is right; NaN when not predicted). */
  coverage: number;
  ours?: boolean;
}

/** Waits in seconds; probabilities optional (one per call) with the target in seconds. */
export function score(
  name: string,
  predicted: number[],
  actual: number[],
  pWithin?: number[],
  targetS?: number,
  ours = false,
  range?: { p10: number[]; p90: number[] },
): Score {
  const n = actual.length;
  let se = 0;
  let ae = 0;
  let b = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = predicted[i] - actual[i];
    se += e * e;
    ae += Math.abs(e);
    b += e;
    sum += actual[i];
  }
  const mean = sum / n;
  let calibration = NaN;
  let brier = NaN;
  if (pWithin && targetS !== undefined) {
    const bins = Array.from({ length: 10 }, () => ({ p: 0, y: 0, n: 0 }));
    brier = 0;
    for (let i = 0; i < n; i++) {
      const y = actual[i] <= targetS ? 1 : 0;
      const p = pWithin[i];
      const bin = bins[Math.min(9, Math.floor(p * 10))];
      bin.p += p;
      bin.y += y;
      bin.n++;
      brier += (p - y) ** 2;
    }
    brier /= n;
    calibration = bins.reduce((a, x) => a + (x.n ? Math.abs(x.p - x.y) : 0), 0) / n;
  }
  let coverage = NaN;
  if (range) {
    let inside = 0;
    for (let i = 0; i < n; i++) if (actual[i] >= range.p10[i] && actual[i] <= range.p90[i]) inside++;
    coverage = inside / n;
  }
  return { name, n, rase: se / n / (mean * mean), mae: ae / n, bias: b / n, calibration, brier, coverage, ours };
}

export function formatScores(title: string, scores: Score[]): string {
  const header =
    `  ${'predictor'.padEnd(26)} ${'RASE'.padStart(7)} ${'MAE s'.padStart(8)} ${'bias s'.padStart(8)} ` +
    `${'calib'.padStart(7)} ${'brier'.padStart(7)} ${'p10-p90'.padStart(8)}`;
  const lines = [title, header];
  for (const s of scores) {
    const f = (x: number, d = 3) => (Number.isNaN(x) ? '-' : x.toFixed(d));
    lines.push(
      `${s.ours ? '* ' : '  '}${s.name.padEnd(26)} ${f(s.rase).padStart(7)} ${f(s.mae, 1).padStart(8)} ${f(s.bias, 1).padStart(8)} ` +
        `${f(s.calibration).padStart(7)} ${f(s.brier).padStart(7)} ${f(s.coverage, 2).padStart(8)}`,
    );
  }
  return lines.join('\n');
}
