import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/** A small hall's day through the public REST contract, checked against the rows written. */
describe('a small hall day', () => {
  let t: TestApp;
  let h: SmallHall;
  const issue = (category: string, key: string, extra: object = {}) =>
    t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', key).send({ category, channel: 'kiosk', ...extra });
  const act = (window: string, action: string, body: object = {}) =>
    t.http.post(`/api/halls/${h.hallId}/windows/${h.windows[window]}/${action}`).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    h = await createSmallHall(t);
  });
  afterAll(() => t.close());

  it('lists the hall with categories and windows', async () => {
    const r = await t.http.get('/api/halls').expect(200);
    expect(r.body).toHaveLength(1);
    expect(r.body[0]).toMatchObject({ id: h.hallId, name: 'Test hall' });
    expect(r.body[0].categories.map((c: { code: string; prefix: string }) => `${c.code}:${c.prefix}`)).toEqual(['enterprise:A', 'social:B', 'tax:C']);
    expect(r.body[0].windows.map((w: { label: string }) => w.label)).toEqual(['1', '2', '3']);
  });

  it('issues numbered tickets, serves them, and logs every change', async () => {
    const a1 = await issue('enterprise', 'k-a1').expect(201);
    expect(a1.body).toMatchObject({ number: 'A001', category: 'enterprise', peopleAhead: 0, status: 'waiting' });
    expect(a1.body.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    t.clock.advance(60_000);
    const a2 = await issue('enterprise', 'k-a2').expect(201);
    expect(a2.body).toMatchObject({ number: 'A002', peopleAhead: 1 });
    const b1 = await issue('social', 'k-b1', { priority: 'priority' }).expect(201);
    expect(b1.body).toMatchObject({ number: 'B001', priority: 'priority' });

    // Window 1 serves enterprise only: it calls A001, the longest waiting.
    t.clock.advance(60_000);
    const c1 = await act('1', 'call-next').expect(200);
    expect(c1.body).toMatchObject({ number: 'A001', status: 'called', windowLabel: '1' });
    const mine = await t.http.get(`/api/tickets/${a1.body.token}`).expect(200);
    expect(mine.body).toMatchObject({ status: 'called', windowLabel: '1', peopleAhead: 0 });
    expect((await t.http.get(`/api/tickets/${a2.body.token}`)).body.peopleAhead).toBe(0);

    await act('1', 'recall').expect(200);
    await act('1', 'start').expect(200);
    t.clock.advance(10 * 60_000);
    const done = await act('1', 'finish').expect(200);
    expect(done.body).toMatchObject({ status: 'done', number: 'A001' });

    // Window 3 serves social and tax: the priority ticket B001.
    const c3 = await act('3', 'call-next').expect(200);
    expect(c3.body.number).toBe('B001');
    await act('3', 'no-show').expect(200);
    await act('3', 'call-next').expect(204);

    const events = await t.dataSource.query('SELECT type FROM ticket_event WHERE ticketId = ? ORDER BY id', [a1.body.id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['issued', 'called', 'recalled', 'started', 'finished']);
  });

  it('transfers a ticket to another category keeping its issue time and place', async () => {
    const a3 = await issue('enterprise', 'k-a3').expect(201);
    t.clock.advance(60_000);
    const c4 = await issue('tax', 'k-c1').expect(201);
    const called = await act('2', 'call-next').expect(200);
    expect(called.body.number).toBe('A002');
    await act('2', 'start').expect(200);
    const moved = await act('2', 'transfer', { category: 'tax' }).expect(200);
    expect(moved.body).toMatchObject({ status: 'waiting', category: 'tax', transferCount: 1, windowId: null });
    // The clerk's answer has no tracking token (that is the citizen's alone); it keeps the issue time.
    expect(moved.body).not.toHaveProperty('token');
    expect(moved.body.issuedAt).toBeLessThan(c4.body.issuedAt);
    // Window 3 (social, tax): the transferred A002 has waited longest, so it comes before C001.
    expect((await act('3', 'call-next').expect(200)).body.number).toBe('A002');
    await act('3', 'start').expect(200);
    await act('3', 'finish').expect(200);
    expect((await act('3', 'call-next').expect(200)).body.number).toBe('C001');
    expect(a3.body.number).toBe('A003');
  });

  it('transfers to one window: only that window may call it', async () => {
    await act('3', 'start').expect(200);
    const moved = await act('3', 'transfer', { window: h.windows['1'] }).expect(200);
    expect(moved.body).toMatchObject({ status: 'waiting', targetWindowId: h.windows['1'] });
    await act('3', 'call-next').expect(204);
    expect((await act('1', 'call-next').expect(200)).body.number).toBe('C001');
  });

  it('pauses with a reason, refuses calls while paused, resumes', async () => {
    await act('2', 'pause', {}).expect(400);
    const p = await act('2', 'pause', { reason: 'lunch' }).expect(200);
    expect(p.body).toMatchObject({ state: 'paused', pauseReason: 'lunch' });
    const refused = await act('2', 'call-next').expect(409);
    expect(refused.body).toMatchObject({ code: 'WINDOW_NOT_OPEN' });
    await act('2', 'resume').expect(200);
    expect((await act('2', 'call-next').expect(200)).body.number).toBe('A003');
  });

  it('calls a chosen ticket out of order with a reason, logged', async () => {
    await act('2', 'no-show').expect(200);
    const a4 = await issue('enterprise', 'k-a4').expect(201);
    const a5 = await issue('enterprise', 'k-a5').expect(201);
    const r = await act('2', 'call', { number: a5.body.number, reason: 'appointment 10:30' }).expect(200);
    expect(r.body.number).toBe('A005');
    const ev = await t.dataSource.query("SELECT data FROM ticket_event WHERE ticketId = ? AND type = 'called'", [a5.body.id]);
    expect(JSON.parse(ev[0].data)).toEqual({ outOfOrder: true, reason: 'appointment 10:30' });
    expect((await t.http.get(`/api/tickets/${a4.body.token}`)).body.status).toBe('waiting');
  });

  it('lets the citizen cancel, once', async () => {
    const b2 = await issue('social', 'k-b2').expect(201);
    await t.http.post(`/api/tickets/${b2.body.token}/cancel`).expect(200);
    const again = await t.http.post(`/api/tickets/${b2.body.token}/cancel`).expect(409);
    expect(again.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'cancelled' } });
  });

  it('shows the hall state: lines, windows with current tickets, recent calls', async () => {
    const s = await t.http.get(`/api/halls/${h.hallId}/state`).expect(200);
    const ent = s.body.lines.find((l: { category: { code: string } }) => l.category.code === 'enterprise');
    expect(ent).toMatchObject({ waiting: 1, openWindows: 2 });
    expect(ent.waitNow).toMatchObject({ source: expect.stringMatching(/forecast|stand-in/) });
    expect(s.body.windows.find((w: { label: string }) => w.label === '2').current.number).toBe('A005');
    expect(s.body.recentCalls[0].number).toBe('A005');
    expect(s.body.hall).toMatchObject({ serviceDay: '2026-11-30', isOpen: true });
  });
});
