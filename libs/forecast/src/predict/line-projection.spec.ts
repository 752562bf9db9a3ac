import { projectLine } from './line-projection';

const MIN = 60_000;

describe('projectLine', () => {
  it('grows a line whose arrivals outrun its windows, and its wait with it', () => {
    // 24 an hour against 4 windows of 15 min (16 an hour): +2 per 15-minute step.
    const p = projectLine({
      now: 0, stepMs: 15 * MIN, arrivalsPerHour: [24, 24, 24, 24], waiting: 10, windows: 4, meanServiceMs: 15 * MIN, expectedWaitNowMs: 40 * MIN,
    });
    expect(p.map((x) => x.at)).toEqual([0, 15, 30, 45, 60].map((m) => m * MIN));
    expect(p.map((x) => x.waiting)).toEqual([10, 12, 14, 16, 18]);
    // Each extra person adds 15 min / 4 windows = 3.75 min to the wait of a ticket taken then.
    expect(p.map((x) => x.waitMs)).toEqual([40, 47.5, 55, 62.5, 70].map((m) => m * MIN));
  });

  it('clears a line once enough windows serve it, never below zero', () => {
    const p = projectLine({
      now: 0, stepMs: 15 * MIN, arrivalsPerHour: [8, 8, 8, 8], waiting: 5, windows: 4, meanServiceMs: 15 * MIN, expectedWaitNowMs: 10 * MIN,
    });
    // 8 an hour in, 16 an hour out: -2 per step.
    expect(p.map((x) => x.waiting)).toEqual([5, 3, 1, 0, 0]);
    expect(p[3].waitMs).toBe(0);
  });

  it('has no wait for a line no window serves, and the line only grows', () => {
    const p = projectLine({ now: 0, stepMs: 30 * MIN, arrivalsPerHour: [4, 4], waiting: 1, windows: 0, meanServiceMs: 10 * MIN, expectedWaitNowMs: null });
    expect(p.map((x) => x.waiting)).toEqual([1, 3, 5]);
    expect(p.every((x) => x.waitMs === null)).toBe(true);
  });
});
