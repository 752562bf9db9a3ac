import { lineSeries } from './line-series';

const MIN = 60_000;

describe('lineSeries', () => {
  // A: a1 issued 0, called 12; a2 issued 5, called 25; a3 issued 8, cancelled 14; a4 issued 20, waiting.
  // B: b1 issued 2, called 4 and recalled 9 (the wait ends at the first call).
  const tickets = [
    { id: 'a1', issuedCategoryId: 'A', issuedAt: 0 },
    { id: 'a2', issuedCategoryId: 'A', issuedAt: 5 * MIN },
    { id: 'a3', issuedCategoryId: 'A', issuedAt: 8 * MIN },
    { id: 'a4', issuedCategoryId: 'A', issuedAt: 20 * MIN },
    { id: 'b1', issuedCategoryId: 'B', issuedAt: 2 * MIN },
  ];
  const events = [
    { ticketId: 'b1', type: 'called', at: 4 * MIN },
    { ticketId: 'b1', type: 'recalled', at: 9 * MIN },
    { ticketId: 'b1', type: 'called', at: 9 * MIN },
    { ticketId: 'a1', type: 'called', at: 12 * MIN },
    { ticketId: 'a3', type: 'cancelled', at: 14 * MIN },
    { ticketId: 'a1', type: 'finished', at: 20 * MIN },
    { ticketId: 'a2', type: 'called', at: 25 * MIN },
    { ticketId: null, type: 'window.opened', at: 0 },
  ];

  it('counts the line at each step and the mean wait of the tickets called in it', () => {
    const s = lineSeries({ from: 0, now: 27 * MIN, stepMs: 10 * MIN, categoryIds: ['A', 'B'], tickets, events });
    expect(s.get('A')).toEqual([
      { at: 0, waiting: 1, waitSec: null, called: 0 },
      { at: 10 * MIN, waiting: 3, waitSec: null, called: 0 },
      { at: 20 * MIN, waiting: 2, waitSec: 12 * 60, called: 1 }, // a2, a4 (a3 cancelled at 14); a1 waited 12 min
      { at: 27 * MIN, waiting: 1, waitSec: 20 * 60, called: 1 }, // a4; a2 waited 20 min
    ]);
    expect(s.get('B')).toEqual([
      { at: 0, waiting: 0, waitSec: null, called: 0 },
      { at: 10 * MIN, waiting: 0, waitSec: 2 * 60, called: 1 },
      { at: 20 * MIN, waiting: 0, waitSec: null, called: 0 },
      { at: 27 * MIN, waiting: 0, waitSec: null, called: 0 },
    ]);
  });

  it('is empty before the start', () => {
    expect(lineSeries({ from: 10 * MIN, now: 5 * MIN, stepMs: MIN, categoryIds: ['A'], tickets, events }).get('A')).toEqual([]);
  });
});
