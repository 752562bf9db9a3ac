import type { HallSnapshot } from '../hall/hall.types';
import type { CategoryPrediction } from '../predict/prediction.types';
import { StaffingHysteresis } from './hysteresis';
import type { CategoryLoadInput } from './staffing';
import { adviseStaffing, applyWhatIf, staffingSupply, whatIfEffects, windowChange, type CategoryLoads } from './staffing-advisor';

const MIN = 60_000;
const HOUR = 60 * MIN;
const CATS = ['A', 'B', 'C', 'D', 'E', 'F'];

const load = (categoryId: string, arrivalsPerHour: number, waiting: number, meanServiceMs = 10 * MIN): CategoryLoadInput => ({
  categoryId, targetWaitMs: 20 * MIN, targetShare: 0.9, meanServiceMs, serviceCv: 1, meanPatienceMs: HOUR,
  arrivalsPerHour: [arrivalsPerHour, arrivalsPerHour, arrivalsPerHour, arrivalsPerHour, arrivalsPerHour], stepMs: 15 * MIN, waiting, inService: 0,
});

const hall = (windows: HallSnapshot['windows'], cats = ['A', 'B'], waiting: Record<string, number> = {}): HallSnapshot => ({
  categories: cats.map((id) => ({ id, targetWaitMs: 20 * MIN, defaultServiceMs: 10 * MIN })),
  windows,
  waiting: Object.entries(waiting).flatMap(([c, n]) =>
    Array.from({ length: n }, (_, i) => ({ id: `${c}${i}`, categoryId: c, priority: 'normal' as const, issuedAt: 0 }))),
  serving: [],
});
const loadsOf = (state: HallSnapshot, rates: Record<string, number>, serviceMs = 10 * MIN): CategoryLoads =>
  new Map(state.categories.map((c) => [c.id, load(c.id, rates[c.id] ?? 0, state.waiting.filter((t) => t.categoryId === c.id).length, serviceMs)]));

/**
 * A stand-in for the forecaster's category predictions, as sensitive to the setup as the real one: a
 * window serving k categories gives each 1/k of its time; the wait is the line times the service over that.
 */
const fakePredict = (serviceMs = 10 * MIN) => (s: HallSnapshot): CategoryPrediction[] =>
  s.categories.map((c) => {
    const share = s.windows.filter((w) => w.state === 'open' && w.categoryIds.includes(c.id)).reduce((a, w) => a + 1 / w.categoryIds.length, 0);
    const waiting = s.waiting.filter((t) => t.categoryId === c.id).length;
    const wait = share > 0 ? (waiting * serviceMs) / share : Infinity;
    return {
      categoryId: c.id, waiting, openWindows: s.windows.filter((w) => w.state === 'open' && w.categoryIds.includes(c.id)).length,
      expectedWaitMs: wait, p10WaitMs: wait * 0.7, p90WaitMs: wait * 1.3, pWithinTarget: wait <= c.targetWaitMs ? 0.9 : 0.1,
      arrivalsPerHour: 0, arrivalsNextHour: waiting ? 6 : 0, meanServiceMs: serviceMs, method: 'ql_m',
    };
  });

/** The hall with every action of the advice applied, as the api's apply does. */
const applied = (state: HallSnapshot, a: ReturnType<typeof adviseStaffing>) =>
  applyWhatIf(state, { windows: a.actions.map((x) => windowChange(x.kind === 'move' ? { ...x, fromCategoryIds: x.fromCategoryIds } : x)) });

