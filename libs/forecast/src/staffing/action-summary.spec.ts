import { actionSummary, describeEffect, minutesText, windowsText } from './action-summary';
import type { ActionEffect } from './advice.types';

const MIN = 60_000;
const effect = (categoryId: string, before: [number, number], after: [number, number]): ActionEffect => ({
  categoryId,
  before: { windows: before[0], expectedWaitMs: before[1], p10WaitMs: 0, p90WaitMs: 0, pWithinTarget: 0, serviceLevel: 0, clearsInMs: 0 },
  after: { windows: after[0], expectedWaitMs: after[1], p10WaitMs: 0, p90WaitMs: 0, pWithinTarget: 0, serviceLevel: 0, clearsInMs: 0 },
});

describe('staffing action summaries', () => {
  it('writes windows and minutes as a manager reads them', () => {
    expect(windowsText(2)).toBe('2');
    expect(windowsText(1.98)).toBe('2');
    expect(windowsText(1.5)).toBe('1.5');
    expect(minutesText(12.4 * MIN)).toBe('12');
    expect(minutesText(Infinity)).toBe('inf');
  });

  it('describes an effect and each kind of action', () => {
    const a = effect('A', [1, 40 * MIN], [2, 12 * MIN]);
    const b = effect('B', [2, 5 * MIN], [1, Infinity]);
    expect(describeEffect(a)).toBe('A 1 -> 2 windows, expected wait 40 -> 12 min');
    expect(actionSummary({ kind: 'open', windowId: 'w8', categoryId: 'A', categoryIds: ['A'] }, [a])).toBe(
      'Open window w8 for A (serves A only): A 1 -> 2 windows, expected wait 40 -> 12 min',
    );
    expect(actionSummary({ kind: 'move', windowId: 'w3', categoryId: 'A', fromCategoryIds: ['B'], categoryIds: ['A'] }, [a, b])).toBe(
      'Move window w3 from B to A (serves A only): A 1 -> 2 windows, expected wait 40 -> 12 min; B 2 -> 1 windows, expected wait 5 -> inf min',
    );
    expect(actionSummary({ kind: 'close', windowId: 'w2', categoryId: 'B' }, [b])).toBe('Close window w2 (B): B 2 -> 1 windows, expected wait 5 -> inf min');
  });
});
