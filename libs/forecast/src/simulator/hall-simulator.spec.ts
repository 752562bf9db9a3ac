import { queueMetrics } from '../queueing/erlang';
import { referenceRoutingRule } from '../testing/reference-routing-rule';
import { createHallSimulation, simulateHall, type SimConfig, type SimResult, type SimTicket } from './hall-simulator';

const MIN = 60_000;
const HOUR = 3_600_000;

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
/** Mean and 99% half-width by batch means over `batches` consecutive groups. */
function batchMeans(xs: number[], batches = 20): { mean: number; half: number } {
  const size = Math.floor(xs.length / batches);
  const ms: number[] = [];
  for (let b = 0; b < batches; b++) ms.push(mean(xs.slice(b * size, (b + 1) * size)));
  const m = mean(ms);
  const sd = Math.sqrt(ms.reduce((a, x) => a + (x - m) ** 2, 0) / (batches - 1));
  return { mean: m, half: (2.86 * sd) / Math.sqrt(batches) };
}

function mmc(seed: number, c: number, lambdaPerHour: number, serviceMs: number, patienceMs?: number, hours = 400): SimConfig {
  return {
    seed,
    start: 0,
    end: hours * HOUR,
    categories: [
      { id: 'A', targetWaitMs: 5 * MIN, arrivalsPerHour: lambdaPerHour,
        meanServiceMs: serviceMs, serviceDistribution: 'exponential', meanPatienceMs: patienceMs },
    ],
    windows: Array.from({ length: c }, (_, i) => ({ id: `w${i + 1}`, state: 'open' as const, categoryIds: ['A'] })),
    rule: referenceRoutingRule,
  };
}

describe('hall simulator against theory', () => {
  it('M/M/5 at load 0.85: mean wait and P(W <= 5 min) match Erlang C within a 99% interval', () => {
    // lambda = 51/h, service 5 min -> 4.25 Erlangs on 5 windows; ~20k tickets, warm-up dropped.
    const res = simulateHall(mmc(7, 5, 51, 5 * MIN, undefined, 1000));
    const served = res.tickets.filter((t) => t.issuedAt > 10 * HOUR).sort((a, b) => a.issuedAt - b.issuedAt);
    const waits = served.map((t) => ((t.calledAt as number) - t.issuedAt) / MIN);
    const theory = queueMetrics({ arrivalRate: 51 / 60, meanService: 5, windows: 5, target: 5 });
    const w = batchMeans(waits);
    expect(Math.abs(w.mean - theory.meanWait)).toBeLessThan(w.half);
    expect(w.half / theory.meanWait).toBeLessThan(0.25); // the interval is tight enough to mean something
    const sl = batchMeans(waits.map((x) => (x <= 5 ? 1 : 0)));
    expect(Math.abs(sl.mean - theory.serviceLevel)).toBeLessThan(sl.half);
    const pw = batchMeans(waits.map((x) => (x > 0 ? 1 : 0)));
    expect(Math.abs(pw.mean - theory.pWait)).toBeLessThan(pw.half);
  });

  it('M/M/4+M overloaded: abandonment and P(wait) match Erlang A within a 99% interval', () => {
    // 60/h, 5 min service = 5 Erlangs on 4 windows, mean patience 10 min.
    const res = simulateHall(mmc(11, 4, 60, 5 * MIN, 10 * MIN, 300));
    const ts = res.tickets.filter((t) => t.issuedAt > 10 * HOUR).sort((a, b) => a.issuedAt - b.issuedAt);
    const theory = queueMetrics({ arrivalRate: 1, meanService: 5, windows: 4, meanPatience: 10, target: 5 });
    const ab = batchMeans(ts.map((t) => (t.abandonedAt !== undefined ? 1 : 0)));
    expect(Math.abs(ab.mean - theory.pAbandon)).toBeLessThan(ab.half);
    expect(theory.pAbandon).toBeGreaterThan(0.1);
    const waitOf = (t: SimTicket) => ((t.calledAt ?? t.abandonedAt) as number) - t.issuedAt;
    const w = batchMeans(ts.map((t) => waitOf(t) / MIN));
    expect(Math.abs(w.mean - theory.meanWait)).toBeLessThan(w.half);
    const pw = batchMeans(ts.map((t) => (waitOf(t) > 0 ? 1 : 0)));
    expect(Math.abs(pw.mean - theory.pWait)).toBeLessThan(pw.half);
  });
});