describe('staffing advisor', () => {
  it('splits a shared window over its categories by load', () => {
    const loads = new Map([['A', load('A', 18, 0)], ['B', load('B', 6, 0)]]);
    const s = staffingSupply(hall([{ id: 'w1', state: 'open', categoryIds: ['A', 'B'] }, { id: 'w2', state: 'closed', categoryIds: ['A'] }]), loads, 2 * HOUR);
    expect(s.get('A')).toBeCloseTo(0.75, 9);
    expect(s.get('B')).toBeCloseTo(0.25, 9);
  });

  it('advises opening a closed window for a busy line, with its summary', () => {
    const state = hall([
      { id: 'w1', state: 'open', categoryIds: ['A'] }, { id: 'w2', state: 'closed', categoryIds: ['A'] }, { id: 'w3', state: 'open', categoryIds: ['B'] },
    ], ['A', 'B'], { A: 15 });
    const a = adviseStaffing(state, 0, loadsOf(state, { A: 12, B: 1 }), new StaffingHysteresis(), 2 * HOUR, fakePredict());
    expect(a.categories.find((c) => c.categoryId === 'A')!.advised).toBeGreaterThan(1);
    expect(a.actions[0]).toMatchObject({ kind: 'open', windowId: 'w2', categoryId: 'A', categoryIds: ['A'] });
    expect(a.actions[0].summary).toBe('Open window w2 for A (serves A only): A 1 -> 2 windows, expected wait 150 -> 75 min');
  });

  // Issue 15, contradiction 1: the advice's waits are the forecaster's, not a staffing model's of its own.
  it("takes 'before' from the forecaster's prediction of the hall now, each action's 'after' from a what-if of just that change", () => {
    const state = hall([
      { id: 'w1', state: 'open', categoryIds: ['A'] }, { id: 'w2', state: 'open', categoryIds: ['A'] },
      ...['w3', 'w4', 'w5'].map((id) => ({ id, state: 'closed' as const, categoryIds: ['A'] })), { id: 'w6', state: 'open', categoryIds: ['B'] },
    ], ['A', 'B'], { A: 40, B: 1 });
    const predict = fakePredict();
    const a = adviseStaffing(state, 0, loadsOf(state, { A: 20, B: 2 }), new StaffingHysteresis(), 2 * HOUR, predict);
    const now = predict(state).find((p) => p.categoryId === 'A')!;
    const cat = a.categories.find((c) => c.categoryId === 'A')!;
    expect(cat.before.expectedWaitMs).toBe(now.expectedWaitMs);
    expect(a.actions.length).toBeGreaterThanOrEqual(2);
    for (const x of a.actions) {
      const alone = predict(applyWhatIf(state, { windows: [{ windowId: x.windowId, state: 'open', categoryIds: ['A'] }] })).find((p) => p.categoryId === 'A')!;
      expect(x.effects[0].before.expectedWaitMs).toBe(now.expectedWaitMs);
      expect(x.effects[0].after.expectedWaitMs).toBe(alone.expectedWaitMs);
    }
    const together = predict(applied(state, a)).find((p) => p.categoryId === 'A')!;
    expect(cat.after.expectedWaitMs).toBe(together.expectedWaitMs);
    expect(cat.after.windows).toBe(2 + a.actions.length);
  });

  // Contradiction 2: 13 windows asked of a hall of 10, and a headline left with nothing to click.
  it('never advises more windows than the hall has or clerks are on duty, and says what stays short', () => {
    const state = hall([
      ...['w1', 'w2'].map((id) => ({ id, state: 'open' as const, categoryIds: ['A'] })),
      ...Array.from({ length: 8 }, (_, i) => ({ id: `x${i}`, state: 'closed' as const, categoryIds: ['A'] })),
    ], ['A'], { A: 61 });
    const loads = loadsOf(state, { A: 60 }, 15 * MIN);
    const all = adviseStaffing(state, 0, loads, new StaffingHysteresis(), 2 * HOUR, fakePredict(15 * MIN));
    expect(all.categories[0].advised).toBeGreaterThan(10);
    expect(all.actions.filter((x) => x.kind === 'open')).toHaveLength(8);
    expect(all.unmet).toEqual([{ categoryId: 'A', windows: all.categories[0].advised - 10 }]);
    expect(all.categories[0].short).toBe(all.categories[0].advised - 10);
    expect(all.staff).toEqual({ windowsInHall: 10, clerksOnDuty: 10, open: 2, spare: 8 });

    const six = adviseStaffing(state, 0, loads, new StaffingHysteresis(), 2 * HOUR, fakePredict(15 * MIN), { clerksOnDuty: 6 });
    expect(six.actions.filter((x) => x.kind === 'open')).toHaveLength(4);
    expect(six.staff).toMatchObject({ clerksOnDuty: 6, spare: 4 });

    // Every action applied: nothing is left to do but the shortfall (no action without a window to take).
    const h = new StaffingHysteresis();
    const first = adviseStaffing(state, 0, loads, h, 2 * HOUR, fakePredict(15 * MIN), { clerksOnDuty: 6 });
    const next = adviseStaffing(applied(state, first), MIN, loads, h, 2 * HOUR, fakePredict(15 * MIN), { clerksOnDuty: 6 });
    expect(next.actions).toEqual([]);
    expect(next.unmet[0].windows).toBe(next.categories[0].advised - 6);
    expect(next.categories[0].current).toBe(6);
  });

  // Contradiction 3: "open window 10 for social insurance" opened it with all six categories.
  it('opens a window for the one category it is advised for, whatever its old profile, and predicts that', () => {
    const state = hall([
      { id: 'w1', state: 'open', categoryIds: ['A'] }, { id: 'w2', state: 'open', categoryIds: ['A'] },
      ...['B', 'C', 'D', 'E', 'F'].map((c) => ({ id: `w${c}`, state: 'open' as const, categoryIds: [c] })),
      { id: 'w10', state: 'closed', categoryIds: CATS },
    ], CATS, { A: 30 });
    const predict = fakePredict();
    const a = adviseStaffing(state, 0, loadsOf(state, { A: 12 }), new StaffingHysteresis(), 2 * HOUR, predict, { clerksOnDuty: 8 });
    expect(a.actions).toHaveLength(1);
    expect(a.actions[0]).toMatchObject({ kind: 'open', windowId: 'w10', categoryId: 'A', categoryIds: ['A'] });
    // A whole window for A: 2 -> 3 windows, the wait 150 -> 100 min (not 2 -> 2 1/6 windows as with all six).
    expect(a.actions[0].effects[0].before).toMatchObject({ windows: 2, expectedWaitMs: 150 * MIN });
    expect(a.actions[0].effects[0].after).toMatchObject({ windows: 3, expectedWaitMs: 100 * MIN });
  });

  // Contradiction 4: fractions of windows, and opening a window for a quiet category while closing another.
  it('shows whole windows, never opens and closes in one advice, and opens nothing for a category nobody needs', () => {
    const state = hall([
      { id: 'w1', state: 'open', categoryIds: ['A', 'B'] }, { id: 'w2', state: 'open', categoryIds: ['A', 'B'] },
      ...['w3', 'w4', 'w5'].map((id) => ({ id, state: 'open' as const, categoryIds: ['A'] })),
      { id: 'w9', state: 'closed', categoryIds: ['C'] }, { id: 'w10', state: 'closed', categoryIds: ['C'] },
    ], ['A', 'B', 'C'], { A: 2, B: 1 });
    const a = adviseStaffing(state, 0, loadsOf(state, { A: 6, B: 3, C: 0 }), new StaffingHysteresis(), 2 * HOUR, fakePredict());
    for (const c of a.categories) {
      for (const x of [c.current, c.before.windows, c.after.windows]) expect(Number.isInteger(x)).toBe(true);
    }
    expect(a.categories.find((c) => c.categoryId === 'A')!.current).toBe(5);
    expect(a.actions.some((x) => x.categoryId === 'C')).toBe(false);
  });

  it('before the rush: a window idle for one category goes to another expected soon, not "open one and close another"', () => {
    const state = hall([
      ...['w1', 'w2', 'w3'].map((id) => ({ id, state: 'open' as const, categoryIds: ['A'] })),
      { id: 'w10', state: 'closed', categoryIds: ['C'] },
    ], ['A', 'C'], {});
    const a = adviseStaffing(state, 0, loadsOf(state, { A: 1, C: 5 }), new StaffingHysteresis(), 2 * HOUR, (s) =>
      fakePredict()(s).map((p) => (p.categoryId === 'C' ? { ...p, arrivalsNextHour: 5 } : p)));
    expect(a.actions.some((x) => x.kind === 'open') && a.actions.some((x) => x.kind === 'close')).toBe(false);
    expect(a.actions.length).toBeGreaterThan(0);
    expect(a.actions.every((x) => x.kind === 'move' && x.categoryId === 'C')).toBe(true);
  });

  it("opens a closed window for a spare clerk before a paused one, whose clerk is on a break", () => {
    const state = hall([
      { id: 'w1', state: 'open', categoryIds: ['A'] },
      { id: 'w2', state: 'paused', categoryIds: ['A'] },
      { id: 'w3', state: 'closed', categoryIds: ['A', 'B'] },
    ], ['A', 'B'], { A: 15 });
    const a = adviseStaffing(state, 0, loadsOf(state, { A: 12, B: 0 }), new StaffingHysteresis(), 2 * HOUR, fakePredict(), { clerksOnDuty: 2 });
    expect(a.actions.map((x) => [x.kind, x.windowId, x.kind === 'close' ? [] : x.categoryIds])).toEqual([['open', 'w3', ['A']]]);
  });

  it('at the end of the day (nobody more expected, the open windows clear the line) opens, moves and closes nothing', () => {
    const windows: HallSnapshot['windows'] = [
      ...['w1', 'w2', 'w3'].map((id) => ({ id, state: 'open' as const, categoryIds: ['A'] })), { id: 'w4', state: 'closed', categoryIds: ['A'] },
      ...['b1', 'b2'].map((id) => ({ id, state: 'open' as const, categoryIds: ['B'] })),
    ];
    const state = hall(windows, ['A', 'B'], { A: 8 }); // A: 8 x 10 min over 3 windows, 27 min, over its 20-min target
    const closing = (s: HallSnapshot) => fakePredict()(s).map((p) => ({ ...p, arrivalsNextHour: 0 }));
    const ended = adviseStaffing(state, 0, loadsOf(state, {}), new StaffingHysteresis(), 2 * HOUR, closing);
    expect(ended.actions).toEqual([]);
    // The same line while citizens still come: a window more for A.
    const open = adviseStaffing(state, 0, loadsOf(state, { A: 6 }), new StaffingHysteresis(), 2 * HOUR, fakePredict());
    expect(open.actions.map((x) => [x.kind, x.windowId])).toEqual([['open', 'w4']]);
  });

  it('drops a window only when the lower need holds over the next two hours (not for the lunch dip)', () => {
    const windows: HallSnapshot['windows'] = Array.from({ length: 8 }, (_, i) => ({ id: `w${i}`, state: 'open' as const, categoryIds: ['A'] }));
    const state = hall(windows, ['A'], {});
    const at = (rates: number[]): CategoryLoads => new Map([['A', { ...load('A', 0, 0), arrivalsPerHour: rates }]]);
    const advisedAfterDip = (afternoon: number) => {
      const h = new StaffingHysteresis();
      const first = adviseStaffing(state, 0, at(Array(9).fill(30)), h, 2 * HOUR, fakePredict()).categories[0].advised;
      const dip = [6, 6, 6, 6, 6, afternoon, afternoon, afternoon, afternoon]; // the second hour: the afternoon
      adviseStaffing(state, 31 * MIN, at(dip), h, 2 * HOUR, fakePredict());
      return { first, after: adviseStaffing(state, 52 * MIN, at(dip), h, 2 * HOUR, fakePredict()).categories[0].advised };
    };
    const quietDay = advisedAfterDip(6);
    expect(quietDay.after).toBeLessThan(quietDay.first);
    const lunch = advisedAfterDip(30);
    expect(lunch.after).toBe(lunch.first);
  });

  it("gives a line the forecaster sees over its target one more window, though the staffing model would clear it in 2 hours", () => {
    const state = hall([{ id: 'w1', state: 'open', categoryIds: ['A'] }, { id: 'w2', state: 'closed', categoryIds: ['A'] }], ['A'], { A: 8 });
    const loads = loadsOf(state, { A: 3 });
    const a = adviseStaffing(state, 0, loads, new StaffingHysteresis(), 2 * HOUR, fakePredict());
    expect(a.categories[0].needBacklog).toBe(1);
    expect(a.categories[0].before.expectedWaitMs).toBe(80 * MIN);
    expect(a.categories[0].advised).toBe(2);
    expect(a.actions.map((x) => [x.kind, x.windowId])).toEqual([['open', 'w2']]);
  });

  it('shares the spare windows between two lines over target, rather than one taking all and the other reading "cannot be met"', () => {
    const state = hall([
      ...['a1', 'a2', 'a3', 'a4'].map((id) => ({ id, state: 'open' as const, categoryIds: ['A'] })),
      { id: 'b1', state: 'open', categoryIds: ['B'] }, { id: 'x1', state: 'closed', categoryIds: [] }, { id: 'x2', state: 'closed', categoryIds: [] },
    ], ['A', 'B'], { A: 32, B: 7 });
    const a = adviseStaffing(state, 0, loadsOf(state, { A: 24, B: 3 }), new StaffingHysteresis(), 2 * HOUR, fakePredict());
    expect(a.categories.map((c) => [c.categoryId, Math.round(c.before.expectedWaitMs / MIN)])).toEqual([['A', 80], ['B', 70]]);
    expect(a.actions.map((x) => [x.kind, x.categoryId])).toEqual([['open', 'A'], ['open', 'B']]);
    expect(a.unmet.map((u) => u.categoryId)).toEqual(['A']);
  });

  it('moves a window from a category within target before opening one (no extra clerk), the moved window serving only its new category', () => {
    const state = hall([
      { id: 'w1', state: 'open', categoryIds: ['A'] },
      ...['w2', 'w3', 'w4'].map((id) => ({ id, state: 'open' as const, categoryIds: ['B'] })),
      { id: 'w5', state: 'closed', categoryIds: ['A'] },
    ], ['A', 'B'], { A: 12, B: 1 });
    const a = adviseStaffing(state, 0, loadsOf(state, { A: 8, B: 2 }), new StaffingHysteresis(), 2 * HOUR, fakePredict());
    expect(a.actions[0]).toMatchObject({ kind: 'move', fromCategoryId: 'B', fromCategoryIds: ['B'], categoryId: 'A', categoryIds: ['A'] });
    expect(a.actions[0].effects.map((e) => [e.categoryId, e.before.windows, e.after.windows])).toEqual([['A', 1, 2], ['B', 3, 2]]);
  });

  it('applies a proposed change and reports each category before and after, in whole windows', () => {
    const state = hall([{ id: 'w1', state: 'open', categoryIds: ['A'] }, { id: 'w2', state: 'closed', categoryIds: ['B'] }]);
    const changed = applyWhatIf(state, { windows: [{ windowId: 'w2', state: 'open', categoryIds: ['A'] }] });
    expect(changed.windows[1]).toEqual({ id: 'w2', state: 'open', categoryIds: ['A'] });
    expect(state.windows[1].state).toBe('closed'); // the snapshot passed in is not changed
    const loads = new Map([['A', load('A', 9, 6)], ['B', load('B', 0, 0)]]);
    const pred = (categoryId: string, expectedWaitMs: number) => ({ categoryId, expectedWaitMs, pWithinTarget: 0.5 }) as never;
    const r = whatIfEffects({ state, changed, loads, clearWithinMs: 2 * HOUR, predictedBefore: [pred('A', 40 * MIN)], predictedAfter: [pred('A', 15 * MIN)] });
    const a = r.categories.find((c) => c.categoryId === 'A')!;
    expect([a.before.windows, a.after.windows]).toEqual([1, 2]);
    expect([a.before.predictedWaitMs, a.after.predictedWaitMs]).toEqual([40 * MIN, 15 * MIN]);
    expect(r.categories.find((c) => c.categoryId === 'B')!.after.predictedWaitMs).toBe(Infinity);
  });
});
