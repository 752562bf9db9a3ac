import { HallForecastService } from '../src/forecast/hall-forecast.service';
import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/** The api shows libs/forecast's waits wherever it shows a wait. */
describe('wait estimates from the forecaster', () => {
  let t: TestApp;
  let h: SmallHall;
  let forecasts: HallForecastService;
  const issue = (category: string, key: string) =>
    t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', key).send({ category }).expect(201);

  beforeAll(async () => {
    t = await startTestApp();
    h = await createSmallHall(t, [
      { label: '1', categories: ['enterprise'], state: 'open' },
      { label: '2', categories: ['enterprise'], state: 'open' },
      { label: '3', categories: ['social'], state: 'open' },
      { label: '4', categories: ['tax'], state: 'closed' },
    ]);
    forecasts = t.app.get(HallForecastService);
  });
  afterAll(() => t.close());

  it('gives each waiting ticket a forecast wait that grows with its place in line', async () => {
    const tickets = [];
    for (let i = 0; i < 12; i++) {
      tickets.push((await issue('enterprise', `e${i}`)).body);
      t.clock.advance(10_000);
    }
    await forecasts.refreshNow(h.hallId);
    const waits = [];
    for (const tk of tickets) {
      const r = await t.http.get(`/api/tickets/${tk.token}`).expect(200);
      expect(r.body.estimatedWait.source).toBe('forecast');
      waits.push(r.body.estimatedWait);
    }
    for (let i = 1; i < waits.length; i++) expect(waits[i].expectedSec).toBeGreaterThanOrEqual(waits[i - 1].expectedSec);
    const last = waits[waits.length - 1];
    // 12 in line at 2 windows of 15 min mean service: about 11/2 services ahead, i.e. well over an hour
    expect(last.expectedSec).toBeGreaterThan(40 * 60);
    expect(last.expectedSec).toBeLessThan(4 * 3600);
    expect(last.lowSec).toBeLessThanOrEqual(last.expectedSec);
    expect(last.highSec).toBeGreaterThanOrEqual(last.expectedSec);
    expect(last.withinTargetProbability).toBeGreaterThanOrEqual(0);
    expect(last.withinTargetProbability).toBeLessThan(0.5); // 20-minute target, an hour's line
  });

  it('shows the wait for a ticket taken now per line, and none where no window serves it', async () => {
    const s = await t.http.get(`/api/halls/${h.hallId}/state`).expect(200);
    const line = (code: string) => s.body.lines.find((l: { category: { code: string } }) => l.category.code === code);
    expect(line('enterprise').waitNow).toMatchObject({ source: 'forecast' });
    expect(line('enterprise').waitNow.expectedSec).toBeGreaterThan(40 * 60);
    expect(line('social').waitNow.expectedSec).toBeLessThan(60); // empty line, open window
    expect(line('tax').waitNow).toBeNull(); // its only window is closed
  });

  it('answers a new ticket with its line wait, and opening windows shortens it', async () => {
    const before = (await issue('enterprise', 'e-new-1')).body.estimatedWait.expectedSec;
    await t.http.patch(`/api/halls/${h.hallId}/windows/${h.windows['4']}`).send({ categories: ['enterprise', 'tax'] }).expect(200);
    await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['4']}/open`).expect(200);
    await forecasts.refreshNow(h.hallId);
    const after = (await issue('enterprise', 'e-new-2')).body.estimatedWait.expectedSec;
    expect(after).toBeLessThan(before * 0.85);
  });

  it('shows a priority ticket issued behind a long line a short wait at issue, a normal one the line wait; the board the line wait', async () => {
    await forecasts.refreshNow(h.hallId);
    const normal = (await issue('enterprise', 'e-class-n')).body.estimatedWait;
    const prio = (
      await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', 'e-class-p').send({ category: 'enterprise', priority: 'priority' }).expect(201)
    ).body;
    expect(prio.priority).toBe('priority');
    expect(normal).toMatchObject({ source: 'forecast' });
    expect(normal.expectedSec).toBeGreaterThan(40 * 60); // 15 ahead at 3 windows of 15 min
    expect(prio.estimatedWait).toMatchObject({ source: 'forecast' });
    expect(prio.estimatedWait.expectedSec).toBeLessThan(5 * 60); // nobody of its class ahead, windows free
    expect(prio.estimatedWait.withinTargetProbability).toBeGreaterThan(0.8);
    await forecasts.refreshNow(h.hallId);
    const s = await t.http.get(`/api/halls/${h.hallId}/state`).expect(200);
    const line = s.body.lines.find((l: { category: { code: string } }) => l.category.code === 'enterprise');
    expect(line.waitNow.expectedSec).toBeGreaterThan(40 * 60); // the line's wait is a normal ticket's
  });

  it('rebuilds the forecaster from the event log after a restart', async () => {
    await t.close({ keepDatabase: true });
    t = await startTestApp({ db: t.db, clock: t.clock });
    forecasts = t.app.get(HallForecastService);
    expect((await forecasts.stats(h.hallId)).events).toBeGreaterThan(14);
    await forecasts.refreshNow(h.hallId);
    expect(forecasts.categoryWait(h.hallId, h.categories.enterprise)?.source).toBe('forecast');
  });
});
