import type { HallSnapshot } from '../hall/hall.types';
import { StaffingHysteresis } from './hysteresis';
import type { CategoryLoadInput } from './staffing';
import { adviseStaffing, applyWhatIf, staffingSupply, whatIfEffects } from './staffing-advisor';

const MIN = 60_000;
const HOUR = 60 * MIN;

const load = (categoryId: string, arrivalsPerHour: number, waiting: number): CategoryLoadInput => ({
  categoryId, targetWaitMs: 20 * MIN, targetShare: 0.9, meanServiceMs: 10 * MIN, serviceCv: 1, meanPatienceMs: HOUR,
  arrivalsPerHour: [arrivalsPerHour, arrivalsPerHour, arrivalsPerHour, arrivalsPerHour, arrivalsPerHour], stepMs: 15 * MIN, waiting, inService: 0,
});

const hall = (windows: HallSnapshot['windows']): HallSnapshot => ({
  categories: [{ id: 'A', targetWaitMs: 20 * MIN, defaultServiceMs: 10 * MIN }, { id: 'B', targetWaitMs: 20 * MIN, defaultServiceMs: 10 * MIN }],
  windows, waiting: [], serving: [],
});

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
    ]);
    const loads = new Map([['A', load('A', 12, 15)], ['B', load('B', 1, 0)]]);
    const a = adviseStaffing(state, 0, loads, new StaffingHysteresis(), 2 * HOUR);
    expect(a.categories.find((c) => c.categoryId === 'A')!.advised).toBeGreaterThan(1);
    expect(a.actions[0]).toMatchObject({ kind: 'open', windowId: 'w2', categoryId: 'A', categoryIds: ['A'] });
    expect(a.actions[0].summary).toMatch(/^Open window w2 for A: A 1 -> 2 windows, expected wait \d+ -> \d+ min$/);
  });

  it('applies a proposed change and reports each category before and after', () => {
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
