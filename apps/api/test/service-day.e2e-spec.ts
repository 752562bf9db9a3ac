import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

const HOUR = 3600_000;

/** The end of the service day: leftovers closed out and recorded, numbering restarting by itself. */
describe('service day turnover', () => {
  let t: TestApp;
  let h: SmallHall;
  const issue = (key: string, category = 'enterprise') =>
    t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', key).send({ category }).expect(201);

  beforeAll(async () => {
    t = await startTestApp();
    h = await createSmallHall(t);
  });
  afterAll(() => t.close());

  it('closes out yesterday\'s waiting and called tickets and restarts numbers', async () => {
    const a1 = await issue('d1-1');
    const a2 = await issue('d1-2');
    await issue('d1-3');
    await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/call-next`).expect(200); // A001 called, never served
    t.clock.advance(23 * HOUR); // next morning, 09:00 Shanghai

    const next = await issue('d2-1');
    expect(next.body).toMatchObject({ number: 'A001', serviceDay: '2026-12-01', peopleAhead: 0 });
    expect((await t.http.get(`/api/tickets/${a1.body.token}`)).body.status).toBe('unserved');
    expect((await t.http.get(`/api/tickets/${a2.body.token}`)).body.status).toBe('unserved');
    const ev = await t.dataSource.query("SELECT COUNT(*) AS n FROM ticket_event WHERE type = 'closed_out' AND hallId = ?", [h.hallId]);
    expect(Number(ev[0].n)).toBe(3);
    const state = await t.http.get(`/api/halls/${h.hallId}/state`).expect(200);
    expect(state.body.waiting.map((x: { number: string }) => x.number)).toEqual(['A001']);
    expect(state.body.windows.find((w: { label: string }) => w.label === '1').current).toBeNull();
    // window 1 is free again and calls today's ticket
    expect((await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/call-next`).expect(200)).body.id).toBe(next.body.id);
  });

  it('keeps the line overnight when the hall says so', async () => {
    await t.http.patch(`/api/halls/${h.hallId}`).send({ keepLineOvernight: true }).expect(200);
    const b1 = await issue('d2-b1', 'social');
    t.clock.advance(24 * HOUR);
    const b1next = await issue('d3-b1', 'social');
    expect(b1next.body.number).toBe('B001');
    expect((await t.http.get(`/api/tickets/${b1.body.token}`)).body.status).toBe('waiting');
    expect(b1next.body.peopleAhead).toBe(1); // yesterday's ticket is still ahead
  });
});
