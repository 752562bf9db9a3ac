import type { HallSnapshot, WindowSnapshot } from '../hall/hall.types';
import { referenceRoutingRule } from '../testing/reference-routing-rule';
import { runClosedLoop, type PolicyView } from './closed-loop';
import { thresholdCommands, thresholdPolicy } from './threshold-policy';

const MIN = 60_000;
const HOUR = 60 * MIN;

function view(windows: WindowSnapshot[], waiting: Record<string, number>, more: Partial<PolicyView> = {}): PolicyView {
  const hall: HallSnapshot = {
    categories: Object.keys(waiting).map((id) => ({ id, targetWaitMs: 20 * MIN, defaultServiceMs: 10 * MIN })),
    windows,
    waiting: Object.entries(waiting).flatMap(([c, n]) =>
      Array.from({ length: n }, (_, i) => ({ id: `${c}${i}`, categoryId: c, priority: 'normal' as const, issuedAt: 0 }))),
    serving: [],
  };
  return { now: HOUR, events: [], hall, onBreak: new Set(), staffOnDuty: 10, ...more };
}
const open = (id: string, ...categoryIds: string[]): WindowSnapshot => ({ id, state: 'open', categoryIds });
const closed = (id: string, ...categoryIds: string[]): WindowSnapshot => ({ id, state: 'closed', categoryIds });
const rule = { openAbove: 3, closeBelow: 1 };

describe('thresholdCommands', () => {
  const scheduled = new Set(['w1', 'w2']);

  it('opens a spare window for a category whose line per open window passes N, one whose profile lists it first', () => {
    const windows = [open('w1', 'A'), open('w2', 'B', 'A'), closed('w3', 'B', 'A'), closed('w4', 'A', 'B'), closed('w5', 'C')];
    // A: 7 waiting on 2 windows = 3.5 > 3; B: 3 on 1 = 3, not above.
    expect(thresholdCommands(view(windows, { A: 7, B: 3 }), rule, scheduled)).toEqual([{ kind: 'open', windowId: 'w4', categoryIds: ['A', 'B'] }]);
    expect(thresholdCommands(view(windows, { A: 6, B: 3 }), rule, scheduled)).toEqual([]);
    // Both busy: one window each, the busiest first; a window without the category serves it alone.
    const two = [open('w1', 'A'), open('w2', 'B'), closed('w5', 'C'), closed('w6', 'C')];
    expect(thresholdCommands(view(two, { A: 8, B: 4, C: 0 }), rule, scheduled)).toEqual([
      { kind: 'open', windowId: 'w5', categoryIds: ['A'] },
      { kind: 'open', windowId: 'w6', categoryIds: ['B'] },
    ]);
  });

  it('opens no more windows than clerks are free, and none whose clerk is on a break', () => {
    const windows = [open('w1', 'A'), open('w2', 'B'), closed('w3', 'A'), closed('w4', 'B')];
    expect(thresholdCommands(view(windows, { A: 9, B: 9 }, { staffOnDuty: 3 }), rule, scheduled)).toHaveLength(1);
    expect(thresholdCommands(view(windows, { A: 9, B: 9 }, { staffOnDuty: 2 }), rule, scheduled)).toEqual([]);
    expect(thresholdCommands(view(windows, { A: 9, B: 0 }, { onBreak: new Set(['w3']) }), rule, scheduled))
      .toEqual([{ kind: 'open', windowId: 'w4', categoryIds: ['A'] }]);
  });

  it('closes a quiet spare window, never a scheduled one nor the last window of a category', () => {
    const windows = [open('w1', 'A'), open('w2', 'A'), open('w3', 'A'), open('w4', 'A', 'B')];
    // A: 2 on 4 windows = 0.5 < 1; B: 0 on its only window w4.
    expect(thresholdCommands(view(windows, { A: 2, B: 0 }), rule, scheduled)).toEqual([{ kind: 'close', windowId: 'w3' }]);
    expect(thresholdCommands(view(windows, { A: 4, B: 0 }), rule, scheduled)).toEqual([]); // 1 per window: not below
    expect(thresholdCommands(view([open('w1', 'A'), open('w2', 'A')], { A: 0 }), rule, scheduled)).toEqual([]);
  });

  it('in closed loop opens spare windows in a peak and closes them after it', () => {
    const r = runClosedLoop({
      sim: {
        seed: 2, start: 0, end: 4 * HOUR, slotMs: HOUR, rule: referenceRoutingRule,
        categories: [{ id: 'A', targetWaitMs: 20 * MIN, arrivalsPerHour: [10, 40, 10, 10], meanServiceMs: 10 * MIN, serviceCv: 0.5 }],
        windows: [open('w1', 'A'), open('w2', 'A'), closed('w3', 'A'), closed('w4', 'A')],
      },
      policy: thresholdPolicy(rule), spareClerks: 2, reactionDelayMs: 2 * MIN,
    });
    const kinds = r.applied.map((a) => `${a.command.kind} ${a.command.windowId}`);
    expect(kinds.filter((k) => k.startsWith('open'))).toEqual(expect.arrayContaining(['open w3', 'open w4']));
    expect(kinds.filter((k) => k.startsWith('close')).length).toBeGreaterThanOrEqual(2);
    expect(kinds.some((k) => k === 'close w1' || k === 'close w2')).toBe(false);
    expect(r.applied[0].at).toBeGreaterThan(HOUR); // not before the peak
  });
});
