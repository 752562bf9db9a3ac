/**
 * Scores of wait estimates for `npm run bench:shown`, on libs/forecast/bench/scoring.ts's `score` (RASE,
 * MAE, bias, calibration, Brier, p10-p90 coverage, as bench:forecast computes them), plus the
 * calibration table and the breakdowns the bench prints. Everything in hall time, ms.
 */
import { score, type Score } from '../../libs/forecast/bench/scoring';

/** A ticket's estimate and its real wait (issue to call), hall ms. */
export interface EstimateRow {
  /** The simulator's ticket id (the same arrival in every table). */
  id: string;
  category: string;
  priority: string;
  issuedAt: number;
  targetMs: number;
  expectedMs: number;
  p10Ms?: number;
  p90Ms?: number;
  /** The estimate's P(called within target), when it gave one. */
  pWithin?: number;
  actualMs: number;
}

/**
 * RASE, MAE and bias (seconds) over every row; calibration and Brier over the rows with a probability,
 * each against its own category's target; p10-p90 coverage over the rows with a range.
 */
export function waitScore(name: string, rows: EstimateRow[], ours = false): Score {
  const s = score(name, rows.map((r) => r.expectedMs / 1000), rows.map((r) => r.actualMs / 1000), undefined, undefined, ours);
  const withP = rows.filter((r) => r.pWithin !== undefined);
  if (withP.length) {
    // `score` checks every wait against one target: with the waits in units of their own target, that target is 1.
    const c = score(name, withP.map(() => 0), withP.map((r) => r.actualMs / r.targetMs), withP.map((r) => r.pWithin!), 1);
    s.calibration = c.calibration;
    s.brier = c.brier;
  }
  const withRange = rows.filter((r) => r.p10Ms !== undefined && r.p90Ms !== undefined);
  if (withRange.length === rows.length && rows.length) {
    s.coverage = score(name, rows.map(() => 0), rows.map((r) => r.actualMs), undefined, undefined, false, {
      p10: rows.map((r) => r.p10Ms!),
      p90: rows.map((r) => r.p90Ms!),
    }).coverage;
  }
  return s;
}

/** One probability bin: the estimates' mean P(within target) and the share really called within target. */
export interface CalibrationBin {
  from: number;
  to: number;
  n: number;
  meanP: number;
  share: number;
}

export function calibrationBins(rows: EstimateRow[], edges = [0, 0.2, 0.4, 0.6, 0.8, 1]): CalibrationBin[] {
  const bins = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1], n: 0, meanP: 0, share: 0 }));
  for (const r of rows) {
    if (r.pWithin === undefined) continue;
    const b = bins.find((x) => r.pWithin! < x.to) ?? bins[bins.length - 1];
    b.n++;
    b.meanP += r.pWithin;
    b.share += r.actualMs <= r.targetMs ? 1 : 0;
  }
  for (const b of bins) if (b.n) ((b.meanP /= b.n), (b.share /= b.n));
  return bins;
}

/** Error of a group of rows, in minutes, with its RASE (large when the group's waits are near 0). */
export interface GroupError {
  key: string;
  n: number;
  meanActualMin: number;
  meanEstimateMin: number;
  maeMin: number;
  biasMin: number;
  rase: number;
  /** Share of the group's squared error in the whole table's. */
  shareOfSquaredError: number;
}

export function groupErrors(rows: EstimateRow[], keyOf: (r: EstimateRow) => string): GroupError[] {
  const groups = new Map<string, EstimateRow[]>();
  for (const r of rows) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
  const sq = (r: EstimateRow) => ((r.expectedMs - r.actualMs) / 60_000) ** 2;
  const total = rows.reduce((a, r) => a + sq(r), 0) || 1;
  return [...groups].map(([key, g]) => {
    const s = waitScore(key, g);
    const mean = (f: (r: EstimateRow) => number) => g.reduce((a, r) => a + f(r), 0) / g.length / 60_000;
    return {
      key, n: g.length, meanActualMin: mean((r) => r.actualMs), meanEstimateMin: mean((r) => r.expectedMs),
      maeMin: s.mae / 60, biasMin: s.bias / 60, rase: s.rase, shareOfSquaredError: g.reduce((a, r) => a + sq(r), 0) / total,
    };
  });
}

export function formatGroupErrors(title: string, groups: GroupError[]): string {
  const head = `  ${'group'.padEnd(24)} ${'n'.padStart(4)} ${'actual'.padStart(7)} ${'shown'.padStart(7)} ${'MAE'.padStart(6)} ` +
    `${'bias'.padStart(6)} ${'RASE'.padStart(7)} ${'sq.err'.padStart(7)}   (means in hall minutes)`;
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  const lines = groups.map((g) =>
    `  ${g.key.padEnd(24)} ${String(g.n).padStart(4)} ${f(g.meanActualMin).padStart(7)} ${f(g.meanEstimateMin).padStart(7)} ` +
    `${f(g.maeMin).padStart(6)} ${f(g.biasMin).padStart(6)} ${f(g.rase, 3).padStart(7)} ${`${Math.round(g.shareOfSquaredError * 100)}%`.padStart(7)}`);
  return [title, head, ...lines].join('\n');
}

export function formatCalibration(title: string, bins: CalibrationBin[]): string {
  const lines = bins.map((b) =>
    `  P ${b.from.toFixed(1)}-${b.to.toFixed(1)}: ${String(b.n).padStart(4)} tickets, ` +
    (b.n ? `said ${Math.round(b.meanP * 100)}% on average, ${Math.round(b.share * 100)}% called within target` : '-'));
  return [title, ...lines].join('\n');
}
