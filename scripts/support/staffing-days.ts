/**
 * The hall-days of `npm run bench:staffing`: the reported case and seeded random halls. Each day comes
 * with four earlier same weekdays (windows as scheduled) for the forecaster's history, as the api
 * replays the hall's last 28 days.
 */
import { createRng, deriveSeed, type CategorySnapshot, type ClerkBreak, type SimCategory, type SimConfig, type SimWindow } from '@hallq/forecast';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Local midnight (UTC+8) of Monday 2024-01-01. */
const MONDAY = Date.UTC(2024, 0, 1) - 8 * HOUR;
const SLOT = 30 * MIN;
const HISTORY_WEEKS = 4;

export type DayConfig = Omit<SimConfig, 'rule' | 'changes'>;

export interface HallDay {
  name: string;
  seed: number;
  /** Today, windows as scheduled at the opening. */
  day: DayConfig;
  /** Earlier same weekdays, played with the windows as scheduled (breaks included). */
  history: (DayConfig & { changes: SimConfig['changes'] })[];
  /** What the hall knows of its categories (target, configured default service time). */
  categories: CategorySnapshot[];
  spareClerks: number;
  breaks: ClerkBreak[];
}

/**
 * The case of issue 15: enterprise declaration, 4 windows serving it, a morning peak of about 36 an
 * hour against 15-minute services, 3 spare clerks at 3 closed windows (so up to 7).
 */
export function reportedCase(seed = 15): HallDay {
  const rates = [30, 36, 36, 36, 30, 20, 12, 8, 8, 10, 12, 12, 10, 8, 6, 4]; // per half hour from 9:00 to 17:00
  const cat: SimCategory = {
    id: 'enterprise', targetWaitMs: 20 * MIN, arrivalsPerHour: rates, meanServiceMs: 15 * MIN, serviceCv: 0.6, meanPatienceMs: 3 * HOUR,
  };
  const windows: SimWindow[] = Array.from({ length: 7 }, (_, i) => ({ id: `${i + 1}`, state: i < 4 ? 'open' : 'closed', categoryIds: ['enterprise'] }));
  const rng = createRng(seed);
  return build({
    name: 'reported case: enterprise, 4 windows + 3 spare, peak 36/h, 15-min services',
    seed, weekday: 0, opensAt: 9 * HOUR, hours: 8, categories: [cat], windows, spareClerks: 3, breaks: () => [],
    known: [{ id: 'enterprise', targetWaitMs: 20 * MIN, targetShare: 0.9, defaultServiceMs: 15 * MIN }],
    todayFactor: 1, historyFactor: () => 0.9 + 0.2 * rng.next(),
  });
}

const NAMES = ['enterprise', 'social', 'medical', 'housing', 'tax'];

/**
 * A random hall and day: 2-5 categories (targets 10-30 min, services 4-20 min, some priority, patience
 * 30-180 min), a morning peak, a lunch dip and an afternoon bump; windows scheduled a little above the
 * average load, some shared by two categories; 1-3 spare clerks; lunch breaks in two shifts on three
 * days of four; today 0.85-1.3 times the usual volume.
 */
