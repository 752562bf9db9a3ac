/**
 * Scores the forecaster on simulated days beside the baselines: the hall is simulated day after day;
 * the forecaster learns from the previous days and from today's events so far, and predicts each
 * ticket's wait the moment it is issued.
 */
import {
  createForecaster,
  qlmWait,
  referenceRoutingRule,
  simulateHall,
  type CategorySnapshot,
  type HallSnapshot,
  type RoutingRule,
  type SimCategory,
  type SimResult,
  type WindowSnapshot,
} from '../src';
import { score, type Score } from './scoring';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const MONDAY = Date.UTC(2024, 0, 1) - 8 * HOUR;

export interface DayScenario {
  name: string;
  categories: SimCategory[];
  windows: WindowSnapshot[];
  /** Open from 9:00 for this many hours. */
  hours: number;
  slotMs?: number;
  rule?: RoutingRule;
  trainingDays: number;
  testDays: number;
}

export function scoreSimulatedDays(sc: DayScenario): { scores: Score[]; tickets: number; meanWaitS: number; method: string } {
  const cats: CategorySnapshot[] = sc.categories.map((c) => ({ id: c.id, targetWaitMs: c.targetWaitMs, defaultServiceMs: c.meanServiceMs }));
  const rule = sc.rule ?? referenceRoutingRule;
  const f = createForecaster({ categories: cats, rule });
  const day = (d: number): SimResult =>
    simulateHall({
      seed: 1000 + d,
      start: MONDAY + d * DAY + 9 * HOUR,
      end: MONDAY + d * DAY + (9 + sc.hours) * HOUR,
      slotMs: sc.slotMs,
      categories: sc.categories,
      windows: sc.windows,
      rule,
    });
  let trainSum = 0;
  let trainN = 0;
  for (let d = 0; d < sc.trainingDays; d++) {
    const r = day(d * 7);
    f.observeAll(r.events);
    for (const t of r.tickets) if (t.calledAt !== undefined) ((trainSum += t.calledAt - t.issuedAt), trainN++);
  }
  const constant = trainSum / trainN / 1000;
  const rows: {
    a: number; ours: number; p: number; p10: number; p90: number; target: number; ql: number; qlm: number; les: number; hol: number; c: number;
  }[] = [];
  let method = 'ql_m';
  for (let d = sc.trainingDays; d < sc.trainingDays + sc.testDays; d++) {
    const r = day(d * 7);
    const byId = new Map(r.tickets.map((t) => [t.id, t]));
    const waiting = new Map<string, { id: string; categoryId: string; issuedAt: number; priority: 'normal' | 'priority' }>();
    const serving = new Map<string, { id: string; categoryId: string; windowId: string; startedAt: number }>();
    const lastCalledWait = new Map<string, number>();
    for (const e of r.events) {
      if (e.type === 'issued') {
        const t = byId.get(e.ticketId);
        f.observe(e);
        if (t && t.calledAt !== undefined) {
          const state: HallSnapshot = {
            categories: cats,
            windows: sc.windows,
            waiting: [...waiting.values(), { id: t.id, categoryId: t.categoryId, issuedAt: t.issuedAt, priority: t.priority }],
            serving: [...serving.values()],
          };
          const p = f.predictTickets(state, e.at).find((x) => x.ticketId === t.id);
          if (p) method = p.method;
          const same = [...waiting.values()].filter((x) => x.categoryId === t.categoryId);
          const c = sc.windows.filter((w) => w.state === 'open' && w.categoryIds.includes(t.categoryId)).length;
          const cat = sc.categories.find((x) => x.id === t.categoryId) as SimCategory;
          const rate = c / cat.meanServiceMs;
          const theta = cat.meanPatienceMs ? 1 / cat.meanPatienceMs : 0;
          const free = c - [...serving.values()].filter((s) => sc.windows.find((w) => w.id === s.windowId)?.categoryIds.includes(t.categoryId)).length;
          rows.push({
            a: (t.calledAt - t.issuedAt) / 1000,
            ours: (p?.expectedWaitMs ?? 0) / 1000,
            p: p?.pWithinTarget ?? 0,
            p10: (p?.p10WaitMs ?? 0) / 1000,
            p90: (p?.p90WaitMs ?? 0) / 1000,
            target: cat.targetWaitMs / 1000,
            ql: free > same.length ? 0 : qlmWait({ ahead: same.length, serviceRate: rate, abandonRate: 0 }).mean / 1000,
            qlm: free > same.length ? 0 : qlmWait({ ahead: same.length, serviceRate: rate, abandonRate: theta }).mean / 1000,
            les: (lastCalledWait.get(t.categoryId) ?? 0) / 1000,
            hol: same.length ? (e.at - Math.min(...same.map((x) => x.issuedAt))) / 1000 : 0,
            c: constant,
          });
        }
        if (t) waiting.set(t.id, { id: t.id, categoryId: t.categoryId, issuedAt: t.issuedAt, priority: t.priority });
        continue;
      }
      f.observe(e);
      if (e.type === 'called') {
        const w = waiting.get(e.ticketId);
        if (w) lastCalledWait.set(w.categoryId, e.at - w.issuedAt);
        waiting.delete(e.ticketId);
        const t = byId.get(e.ticketId);
        if (t) serving.set(t.id, { id: t.id, categoryId: t.categoryId, windowId: e.windowId, startedAt: e.at });
      } else if (e.type === 'finished') serving.delete(e.ticketId);
      else if (e.type === 'abandoned') waiting.delete(e.ticketId);
    }
  }
  const actual = rows.map((x) => x.a);
  // P(within target) calibration needs one target per row: score against each row's own target.
  const sc1 = score('hallq', rows.map((x) => x.ours), actual, rows.map((x) => x.p), 0, true, { p10: rows.map((x) => x.p10), p90: rows.map((x) => x.p90) });
  const hits = rows.map((x) => (x.a <= x.target ? 1 : 0));
  const bins = Array.from({ length: 10 }, () => ({ p: 0, y: 0, n: 0 }));
  let brier = 0;
  rows.forEach((x, i) => {
    const b = bins[Math.min(9, Math.floor(x.p * 10))];
    b.p += x.p;
    b.y += hits[i];
    b.n++;
    brier += (x.p - hits[i]) ** 2;
  });
  sc1.calibration = bins.reduce((acc, b) => acc + Math.abs(b.p - b.y), 0) / rows.length;
  sc1.brier = brier / rows.length;
  return {
    tickets: rows.length,
    meanWaitS: actual.reduce((a, b) => a + b, 0) / actual.length,
    method,
    scores: [
      { ...sc1, name: `hallq (${method === 'monte_carlo' ? 'Monte Carlo' : 'calibrated QL_m'})` },
      score('constant mean', rows.map((x) => x.c), actual),
      score('QL', rows.map((x) => x.ql), actual),
      score('QL_m', rows.map((x) => x.qlm), actual),
      score('LES', rows.map((x) => x.les), actual),
      score('HOL', rows.map((x) => x.hol), actual),
    ],
  };
}

