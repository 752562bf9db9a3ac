import { createForecaster } from '../forecaster';
import type { HallSnapshot, WindowSnapshot } from '../hall/hall.types';
import { simulateHall, type SimCategory, type SimWindow } from '../simulator/hall-simulator';
import type { StaffingAction, StaffingAdvice } from '../staffing/advice.types';
import { referenceRoutingRule } from '../testing/reference-routing-rule';
import { adviceCommands, advicePolicy } from './advice-policy';
import { runClosedLoop, type PolicyView } from './closed-loop';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const MONDAY = Date.UTC(2024, 0, 1) - 8 * HOUR;

describe('adviceCommands', () => {
  const windows: WindowSnapshot[] = [
    { id: 'w1', state: 'open', categoryIds: ['A'] },
    { id: 'w2', state: 'open', categoryIds: ['B', 'A'] },
    { id: 'w3', state: 'paused', categoryIds: ['A'] },
    { id: 'w4', state: 'closed', categoryIds: ['B'] },
    { id: 'w5', state: 'closed', categoryIds: ['B', 'A'] },
  ];
  const view = (onBreak: string[]): PolicyView => ({
    now: 0, events: [], onBreak: new Set(onBreak), staffOnDuty: 4,
    hall: { categories: [], windows, waiting: [], serving: [] },
  });
  const effects: StaffingAction['effects'] = [];
  const actions: StaffingAction[] = [
    { kind: 'open', windowId: 'w3', categoryId: 'A', categoryIds: ['A'], effects, summary: '' },
    { kind: 'move', windowId: 'w2', fromCategoryId: 'B', fromCategoryIds: ['B', 'A'], categoryId: 'A', categoryIds: ['A'], effects, summary: '' },
    { kind: 'close', windowId: 'w1', categoryId: 'A', effects, summary: '' },
  ];

  it('turns the advice\'s actions into window commands as they are', () => {
    expect(adviceCommands(actions, view([]))).toEqual([
      { kind: 'open', windowId: 'w3', categoryIds: ['A'] },
      { kind: 'move', windowId: 'w2', categoryIds: ['A'] },
      { kind: 'close', windowId: 'w1' },
    ]);
  });

  it('opens the next free window when the advised one\'s clerk is on a break', () => {
    expect(adviceCommands(actions.slice(0, 1), view(['w3']))).toEqual([{ kind: 'open', windowId: 'w5', categoryIds: ['B', 'A'] }]);
    expect(adviceCommands(actions.slice(0, 1), view(['w3', 'w5']))).toEqual([{ kind: 'open', windowId: 'w4', categoryIds: ['A'] }]);
  });
});

describe('advicePolicy in closed loop', () => {
  // A morning peak on a single line: 4 windows open, 3 spare clerks at 3 closed windows of 5.
  const cat: SimCategory = {
    id: 'A', targetWaitMs: 20 * MIN, arrivalsPerHour: [12, 30, 30, 12, 8, 8], meanServiceMs: 15 * MIN, serviceCv: 0.6, meanPatienceMs: 3 * HOUR,
  };
  const windows: SimWindow[] = Array.from({ length: 8 }, (_, i) => ({ id: `${i + 1}`, state: i < 4 ? 'open' : 'closed', categoryIds: ['A'] }));
  const dayAt = (week: number) => ({
    seed: 40 + week, start: MONDAY + week * 7 * DAY + 9 * HOUR, end: MONDAY + week * 7 * DAY + 12 * HOUR, slotMs: 30 * MIN,
    categories: [cat], windows, rule: referenceRoutingRule, commonRandomNumbers: true,
  });

  it('learns the day as it goes, and its manager opens what is advised after the delay, within the clerks on duty', () => {
    const categories = [{ id: 'A', targetWaitMs: 20 * MIN, defaultServiceMs: 15 * MIN }];
    const f = createForecaster({ categories, rule: referenceRoutingRule });
    for (let w = 0; w < 2; w++) f.observeAll(simulateHall(dayAt(w)).events);
    const seen: { at: number; advice: StaffingAdvice; hall: HallSnapshot }[] = [];
    const before = f.stats().events;
    const r = runClosedLoop({
      sim: dayAt(2), categories, spareClerks: 3, reactionDelayMs: 5 * MIN,
      policy: advicePolicy(f, { onAdvice: (advice, v) => seen.push({ at: v.now, advice, hall: v.hall }) }),
    });
    // Fed every event of the day up to its last decision, as they happened.
    const lastDecision = seen[seen.length - 1].at;
    expect(f.stats().events - before).toBe(r.events.filter((e) => e.at <= lastDecision).length);
    const opens = r.applied.filter((a) => a.command.kind === 'open');
    expect(opens.length).toBe(3); // advised more than 7 at the peak; the 3 spare clerks are all there is
    expect(Math.max(...seen.map((s) => s.advice.categories[0].advised))).toBeGreaterThan(7);
    for (const o of opens) {
      // The same open was advised at every decision in the 5 minutes before it was made.
      const advisedAt = seen
        .filter((s) => s.at >= o.at - 5 * MIN && s.at <= o.at)
        .map((s) => s.advice.actions.some((a) => a.kind === 'open' && a.windowId === o.command.windowId));
      expect(advisedAt).toEqual([true, true, true, true, true, true]);
    }
    for (const s of seen) expect(s.hall.windows.filter((w) => w.state === 'open').length).toBeLessThanOrEqual(7);
  });
});