describe('hall simulator mechanics', () => {
  const base = (): SimConfig => ({
    seed: 3,
    start: 0,
    end: 4 * HOUR,
    slotMs: HOUR,
    categories: [
      { id: 'A', targetWaitMs: 20 * MIN, arrivalsPerHour: [20, 60, 20, 0], priorityShare: 0.2,
        meanServiceMs: 6 * MIN, serviceCv: 0.6, meanPatienceMs: 60 * MIN },
      { id: 'B', targetWaitMs: 40 * MIN, arrivalsPerHour: 10, meanServiceMs: 10 * MIN, serviceCv: 0.8 },
    ],
    windows: [
      { id: 'w1', state: 'open', categoryIds: ['A'] },
      { id: 'w2', state: 'open', categoryIds: ['A', 'B'] },
      { id: 'w3', state: 'open', categoryIds: ['B', 'A'] },
      { id: 'w4', state: 'closed', categoryIds: ['A'] },
    ],
    changes: [
      { at: HOUR, windowId: 'w4', state: 'open' },
      { at: 2 * HOUR, windowId: 'w1', state: 'closed' },
      { at: 2 * HOUR, windowId: 'w3', categoryIds: ['B'] },
    ],
    rule: referenceRoutingRule,
  });

  it('is reproducible from its seed and differs with another seed', () => {
    const a = simulateHall(base());
    const b = simulateHall(base());
    const c = simulateHall({ ...base(), seed: 4 });
    expect(a.events).toEqual(b.events);
    expect(a.events.length).toBeGreaterThan(200);
    expect(c.events).not.toEqual(a.events);
  });

  it('follows arrival rates per slot, window states and profiles', () => {
    const res = simulateHall(base());
    const a = res.tickets.filter((t) => t.categoryId === 'A');
    const inSlot = (h: number) => a.filter((t) => t.issuedAt >= h * HOUR && t.issuedAt < (h + 1) * HOUR).length;
    expect(inSlot(1)).toBeGreaterThan(inSlot(0) + 15);
    expect(inSlot(3)).toBe(0);
    // w4 calls nothing before it opens; w1 nothing after it closes (beyond finishing its last ticket)
    expect(res.tickets.filter((t) => t.windowId === 'w4' && (t.calledAt as number) < HOUR)).toHaveLength(0);
    expect(res.tickets.filter((t) => t.windowId === 'w1' && (t.calledAt as number) >= 2 * HOUR)).toHaveLength(0);
    expect(res.tickets.some((t) => t.windowId === 'w4')).toBe(true);
    // after 2 h, w3 serves only B
    expect(res.tickets.filter((t) => t.windowId === 'w3' && (t.calledAt as number) >= 2 * HOUR && t.categoryId === 'A')).toHaveLength(0);
    // every ticket ends called or abandoned; services end after they start
    for (const t of res.tickets) {
      expect((t.calledAt === undefined) !== (t.abandonedAt === undefined)).toBe(true);
      if (t.calledAt !== undefined) expect(t.serviceEnd as number).toBeGreaterThanOrEqual(t.serviceStart as number);
    }
    expect(res.events.map((e) => e.type)).toEqual(expect.arrayContaining(['window_opened', 'window_closed', 'profile_changed', 'abandoned']));
    const times = res.events.map((e) => e.at);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('gives priority tickets shorter waits and serves window-targeted tickets only at their window', () => {
    const res = simulateHall({
      ...base(),
      initialWaiting: [
        { id: 'T1', categoryId: 'A', priority: 'normal', issuedAt: -30 * MIN, targetWindowId: 'w3' },
        { id: 'T2', categoryId: 'A', priority: 'normal', issuedAt: -40 * MIN },
      ],
      initialServing: [{ id: 'S1', categoryId: 'B', windowId: 'w3', startedAt: -2 * MIN }],
    });
    const a = res.tickets.filter((t) => t.categoryId === 'A' && t.calledAt !== undefined && t.issuedAt >= 0);
    const w = (p: string) => mean(a.filter((t) => t.priority === p).map((t) => (t.calledAt as number) - t.issuedAt));
    expect(w('priority')).toBeLessThan(w('normal') * 0.6);
    const t1 = res.tickets.find((t) => t.id === 'T1');
    expect(t1?.windowId ?? 'abandoned').toMatch(/^(w3|abandoned)$/);
    for (let seed = 10; seed < 20; seed++) {
      const r = simulateHall({
        ...base(),
        seed,
        initialWaiting: [{ id: 'T1', categoryId: 'A', priority: 'normal', issuedAt: -30 * MIN, targetWindowId: 'w3' }],
      });
      expect(r.tickets.find((t) => t.id === 'T1')?.windowId ?? 'w3').toBe('w3');
    }
    expect(res.tickets.find((t) => t.id === 'T2')?.calledAt).toBe(0); // oldest, called at once by a free window
  });
});

describe('hall simulation stepped by a clock', () => {
  const cfg = (): SimConfig => ({
    seed: 8,
    start: 0,
    end: 3 * HOUR,
    categories: [{ id: 'A', targetWaitMs: 20 * MIN, arrivalsPerHour: 30, meanServiceMs: 8 * MIN, serviceCv: 0.6, meanPatienceMs: 40 * MIN }],
    windows: [
      { id: 'w1', state: 'open', categoryIds: ['A'] },
      { id: 'w2', state: 'open', categoryIds: ['A'] },
      { id: 'w3', state: 'closed', categoryIds: ['A'] },
    ],
    rule: referenceRoutingRule,
  });

  it('produces the same day in steps as at once', () => {
    const whole = simulateHall(cfg());
    const sim = createHallSimulation(cfg());
    const stepped = [];
    for (let t = MIN; t <= 5 * HOUR; t += 7 * MIN) stepped.push(...sim.advanceTo(t));
    stepped.push(...sim.runToEnd());
    expect(stepped).toEqual(whole.events);
  });

  it('takes a manager\'s change mid-day and shows it in the snapshot', () => {
    const sim = createHallSimulation(cfg());
    sim.advanceTo(HOUR);
    expect(sim.now).toBe(HOUR);
    const before = sim.snapshot();
    expect(before.waiting.length).toBeGreaterThan(3); // 30/h on two 8-minute windows: a line builds
    const out = sim.changeWindow({ windowId: 'w3', state: 'open' });
    expect(out[0]).toEqual({ type: 'window_opened', at: HOUR, windowId: 'w3', categoryIds: ['A'] });
    expect(out.some((e) => e.type === 'called' && e.windowId === 'w3')).toBe(true); // calls at once
    const after = sim.snapshot();
    expect(after.serving.some((s) => s.windowId === 'w3')).toBe(true);
    expect(after.waiting.length).toBe(before.waiting.length - 1);
    expect(after.windows.find((w) => w.id === 'w3')?.state).toBe('open');
  });
});

describe('hall simulation: the end of the day, and the same citizens under other windows', () => {
  const cfg = (windows: number, crn = true): SimConfig => ({
    seed: 21,
    start: 0,
    end: 2 * HOUR,
    categories: [
      { id: 'A', targetWaitMs: 15 * MIN, arrivalsPerHour: 30, priorityShare: 0.2, meanServiceMs: 8 * MIN, serviceCv: 0.7, meanPatienceMs: 30 * MIN },
    ],
    windows: Array.from({ length: windows }, (_, i) => ({ id: `w${i + 1}`, state: 'open' as const, categoryIds: ['A'], speedFactor: i === 0 ? 1.5 : 1 })),
    rule: referenceRoutingRule,
    commonRandomNumbers: crn,
  });

  it('says when its next event is, and Infinity once the last ticket is done (called tickets\' patience aside)', () => {
    const sim = createHallSimulation(cfg(3));
    sim.advanceTo(HOUR);
    const next = sim.nextEventAt;
    expect(next).toBeGreaterThan(HOUR);
    expect(sim.advanceTo(next).length).toBeGreaterThan(0); // something happens then
    let t = next;
    while (t < 2 * HOUR || sim.nextEventAt < Infinity) sim.advanceTo((t += MIN));
    const lastService = Math.max(...sim.tickets.map((x) => x.serviceEnd ?? 0));
    expect(t - lastService).toBeLessThanOrEqual(MIN);
    expect(sim.tickets.every((x) => x.serviceEnd !== undefined || x.abandonedAt !== undefined)).toBe(true);
    // The timers it dropped would have kept the day going: run to the end, the clock passes them.
    expect(simulateHall(cfg(3)).endedAt).toBeGreaterThan(lastService + 10 * MIN);
  });

  it('with commonRandomNumbers brings the same citizens whatever the windows do', () => {
    const two = simulateHall(cfg(2));
    const four = simulateHall(cfg(4));
    const issued = (r: SimResult) => r.events.filter((e) => e.type === 'issued');
    expect(issued(four)).toEqual(issued(two));
    const left = (r: SimResult) => r.tickets.filter((t) => t.abandonedAt !== undefined).length;
    expect(left(two)).toBeGreaterThan(left(four));
    // Each citizen needs the same service (scaled by the slower window's speed), wherever served.
    const need = (t: SimTicket) => ((t.serviceEnd as number) - (t.serviceStart as number)) / (t.windowId === 'w1' ? 1.5 : 1);
    const byId = new Map(two.tickets.map((t) => [t.id, t]));
    const both = four.tickets.filter((t) => t.serviceEnd !== undefined && byId.get(t.id)?.serviceEnd !== undefined);
    expect(both.length).toBeGreaterThan(30);
    for (const t of both) expect(need(t)).toBeCloseTo(need(byId.get(t.id) as SimTicket), 6);
    // Without it, the windows' draws shift the arrivals.
    expect(issued(simulateHall(cfg(4, false)))).not.toEqual(issued(simulateHall(cfg(2, false))));
  });
});
