import { simulateHall } from '../simulator/hall-simulator';
import { referenceRoutingRule } from '../testing/reference-routing-rule';
import { qlmSeries, qlmWait } from './queue-length.predictor';

describe('qlmWait', () => {
  it('sums exponential stages: QL without abandonment, QL_m with', () => {
    expect(qlmWait({ ahead: 2, serviceRate: 1, abandonRate: 0 })).toEqual({ mean: 3, variance: 3 });
    const m = qlmWait({ ahead: 2, serviceRate: 1, abandonRate: 0.5 });
    expect(m.mean).toBeCloseTo(1 + 1 / 1.5 + 1 / 2, 12);
    expect(m.variance).toBeCloseTo(1 + 1 / 2.25 + 1 / 4, 12);
    expect(qlmWait({ ahead: 1, free: 2, serviceRate: 1, abandonRate: 0 }).mean).toBe(0);
    expect(qlmWait({ ahead: 0, serviceRate: 0, abandonRate: 0 }).mean).toBe(Infinity);
  });

  it('qlmSeries gives exactly qlmWait for every ticket of a line, in any order of asking', () => {
    const lines = [
      { free: 0, serviceRate: 1 / 300_000, abandonRate: 1 / 1_800_000, overtakeRate: 1 / 900_000 },
      { free: 3, serviceRate: 4 / 600_000, abandonRate: 0 },
      { free: 1, serviceRate: 0, abandonRate: 1 / 600_000 },
      { free: 0, serviceRate: 1 / 60_000, abandonRate: 1 / 60_000, overtakeRate: 1 / 30_000 },
    ];
    for (const line of lines) {
      const wait = qlmSeries(line);
      for (const ahead of [40, 0, 1, 2, 3, 7, 39, 41, 500, 2, 499]) {
        expect(wait(ahead)).toEqual(qlmWait({ ...line, ahead }));
      }
    }
  });

  it('M/M/10 at load 0.9: QL RASE near 1 - load = 0.10, LES near twice that', () => {
    const MIN = 60_000;
    const res = simulateHall({
      seed: 21,
      start: 0,
      end: 3000 * 60 * MIN, // 3,000 hours, ~54,000 tickets
      categories: [{ id: 'A', targetWaitMs: 10 * MIN, arrivalsPerHour: 18, meanServiceMs: 30 * MIN, serviceDistribution: 'exponential' }],
      windows: Array.from({ length: 10 }, (_, i) => ({ id: `w${i}`, state: 'open' as const, categoryIds: ['A'] })),
      rule: referenceRoutingRule,
    });
    const ts = res.tickets.filter((t) => t.issuedAt > 50 * 60 * MIN).sort((a, b) => a.issuedAt - b.issuedAt);
    const started = [...ts].sort((a, b) => (a.calledAt as number) - (b.calledAt as number));
    const rate = 10 / (30 * MIN);
    let ql = 0;
    let les = 0;
    let sum = 0;
    let n = 0;
    let j = 0;
    let lastLes = 0;
    for (const t of ts) {
      while (j < started.length && (started[j].calledAt as number) < t.issuedAt) lastLes = (started[j].calledAt as number) - started[j++].issuedAt;
      const wait = (t.calledAt as number) - t.issuedAt;
      if (wait <= 0) continue; // delayed customers, as in Whitt's analysis
      const pred = qlmWait({ ahead: t.waitingAtIssue, serviceRate: rate, abandonRate: 0 }).mean;
      ql += (pred - wait) ** 2;
      les += (lastLes - wait) ** 2;
      sum += wait;
      n++;
    }
    const m2 = (sum / n) ** 2;
    const raseQl = ql / n / m2;
    const raseLes = les / n / m2;
    expect(raseQl).toBeGreaterThan(0.08);
    expect(raseQl).toBeLessThan(0.12);
    expect(raseLes / raseQl).toBeGreaterThan(1.6);
    expect(raseLes / raseQl).toBeLessThan(2.4);
  });
});