/** A single-category day: morning peak, lognormal services, abandonment. */
export const SINGLE_LINE_DAY: DayScenario = {
  name: 'single line, morning peak (5 windows, lognormal cv 0.7, patience 45 min)',
  categories: [
    { id: 'A', targetWaitMs: 20 * MIN, arrivalsPerHour: [40, 50, 45, 35, 30, 30, 35, 30], meanServiceMs: 8 * MIN, serviceCv: 0.7, meanPatienceMs: 45 * MIN },
  ],
  windows: Array.from({ length: 5 }, (_, i) => ({ id: `w${i + 1}`, state: 'open' as const, categoryIds: ['A'] })),
  hours: 8,
  slotMs: HOUR,
  trainingDays: 4,
  testDays: 3,
};

/** The demo hall's categories and windows (multi-category windows, priority tickets): Monte Carlo. */
export const DEMO_HALL_DAY: DayScenario = {
  name: 'demo hall: 6 categories, 9 windows, shared profiles, 15% priority',
  categories: [
    { id: 'enterprise', targetWaitMs: 20 * MIN, arrivalsPerHour: [14, 18, 14, 10, 8, 10, 12, 8],
      meanServiceMs: 15 * MIN, serviceCv: 0.6, priorityShare: 0.1, meanPatienceMs: 120 * MIN },
    { id: 'social', targetWaitMs: 15 * MIN, arrivalsPerHour: [10, 12, 10, 8, 6, 8, 10, 6],
      meanServiceMs: 7 * MIN, serviceCv: 0.7, priorityShare: 0.2, meanPatienceMs: 60 * MIN },
    { id: 'medical', targetWaitMs: 15 * MIN, arrivalsPerHour: [8, 10, 8, 6, 6, 6, 8, 6],
      meanServiceMs: 6 * MIN, serviceCv: 0.7, priorityShare: 0.2, meanPatienceMs: 60 * MIN },
    { id: 'housing', targetWaitMs: 20 * MIN, arrivalsPerHour: [5, 6, 5, 4, 4, 4, 5, 3],
      meanServiceMs: 10 * MIN, serviceCv: 0.6, priorityShare: 0.1, meanPatienceMs: 90 * MIN },
    { id: 'realestate', targetWaitMs: 30 * MIN, arrivalsPerHour: [3, 4, 3, 2, 2, 3, 3, 2],
      meanServiceMs: 20 * MIN, serviceCv: 0.5, priorityShare: 0.05, meanPatienceMs: 120 * MIN },
    { id: 'tax', targetWaitMs: 20 * MIN, arrivalsPerHour: [6, 8, 6, 5, 4, 5, 6, 4],
      meanServiceMs: 9 * MIN, serviceCv: 0.6, priorityShare: 0.1, meanPatienceMs: 90 * MIN },
  ],
  windows: [
    { id: '1', state: 'open', categoryIds: ['enterprise'] },
    { id: '2', state: 'open', categoryIds: ['enterprise'] },
    { id: '3', state: 'open', categoryIds: ['enterprise', 'tax'] },
    { id: '4', state: 'open', categoryIds: ['enterprise', 'tax'] },
    { id: '5', state: 'open', categoryIds: ['social', 'medical'] },
    { id: '6', state: 'open', categoryIds: ['medical', 'social'] },
    { id: '7', state: 'open', categoryIds: ['housing'] },
    { id: '8', state: 'open', categoryIds: ['realestate', 'housing'] },
    { id: '9', state: 'open', categoryIds: ['tax', 'enterprise'] },
    { id: '10', state: 'closed', categoryIds: ['enterprise', 'social', 'medical', 'housing', 'realestate', 'tax'] },
  ],
  hours: 8,
  slotMs: HOUR,
  trainingDays: 4,
  testDays: 2,
};