export function randomHallDay(seed: number): HallDay {
  const rng = createRng(seed);
  const u = (a: number, b: number) => a + (b - a) * rng.next();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)];
  const opensAt = pick([8.5, 9]) * HOUR;
  const hours = pick([8, 8.5, 9]);
  const slots = hours * 2;
  const peakAt = u(1, 2.5);
  const peak = u(0.4, 1);
  const lunch = u(0.5, 0.8);
  const shape = Array.from({ length: slots }, (_, s) => {
    const h = (s + 0.5) / 2; // hours after opening
    const local = opensAt / HOUR + h;
    const bumps = 1 + peak * Math.exp(-(((h - peakAt) / 0.8) ** 2) / 2) + 0.3 * Math.exp(-(((local - 15) / 0.7) ** 2) / 2);
    return bumps * (local >= 12 && local < 13.5 ? lunch : 1);
  });
  const mean = shape.reduce((a, b) => a + b, 0) / slots;
  const nCat = 2 + Math.floor(rng.next() * 4);
  const ids = [...NAMES];
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  ids.length = nCat;
  const categories: SimCategory[] = [];
  const known: CategorySnapshot[] = [];
  const windows: SimWindow[] = [];
  for (const id of ids) {
    const serviceMin = Math.round(u(4, 20) * 2) / 2;
    const load = u(0.7, 3.5); // average Erlangs
    const perHour = (load * 60) / serviceMin;
    const targetWaitMs = pick([10, 15, 20, 30]) * MIN;
    categories.push({
      id, targetWaitMs, meanServiceMs: serviceMin * MIN, serviceCv: u(0.4, 0.9),
      priorityShare: rng.next() < 0.3 ? 0 : u(0.05, 0.2), meanPatienceMs: u(30, 180) * MIN,
      arrivalsPerHour: shape.map((x) => Math.round(((perHour * x) / mean) * u(0.85, 1.15) * 10) / 10),
    });
    known.push({ id, targetWaitMs, targetShare: 0.9, defaultServiceMs: Math.round(serviceMin * u(0.8, 1.25)) * MIN });
    const n = Math.max(1, Math.round(load * u(1, 1.35)));
    for (let i = 0; i < n; i++) windows.push({ id: `${windows.length + 1}`, state: 'open', categoryIds: [id] });
  }
  // Shared windows: for about half the categories, one of its windows also serves another category.
  for (const id of ids) {
    if (rng.next() < 0.5) continue;
    const other = pick(ids.filter((x) => x !== id));
    const w = windows.find((x) => x.categoryIds.length === 1 && x.categoryIds[0] === id);
    if (w) w.categoryIds.push(other);
  }
  const spareClerks = 1 + Math.floor(rng.next() * 3);
  const spareWindows = spareClerks + Math.floor(rng.next() * 2);
  for (let i = 0; i < spareWindows; i++) {
    windows.push({ id: `${windows.length + 1}`, state: 'closed', categoryIds: rng.next() < 0.5 ? [...ids] : [pick(ids)] });
  }
  const lunchBreaks = rng.next() < 0.75;
  const weekday = Math.floor(rng.next() * 5);
  const todayFactor = u(0.85, 1.3);
  return build({
    name: `random hall ${seed}: ${nCat} categories, ${windows.length - spareWindows} windows + ${spareClerks} spare${lunchBreaks ? ', lunch breaks' : ''}`,
    seed, weekday, opensAt, hours, categories, windows, spareClerks, known, todayFactor, historyFactor: () => u(0.9, 1.1),
    // Two lunch shifts of an hour: 11:30 and 12:30, alternating over the scheduled windows.
    breaks: (dayStart) => (lunchBreaks
      ? windows.filter((w) => w.state === 'open').map((w, i) => {
        const from = dayStart - opensAt + (i % 2 ? 12.5 : 11.5) * HOUR;
        return { windowId: w.id, from, to: from + HOUR };
      })
      : []),
  });
}

function build(p: {
  name: string; seed: number; weekday: number; opensAt: number; hours: number; categories: SimCategory[]; windows: SimWindow[];
  spareClerks: number; known: CategorySnapshot[]; todayFactor: number; historyFactor: () => number;
  breaks: (dayStart: number) => ClerkBreak[];
}): HallDay {
  const dayOf = (week: number, factor: number): DayConfig => {
    const start = MONDAY + (week * 7 + p.weekday) * DAY + p.opensAt;
    return {
      seed: deriveSeed(p.seed, week), start, end: start + p.hours * HOUR, slotMs: SLOT, commonRandomNumbers: true,
      categories: p.categories.map((c) => ({ ...c, arrivalsPerHour: (c.arrivalsPerHour as number[]).map((r) => r * factor) })),
      windows: p.windows.map((w) => ({ ...w, categoryIds: [...w.categoryIds] })),
    };
  };
  const history = Array.from({ length: HISTORY_WEEKS }, (_, k) => {
    const d = dayOf(k, p.historyFactor());
    const changes = p.breaks(d.start).flatMap((b) => [
      { at: b.from, windowId: b.windowId, state: 'paused' as const },
      { at: b.to, windowId: b.windowId, state: 'open' as const },
    ]);
    return { ...d, changes };
  });
  const day = dayOf(HISTORY_WEEKS, p.todayFactor);
  return { name: p.name, seed: p.seed, day, history, categories: p.known, spareClerks: p.spareClerks, breaks: p.breaks(day.start) };
}
