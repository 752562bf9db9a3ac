import type { HallSnapshot } from '../hall/hall.types';
import { lognormalFromMeanCv } from '../random/prng';
import { simulateHall } from '../simulator/hall-simulator';
import { referenceRoutingRule } from '../testing/reference-routing-rule';
import { runCountingPauses } from '../testing/steps';
import { monteCarlo, monteCarloSteps, sampleStats, type MonteCarloModel } from './monte-carlo';

const MIN = 60_000;
const NOW = 1_700_000_000_000;

const model = (over: Partial<Record<string, number>> = {}): MonteCarloModel => ({
  service: (c) => lognormalFromMeanCv(c === 'B' ? 12 * MIN : 6 * MIN, 0.7),
  patienceRatePerMs: () => over.theta ?? 0,
  arrivalRatePerMs: (c) => (c === 'A' ? (over.lambdaA ?? 20) : c === 'C' ? (over.lambdaC ?? 4) : (over.lambdaB ?? 6)) / 3_600_000,
  priorityShare: () => 0,
});

function hall(): HallSnapshot {
  const waiting = [];
  for (let i = 0; i < 12; i++) waiting.push({ id: `A${i}`, categoryId: 'A', priority: 'normal' as const, issuedAt: NOW - (30 - i * 2) * MIN });
  for (let i = 0; i < 8; i++) waiting.push({ id: `B${i}`, categoryId: 'B', priority: 'normal' as const, issuedAt: NOW - (50 - i * 5) * MIN });
  waiting.push({ id: 'P1', categoryId: 'A', priority: 'priority' as const, issuedAt: NOW - 1 * MIN });
  return {
    categories: [
      { id: 'A', targetWaitMs: 15 * MIN, defaultServiceMs: 6 * MIN },
      { id: 'B', targetWaitMs: 60 * MIN, defaultServiceMs: 12 * MIN },
    ],
    windows: [
      { id: 'w1', state: 'open', categoryIds: ['A'] },
      { id: 'w2', state: 'open', categoryIds: ['A', 'B'] },
      { id: 'w3', state: 'open', categoryIds: ['B', 'A'] },
      { id: 'w4', state: 'closed', categoryIds: ['B'] },
    ],
    waiting,
    serving: [
      { id: 'S1', categoryId: 'A', windowId: 'w1', startedAt: NOW - 3 * MIN },
      { id: 'S2', categoryId: 'B', windowId: 'w3', startedAt: NOW - 1 * MIN },
    ],
  };
}

