import { busyIntervals, clip, merge, openIntervals, totalMs, uncoveredMs, windowUsage } from './intervals';

const M = 60_000;

describe('openIntervals', () => {
  it('follows created/opened/paused/resumed/closed, and keeps an open window open until `until`', () => {
    const changes = [
      { at: 0, toStatus: 'closed' }, // window.created closed
      { at: 10 * M, toStatus: 'open' },
      { at: 20 * M, toStatus: 'open' }, // profile changed while open: no break
      { at: 30 * M, toStatus: 'paused' },
      { at: 40 * M, toStatus: 'open' },
      { at: 50 * M, toStatus: 'closed' },
      { at: 70 * M, toStatus: 'open' },
    ];
    expect(openIntervals(changes, 90 * M)).toEqual([
      { start: 10 * M, end: 30 * M },
      { start: 40 * M, end: 50 * M },
      { start: 70 * M, end: 90 * M },
    ]);
  });

  it('reads events in time order whatever order they come in', () => {
    expect(openIntervals([{ at: 5, toStatus: 'closed' }, { at: 1, toStatus: 'open' }], 10)).toEqual([{ start: 1, end: 5 }]);
  });
});

describe('busyIntervals', () => {
  it('holds a ticket from its call to its release; recalls and starts do not break it', () => {
    const ev = [
      { at: 0, ticketId: 'a', type: 'called' },
      { at: 2, ticketId: 'a', type: 'recalled' },
      { at: 3, ticketId: 'a', type: 'started' },
      { at: 10, ticketId: 'a', type: 'finished' },
      { at: 12, ticketId: 'b', type: 'called' },
      { at: 15, ticketId: 'b', type: 'no_show' },
      { at: 20, ticketId: 'c', type: 'called' },
      { at: 22, ticketId: 'c', type: 'transferred' },
      { at: 30, ticketId: 'd', type: 'called' },
    ];
    expect(busyIntervals(ev, 35)).toEqual([
      { start: 0, end: 10 },
      { start: 12, end: 15 },
      { start: 20, end: 22 },
      { start: 30, end: 35 },
    ]);
  });
});

describe('interval arithmetic', () => {
  it('merges, clips and measures', () => {
    expect(merge([{ start: 5, end: 8 }, { start: 0, end: 3 }, { start: 2, end: 6 }, { start: 9, end: 9 }])).toEqual([{ start: 0, end: 8 }]);
    expect(clip([{ start: 0, end: 10 }, { start: 20, end: 30 }], 5, 25)).toEqual([{ start: 5, end: 10 }, { start: 20, end: 25 }]);
    expect(totalMs([{ start: 0, end: 10 }, { start: 5, end: 15 }])).toBe(15);
    expect(uncoveredMs([{ start: 0, end: 10 }], [{ start: 2, end: 4 }, { start: 8, end: 20 }])).toBe(6);
  });
});

describe('windowUsage', () => {
  it('is busy share of open time; busy while paused is not idle', () => {
    const open = [{ start: 0, end: 60 * M }];
    const busy = [{ start: 10 * M, end: 40 * M }, { start: 50 * M, end: 70 * M }];
    expect(windowUsage(open, busy, 0, 24 * 60 * M)).toEqual({ openMs: 60 * M, busyMs: 50 * M, idleMs: 20 * M, utilization: 40 / 60 });
  });

  it('has no utilization for a window that never opened', () => {
    expect(windowUsage([], [], 0, 100)).toEqual({ openMs: 0, busyMs: 0, idleMs: 0, utilization: null });
  });

  it('counts only the part inside the day', () => {
    expect(windowUsage([{ start: -50, end: 50 }], [{ start: -10, end: 10 }], 0, 100)).toEqual({ openMs: 50, busyMs: 10, idleMs: 40, utilization: 0.2 });
  });
});
