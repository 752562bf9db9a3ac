import { buildDayReport, type ReportInput, type ReportTicket } from './day-report';

const M = 60_000;
const NINE = Date.UTC(2026, 10, 30, 1); // 09:00 in Shanghai
const ticket = (id: string, over: Partial<ReportTicket>): ReportTicket => ({
  id, serviceDay: '2026-11-30', issuedCategoryId: 'a', categoryId: 'a', status: 'done', windowId: 'w1',
  issuedAt: NINE, startedAt: null, finishedAt: null, transferCount: 0, ...over,
});

describe('buildDayReport', () => {
  const input: ReportInput = {
    timeZone: 'Asia/Shanghai', days: ['2026-11-30'], now: NINE + 60 * M,
    categories: [{ id: 'a', code: 'A', nameZh: '企业', nameEn: 'Enterprise' }],
    windows: [{ id: 'w1', label: '1' }],
    tickets: [
      ticket('t1', { startedAt: NINE + 5 * M, finishedAt: NINE + 15 * M }),
      ticket('t2', { status: 'serving', issuedAt: NINE + 40 * M, transferCount: 3 }),
    ],
    events: [
      { ticketId: null, windowId: 'w1', type: 'window.created', toStatus: 'open', at: NINE },
      { ticketId: 't1', windowId: 'w1', type: 'called', toStatus: 'called', at: NINE + 4 * M },
      { ticketId: 't1', windowId: 'w1', type: 'recalled', toStatus: 'called', at: NINE + 5 * M },
      { ticketId: 't1', windowId: 'w1', type: 'finished', toStatus: 'done', at: NINE + 15 * M },
      { ticketId: 't2', windowId: 'w1', type: 'called', toStatus: 'called', at: NINE + 50 * M },
    ],
    ratings: [],
  };

  it('counts a ticket still in service as open and holds the window busy until now', () => {
    const r = buildDayReport(input);
    expect(r.days[0]).toMatchObject({ issued: 2, served: 1, open: 1, transfers: 3, transferredMoreThanTwice: 1 });
    // The wait ends at the first call (4 min for t1, 10 min for t2), not at the recall.
    expect(r.days[0].wait).toEqual({ count: 2, meanSec: 420, p50Sec: 240, p90Sec: 600 });
    expect(r.days[0].service).toEqual({ count: 1, meanSec: 600, p50Sec: 600, p90Sec: 600 });
    // Busy 4-15 and 50-60 (still held at "now"): 21 of 60 open minutes.
    expect(r.days[0].windows[0]).toEqual({ windowId: 'w1', window: '1', served: 1, openSec: 3600, busySec: 1260, idleSec: 2340, utilization: 0.35 });
    expect(r.days[0].arrivals).toEqual([{ slot: '09:00', count: 1 }, { slot: '09:30', count: 1 }]);
  });

  it('does not count time after now or tickets of other days', () => {
    const r = buildDayReport({ ...input, days: ['2026-11-30', '2026-12-01'], tickets: [...input.tickets, ticket('t3', { serviceDay: '2026-12-02' })] });
    expect(r.days[1]).toMatchObject({ issued: 0, windows: [{ openSec: 0, utilization: null }] });
    expect(r.total).toMatchObject({ issued: 2, windows: [{ openSec: 3600 }] });
  });

  it('gives each clerk their served tickets, time on duty and busy share, from the actions they made', () => {
    const r = buildDayReport({
      ...input,
      tickets: [
        ticket('t1', { startedAt: NINE + 5 * M, finishedAt: NINE + 15 * M }),
        ticket('t4', { startedAt: NINE + 20 * M, finishedAt: NINE + 26 * M }),
        ticket('t5', { startedAt: NINE + 30 * M, finishedAt: NINE + 50 * M }),
      ],
      events: [
        { ticketId: null, windowId: 'w1', type: 'window.opened', toStatus: 'open', at: NINE, actor: 'wang' },
        { ticketId: 't1', windowId: 'w1', type: 'called', toStatus: 'called', at: NINE + 4 * M, actor: 'wang' },
        { ticketId: 't1', windowId: 'w1', type: 'finished', toStatus: 'done', at: NINE + 15 * M, actor: 'wang' },
        { ticketId: 't4', windowId: 'w1', type: 'finished', toStatus: 'done', at: NINE + 26 * M, actor: 'wang' },
        { ticketId: 't5', windowId: 'w1', type: 'called', toStatus: 'called', at: NINE + 29 * M, actor: 'li' },
        { ticketId: 't5', windowId: 'w1', type: 'finished', toStatus: 'done', at: NINE + 50 * M, actor: 'li' },
        { ticketId: 't5', windowId: 'w1', type: 'issued', toStatus: 'waiting', at: NINE, actor: null },
      ],
    });
    // wang: on duty 09:00-09:26 (26 min), busy 10 + 6 min; li: 09:29-09:50 (21 min), busy 20 min.
    expect(r.days[0].clerks).toEqual([
      { clerk: 'li', served: 1, onDutySec: 1260, busySec: 1200, idleSec: 60, utilization: 0.952 },
      { clerk: 'wang', served: 2, onDutySec: 1560, busySec: 960, idleSec: 600, utilization: 0.615 },
    ]);
    expect(r.total.clerks).toEqual(r.days[0].clerks);
  });
});