describe('Monte Carlo of the routing rule', () => {
  it('is reproducible from its seed', () => {
    const a = monteCarlo({ state: hall(), now: NOW, rule: referenceRoutingRule, model: model(), seed: 3, runs: 20 });
    const b = monteCarlo({ state: hall(), now: NOW, rule: referenceRoutingRule, model: model(), seed: 3, runs: 20 });
    expect([...(a.tickets.get('A5') as Float64Array)]).toEqual([...(b.tickets.get('A5') as Float64Array)]);
  });

  it('in steps: pauses along the way and ends with the same result as in one call', () => {
    const input = { state: hall(), now: NOW, rule: referenceRoutingRule, model: model(), seed: 3, runs: 200 };
    const whole = monteCarlo(input);
    const { value, pauses } = runCountingPauses(monteCarloSteps(input));
    // 200 runs of ~25 calls and the arrivals meanwhile: several thousand events, so a few pauses.
    expect(pauses).toBeGreaterThan(1);
    expect(value.runs).toBe(whole.runs);
    for (const id of ['A0', 'A11', 'B7', 'P1']) expect([...(value.tickets.get(id) as Float64Array)]).toEqual([...(whole.tickets.get(id) as Float64Array)]);
    expect([...(value.windows.get('w2') as Float64Array)]).toEqual([...(whole.windows.get('w2') as Float64Array)]);
  });

  it('matches the hall simulator run forward from the same state (multi-category windows, priority)', () => {
    const mc = monteCarlo({ state: hall(), now: NOW, rule: referenceRoutingRule, model: model(), seed: 1, runs: 400 });
    // Truth: the discrete-event simulator from the same state, 400 seeds.
    const truth = new Map<string, number[]>();
    const s = hall();
    for (let seed = 0; seed < 400; seed++) {
      const res = simulateHall({
        seed: 1000 + seed,
        start: NOW,
        end: NOW + 6 * 60 * MIN,
        stopAt: NOW + 6 * 60 * MIN,
        categories: [
          { id: 'A', targetWaitMs: 15 * MIN, arrivalsPerHour: 20, meanServiceMs: 6 * MIN, serviceCv: 0.7 },
          { id: 'B', targetWaitMs: 60 * MIN, arrivalsPerHour: 6, meanServiceMs: 12 * MIN, serviceCv: 0.7 },
        ],
        windows: s.windows,
        rule: referenceRoutingRule,
        initialWaiting: s.waiting,
        initialServing: s.serving,
      });
      for (const t of res.tickets) {
        if (t.calledAt === undefined || !s.waiting.some((w) => w.id === t.id)) continue;
        const arr = truth.get(t.id) ?? [];
        arr.push(t.calledAt - NOW);
        truth.set(t.id, arr);
      }
    }
    for (const id of ['A0', 'A6', 'A11', 'B0', 'B4', 'B7', 'P1']) {
      const sim = truth.get(id) as number[];
      const simMean = sim.reduce((a, b) => a + b, 0) / sim.length;
      const mcMean = sampleStats(mc.tickets.get(id) as Float64Array).mean;
      expect(Math.abs(mcMean - simMean)).toBeLessThan(Math.max(0.1 * simMean, 1.5 * MIN));
    }
    // The priority ticket beats every normal A ticket; B's long target lets A go first.
    const mean = (id: string) => sampleStats(mc.tickets.get(id) as Float64Array).mean;
    expect(mean('P1')).toBeLessThan(mean('A0') + MIN);
    expect(mean('A11')).toBeGreaterThan(mean('A0'));
    expect(mc.newTickets.get('A')?.length).toBe(400);
    // A priority ticket taken now goes ahead of the normal line, as P1 does.
    expect(sampleStats(mc.newPriorityTickets.get('A') as Float64Array).mean).toBeLessThan(mean('A0') + MIN);
    expect(sampleStats(mc.newTickets.get('A') as Float64Array).mean).toBeGreaterThan(mean('A11'));
    expect(sampleStats(mc.windows.get('w2') as Float64Array).mean).toBe(0); // free with a line: calls now
  });

  it('times a ticket taken now of each class without moving the real tickets', () => {
    const input = { state: hall(), now: NOW, rule: referenceRoutingRule, model: model(), seed: 5, runs: 40 };
    const ghosts = monteCarlo(input);
    const none = monteCarlo({ ...input, newTickets: false });
    for (const id of ['A0', 'A11', 'B7', 'P1']) expect([...(ghosts.tickets.get(id) as Float64Array)]).toEqual([...(none.tickets.get(id) as Float64Array)]);
    expect(none.newPriorityTickets.size).toBe(0);
    expect(ghosts.newPriorityTickets.get('B')?.length).toBe(40);
  });

  it('never calls a ticket transferred to a closed window, and abandonment shortens the line', () => {
    const s = hall();
    s.waiting.push({ id: 'T', categoryId: 'B', priority: 'normal', issuedAt: NOW - 5 * MIN, targetWindowId: 'w4' } as never);
    const mc = monteCarlo({ state: s, now: NOW, rule: referenceRoutingRule, model: model(), seed: 2, runs: 50 });
    expect(sampleStats(mc.tickets.get('T') as Float64Array).finiteShare).toBe(0);
    const impatient = monteCarlo({ state: s, now: NOW, rule: referenceRoutingRule, model: model({ theta: 1 / (10 * MIN) }), seed: 2, runs: 200 });
    expect(sampleStats(impatient.tickets.get('A11') as Float64Array).mean).toBeLessThan(sampleStats(mc.tickets.get('A11') as Float64Array).mean * 0.9);
  });

  it('settles a category no open window serves as never called, without simulating the rest of the day', () => {
    // A new category before its first window opens: its tickets, and one taken now, are never called.
    const withC = hall();
    withC.categories.push({ id: 'C', targetWaitMs: 20 * MIN, defaultServiceMs: 20 * MIN });
    withC.waiting.push({ id: 'C1', categoryId: 'C', priority: 'normal', issuedAt: NOW - 2 * MIN });
    const counted = () => {
      const rule = (...args: Parameters<typeof referenceRoutingRule>) => (rule.calls++, referenceRoutingRule(...args));
      rule.calls = 0;
      return rule;
    };
    const rC = counted();
    const r = counted();
    const mcC = monteCarlo({ state: withC, now: NOW, rule: rC, model: model({ lambdaC: 0 }), seed: 4, runs: 30 });
    const mc = monteCarlo({ state: hall(), now: NOW, rule: r, model: model({ lambdaC: 0 }), seed: 4, runs: 30 });
    expect(sampleStats(mcC.tickets.get('C1') as Float64Array).finiteShare).toBe(0);
    expect(sampleStats(mcC.newTickets.get('C') as Float64Array).finiteShare).toBe(0);
    // The other lines come out exactly as without the category, and each run stops where it would have:
    // as many routing decisions, not 12 hours of simulated arrivals more.
    expect([...(mcC.tickets.get('A11') as Float64Array)]).toEqual([...(mc.tickets.get('A11') as Float64Array)]);
    expect([...(mcC.newTickets.get('B') as Float64Array)]).toEqual([...(mc.newTickets.get('B') as Float64Array)]);
    expect(rC.calls).toBeGreaterThan(0);
    expect(rC.calls).toBe(r.calls);
  });
});
