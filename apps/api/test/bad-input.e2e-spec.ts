import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/** Each kind of bad input gets a clear 4xx with a message a person can act on, and writes nothing. */
describe('bad input', () => {
  let t: TestApp;
  let h: SmallHall;
  const counts = async () => {
    const q = async (sql: string) => Number((await t.dataSource.query(sql))[0].n);
    return {
      tickets: await q('SELECT COUNT(*) AS n FROM ticket'),
      events: await q('SELECT COUNT(*) AS n FROM ticket_event'),
      counters: await q('SELECT COUNT(*) AS n FROM ticket_counter'),
      halls: await q('SELECT COUNT(*) AS n FROM hall'),
      categories: await q('SELECT COUNT(*) AS n FROM service_category'),
      windows: await q('SELECT COUNT(*) AS n FROM service_window'),
    };
  };
  let before: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    t = await startTestApp();
    h = await createSmallHall(t, [
      { label: '1', categories: ['enterprise'], state: 'open' },
      { label: '2', categories: ['social'], state: 'paused' },
      { label: '3', categories: ['tax'], state: 'closed' },
    ]);
    await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', 'first').send({ category: 'enterprise' }).expect(201);
  });
  beforeEach(async () => {
    before = await counts();
  });
  afterEach(async () => {
    expect(await counts()).toEqual(before);
  });
  afterAll(() => t.close());

  const issue = (hallId: string, body: unknown, key = `k-${Math.random()}`) =>
    t.http.post(`/api/halls/${hallId}/tickets`).set('Idempotency-Key', key).send(body as object);

  it('unknown hall, category, window or ticket: 404 naming it', async () => {
    const r1 = await issue('no-such-hall', { category: 'enterprise' }).expect(404);
    expect(r1.body).toMatchObject({ statusCode: 404, code: 'HALL_NOT_FOUND' });
    const r2 = await issue(h.hallId, { category: 'passport' }).expect(404);
    expect(r2.body).toMatchObject({ code: 'CATEGORY_NOT_FOUND' });
    expect(r2.body.message).toContain('passport');
    const r3 = await t.http.post(`/api/halls/${h.hallId}/windows/nope/call-next`).expect(404);
    expect(r3.body).toMatchObject({ code: 'WINDOW_NOT_FOUND' });
    await t.http.get('/api/tickets/not-a-token').expect(404);
    await t.http.post('/api/tickets/not-a-token/cancel').expect(404);
    await t.http.get('/api/halls/nope/state').expect(404);
  });

  it('unknown hall on the forecast-backed routes: 404, not 500 (found by apps/api/test/fuzz.e2e-spec.ts)', async () => {
    for (const path of ['/api/halls/no-such-hall/advice', '/api/halls/no-such-hall/plan']) {
      const r = await t.http.get(path).expect(404);
      expect(r.body).toMatchObject({ statusCode: 404, code: 'HALL_NOT_FOUND', message: 'No hall with id "no-such-hall".' });
    }
  });

  it('a window of another hall is unknown in this hall', async () => {
    const other = await t.http.post('/api/halls').send({ name: 'Other hall' }).expect(201);
    before = await counts();
    await t.http.post(`/api/halls/${other.body.id}/windows/${h.windows['1']}/call-next`).expect(404);
  });

  it('malformed bodies: 400 with messages per field', async () => {
    const r = await issue(h.hallId, { category: 'enterprise', priority: 'vip', channel: 'fax' }).expect(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(r.body.details.fields).sort()).toEqual(['channel', 'priority']);
    expect(r.body.details.fields.priority[0]).toMatch(/normal, priority/);
    const extra = await issue(h.hallId, { category: 'enterprise', admin: true }).expect(400);
    expect(extra.body.details.fields.admin[0]).toMatch(/should not exist/);
    await issue(h.hallId, {}).expect(400);
    const bad = await t.http.post(`/api/halls/${h.hallId}/tickets`).set('content-type', 'application/json').send('{"category":').expect(400);
    expect(bad.body).toMatchObject({ code: 'BAD_JSON' });
    const key = await issue(h.hallId, { category: 'enterprise' }, 'has space').expect(400);
    expect(key.body.message).toMatch(/Idempotency-Key/);
    await t.http.post('/api/halls').send({ name: 'X', timeZone: 'Mars/Base' }).expect(400);
    await t.http.post('/api/halls').send({ name: 'X', opensAt: '25:00' }).expect(400);
    await t.http.post(`/api/halls/${h.hallId}/categories`).send({ code: 'Bad Code', prefix: 'a1' }).expect(400);
    await t.http.post(`/api/halls/${h.hallId}/windows`).send({ label: '9', categories: ['unknown'] }).expect(404);
    await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/transfer`).send({ category: 'tax', window: h.windows['3'] }).expect(400);
    await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/call`).send({ reason: 'x' }).expect(400);
  });

  it('duplicates: 409 naming what is taken', async () => {
    const r = await t.http.post(`/api/halls/${h.hallId}/categories`).send({
      code: 'enterprise2', prefix: 'A', nameZh: 'x', nameEn: 'x', targetWaitSec: 600, defaultServiceSec: 300,
    }).expect(409);
    expect(r.body.message).toMatch(/prefix/);
    await t.http.post(`/api/halls/${h.hallId}/windows`).send({ label: '1', categories: [] }).expect(409);
  });

  it('a paused or closed window calling next: 409', async () => {
    const p = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['2']}/call-next`).expect(409);
    expect(p.body).toMatchObject({ code: 'WINDOW_NOT_OPEN', details: { state: 'paused' } });
    const c = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['3']}/call-next`).expect(409);
    expect(c.body.message).toMatch(/closed/);
  });

  it('an illegal transition: 409 with the current state', async () => {
    const r = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/finish`).expect(409);
    expect(r.body).toMatchObject({ code: 'WINDOW_IDLE' });
    const resume = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/resume`).expect(409);
    expect(resume.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { state: 'open' } });
  });

  it('an idempotency key reused with a different body: 422', async () => {
    const r = await issue(h.hallId, { category: 'social' }, 'first').expect(422);
    expect(r.body).toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
  });

  it('a paused category or a closed hall issues nothing: 409', async () => {
    await t.http.patch(`/api/halls/${h.hallId}/categories/tax`).send({ active: false }).expect(200);
    before = await counts();
    const r = await issue(h.hallId, { category: 'tax' }).expect(409);
    expect(r.body).toMatchObject({ code: 'CATEGORY_PAUSED' });
    t.clock.advance(9 * 3600_000); // 19:00 in Shanghai; the hall closes at 17:30
    const closed = await issue(h.hallId, { category: 'enterprise' }).expect(409);
    expect(closed.body).toMatchObject({ code: 'HALL_CLOSED', details: { opensAt: '08:30' } });
    t.clock.advance(-9 * 3600_000);
  });
});
