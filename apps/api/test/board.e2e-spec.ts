import { HallForecastService } from '../src/forecast/hall-forecast.service';
import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/**
 * The manager's board on a known small day, figure by figure. Minutes after 10:00 on Monday 2026-11-30
 * in Shanghai; window 1 (enterprise) and 2 (social) open at 10:00, window 3 (tax) stays closed.
 *
 *   0-5  issue A001, A002, A003, B001, A004, A005
 *   10   w1 calls A001, 11 starts, 21 finishes        13 w2 calls B001, 14 starts, 20 finishes
 *   22   w1 calls A002 (next), 23 starts (still in service at 30)
 *   30   the board
 */
describe('manager board (GET /api/halls/:hallId/board)', () => {
  let t: TestApp;
  let h: SmallHall;
  const MIN = 60_000;
  const T0 = Date.UTC(2026, 10, 30, 2); // 10:00 in Shanghai
  const at = (m: number) => t.clock.set(T0 + m * MIN);
  const act = (w: string, a: string, body?: object) => t.http.post(`/api/halls/${h.hallId}/windows/${h.windows[w]}/${a}`).send(body ?? {}).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    at(0);
    h = await createSmallHall(t, [
      { label: '1', categories: ['enterprise'], state: 'open' },
      { label: '2', categories: ['social'], state: 'open' },
      { label: '3', categories: ['tax'], state: 'closed' },
    ]);
    const arrivals = [
      [0, 'enterprise', 'A001'],
      [1, 'enterprise', 'A002'],
      [2, 'enterprise', 'A003'],
      [3, 'social', 'B001'],
      [4, 'enterprise', 'A004'],
      [5, 'enterprise', 'A005'],
    ] as const;
    for (const [m, cat, n] of arrivals) {
      at(m);
      expect((await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', n).send({ category: cat }).expect(201)).body.number).toBe(n);
    }
    at(10); expect((await act('1', 'call-next')).body.number).toBe('A001');
    at(11); await act('1', 'start');
    at(13); expect((await act('2', 'call-next')).body.number).toBe('B001');
    at(14); await act('2', 'start');
    at(20); await act('2', 'finish');
    at(21); await act('1', 'finish');
    at(22); expect((await act('1', 'call-next')).body.number).toBe('A002');
    at(23); await act('1', 'start');
    at(30);
  });
  afterAll(() => t.close());

  it('shows each window: state, current ticket, time in service, served and utilization today', async () => {
    const b = (await t.http.get(`/api/halls/${h.hallId}/board`).expect(200)).body;
    expect(b.at).toBe(T0 + 30 * MIN);
    expect(b.hall).toMatchObject({ id: h.hallId, serviceDay: '2026-11-30', isOpen: true, timeZone: 'Asia/Shanghai' });
    expect(b.windows).toEqual([
      {
        id: h.windows['1'], label: '1', state: 'open', pauseReason: null, categories: ['enterprise'],
        current: { number: 'A002', category: 'enterprise', status: 'serving', calledAt: T0 + 22 * MIN, startedAt: T0 + 23 * MIN },
        inServiceSec: 7 * 60, // started at 23, now 30
        servedToday: 1, // A001
        openSecToday: 30 * 60,
        busySecToday: (21 - 10 + 30 - 22) * 60, // A001 called 10 to finished 21, A002 called 22 to now
        utilizationToday: Math.round((19 / 30) * 1000) / 1000,
      },
      {
        id: h.windows['2'], label: '2', state: 'open', pauseReason: null, categories: ['social'], current: null, inServiceSec: null,
        servedToday: 1, openSecToday: 30 * 60, busySecToday: 7 * 60, utilizationToday: Math.round((7 / 30) * 1000) / 1000,
      },
      {
        id: h.windows['3'], label: '3', state: 'closed', pauseReason: null, categories: ['tax'], current: null, inServiceSec: null,
        servedToday: 0, openSecToday: 0, busySecToday: 0, utilizationToday: null,
      },
    ]);
  });

  it('shows each category: line, wait now, p50/p90 wait today, target and the forecast for the next hour', async () => {
    const b = (await t.http.get(`/api/halls/${h.hallId}/board`).expect(200)).body;
    const state = (await t.http.get(`/api/halls/${h.hallId}/state`).expect(200)).body;
    const p = t.app.get(HallForecastService).lastPredictions(h.hallId)!;
    const cats = b.categories as any[];
    expect(cats.map((c) => c.code)).toEqual(['enterprise', 'social', 'tax']);
    const [ent, soc, tax] = cats;
    // Line: A003, A004, A005 wait; waits today: A001 600 s (0 to 10), A002 1260 s (1 to 22); nearest rank.
    expect(ent).toMatchObject({ prefix: 'A', waiting: 3, openWindows: 1, targetWaitSec: 1200, calledToday: 2, waitP50TodaySec: 600, waitP90TodaySec: 1260 });
    expect(soc).toMatchObject({ prefix: 'B', waiting: 0, openWindows: 1, targetWaitSec: 900, calledToday: 1, waitP50TodaySec: 600, waitP90TodaySec: 600 });
    expect(tax).toMatchObject({
      prefix: 'C', waiting: 0, openWindows: 0, targetWaitSec: 1200, calledToday: 0, waitP50TodaySec: null, waitP90TodaySec: null, waitNow: null,
    });
    // Wait now: the same figure the hall screen and GET /state show.
    for (const c of cats) expect(c.waitNow).toEqual(state.lines.find((l: { category: { code: string } }) => l.category.code === c.code).waitNow);
    expect(ent.waitNow.expectedSec).toBeGreaterThan(0);
    // The next hour is the hall forecaster's own prediction, rounded to one decimal.
    for (const c of cats) {
      const pred = p.categories.get(h.categories[c.code])!;
      expect(c.forecastNextHour).toEqual({
        arrivals: Math.round(pred.arrivalsNextHour * 10) / 10,
        arrivalsPerHourNow: Math.round(pred.arrivalsPerHour * 10) / 10,
      });
    }
    // Five enterprise arrivals in the first five minutes and none for tax: the forecast says so.
    expect(ent.forecastNextHour.arrivals).toBeGreaterThan(tax.forecastNextHour.arrivals);
  });

  it("draws today's line and wait per category from the log, and the next hour from the forecaster", async () => {
    const r = (await t.http.get(`/api/halls/${h.hallId}/board/today?stepSec=600`).expect(200)).body;
    expect(r).toMatchObject({ at: T0 + 30 * MIN, from: T0, stepSec: 600, forecastStepSec: 900 }); // from the first ticket, 10:00
    const [ent, soc, tax] = r.categories;
    expect(r.categories.map((c: { code: string }) => c.code)).toEqual(['enterprise', 'social', 'tax']);
    expect(ent.actual).toEqual([
      { at: T0, waiting: 1, waitSec: null, called: 0 }, // A001 issued at 10:00
      { at: T0 + 10 * MIN, waiting: 4, waitSec: 600, called: 1 }, // A002-A005; A001 called at 10:10 after 10 min
      { at: T0 + 20 * MIN, waiting: 4, waitSec: null, called: 0 },
      { at: T0 + 30 * MIN, waiting: 3, waitSec: 1260, called: 1 }, // A002 called at 10:22 after 21 min
    ]);
    expect(soc.actual).toEqual([
      { at: T0, waiting: 0, waitSec: null, called: 0 },
      { at: T0 + 10 * MIN, waiting: 1, waitSec: null, called: 0 },
      { at: T0 + 20 * MIN, waiting: 0, waitSec: 600, called: 1 }, // B001 issued 10:03, called 10:13
      { at: T0 + 30 * MIN, waiting: 0, waitSec: null, called: 0 },
    ]);
    // The forecast starts from now with the live figures and runs an hour in 15-minute steps.
    const board = (await t.http.get(`/api/halls/${h.hallId}/board`).expect(200)).body;
    expect(ent.forecast.map((p: { at: number }) => p.at)).toEqual([0, 15, 30, 45, 60].map((m) => T0 + (30 + m) * MIN));
    expect(ent.forecast[0]).toEqual({ at: T0 + 30 * MIN, waiting: 3, waitSec: board.categories[0].waitNow.expectedSec });
    expect(tax.forecast.every((p: { waitSec: number | null }) => p.waitSec === null)).toBe(true); // no window serves tax
    expect(ent.targetWaitSec).toBe(1200);
  });

  it('refuses a malformed step with a message', async () => {
    for (const q of ['stepSec=5', 'stepSec=abc', 'stepSec=99999']) {
      const r = await t.http.get(`/api/halls/${h.hallId}/board/today?${q}`).expect(400);
      expect(JSON.stringify(r.body)).toMatch(/stepSec must/);
    }
    await t.http.get('/api/halls/no-such-hall/board/today').expect(404);
  });

  it('answers 404 for an unknown hall', async () => {
    const r = await t.http.get('/api/halls/no-such-hall/board').expect(404);
    expect(r.body).toMatchObject({ code: 'HALL_NOT_FOUND' });
  });
});
