import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/** 好差评: the phone page and the counter pad rate a finished ticket once; every refusal writes nothing. */
describe('ratings', () => {
  let t: TestApp;
  let h: SmallHall;
  let key = 0;
  const MIN = 60_000;
  const ratingRows = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM rating'))[0].n);
  const act = (w: string, a: string) => t.http.post(`/api/halls/${h.hallId}/windows/${h.windows[w]}/${a}`);
  const issue = async (category = 'enterprise') =>
    (await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', `k${++key}`).send({ category }).expect(201)).body as {
      id: string;
      token: string;
      number: string;
    };
  /** Issues a ticket and serves it to the end at window w: 2 minutes' wait, 5 minutes' service. */
  const serve = async (w: string, category = 'enterprise') => {
    const ticket = await issue(category);
    t.clock.advance(2 * MIN);
    await act(w, 'call-next').expect(200);
    await act(w, 'start').expect(200);
    t.clock.advance(5 * MIN);
    await act(w, 'finish').expect(200);
    return ticket;
  };

  beforeAll(async () => {
    t = await startTestApp();
    h = await createSmallHall(t);
  });
  afterAll(() => t.close());

  describe('from the phone page', () => {
    it('stores the rating with the window and category that served the ticket', async () => {
      const ticket = await serve('1');
      const r = await t.http
        .post(`/api/tickets/${ticket.token}/rating`)
        .send({ score: 4, reasons: ['waited_too_long', 'asked_again_for_data'], comment: ' 材料交了两次 ' })
        .expect(201);
      expect(r.body).toMatchObject({
        ticketId: ticket.id,
        number: ticket.number,
        score: 4,
        reasons: ['waited_too_long', 'asked_again_for_data'],
        comment: '材料交了两次',
        window: '1',
        category: 'enterprise',
        at: t.clock.now(),
      });
      const rows = await t.dataSource.query('SELECT * FROM rating WHERE ticketId = ?', [ticket.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        hallId: h.hallId, windowId: h.windows['1'], categoryId: h.categories.enterprise, serviceDay: '2026-11-30', score: 4, comment: '材料交了两次',
      });
      expect(JSON.parse(rows[0].reasons)).toEqual(['waited_too_long', 'asked_again_for_data']);
      expect(Number(rows[0].at)).toBe(t.clock.now());
    });

    it('takes a score alone', async () => {
      const ticket = await serve('1');
      const r = await t.http.post(`/api/tickets/${ticket.token}/rating`).send({ score: 5 }).expect(201);
      expect(r.body).toMatchObject({ score: 5, reasons: [], comment: null });
    });

    it('refuses a second rating of the same ticket (409), keeping the first', async () => {
      const ticket = await serve('1');
      await t.http.post(`/api/tickets/${ticket.token}/rating`).send({ score: 2 }).expect(201);
      const before = await ratingRows();
      const r = await t.http.post(`/api/tickets/${ticket.token}/rating`).send({ score: 5 }).expect(409);
      expect(r.body).toMatchObject({ code: 'DUPLICATE', message: expect.stringMatching(/already been rated/) });
      expect(await ratingRows()).toBe(before);
      expect((await t.dataSource.query('SELECT score FROM rating WHERE ticketId = ?', [ticket.id]))[0].score).toBe(2);
    });

    it('refuses tickets that are not finished (409): waiting, called, serving, no-show, cancelled', async () => {
      const before = await ratingRows();
      const waiting = await issue('tax');
      const r = await t.http.post(`/api/tickets/${waiting.token}/rating`).send({ score: 3 }).expect(409);
      expect(r.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'waiting' } });
      expect(r.body.message).toMatch(/only a finished ticket can be rated/);

      await act('3', 'call-next').expect(200);
      expect((await t.http.post(`/api/tickets/${waiting.token}/rating`).send({ score: 3 }).expect(409)).body.details.status).toBe('called');
      await act('3', 'start').expect(200);
      expect((await t.http.post(`/api/tickets/${waiting.token}/rating`).send({ score: 3 }).expect(409)).body.details.status).toBe('serving');
      await act('3', 'finish').expect(200);

      const gone = await issue('tax');
      await act('3', 'call-next').expect(200);
      await act('3', 'no-show').expect(200);
      expect((await t.http.post(`/api/tickets/${gone.token}/rating`).send({ score: 1 }).expect(409)).body.details.status).toBe('no_show');

      const cancelled = await issue('tax');
      await t.http.post(`/api/tickets/${cancelled.token}/cancel`).expect(200);
      expect((await t.http.post(`/api/tickets/${cancelled.token}/rating`).send({ score: 1 }).expect(409)).body.details.status).toBe('cancelled');
      expect(await ratingRows()).toBe(before);
    });

    it('answers 404 for an unknown tracking token', async () => {
      const before = await ratingRows();
      const r = await t.http.post('/api/tickets/no-such-token/rating').send({ score: 3 }).expect(404);
      expect(r.body.code).toBe('TICKET_NOT_FOUND');
      expect(await ratingRows()).toBe(before);
    });

    it('refuses bad scores, reasons, comments and extra fields (400)', async () => {
      const ticket = await serve('1');
      const before = await ratingRows();
      const bad: [Record<string, unknown>, RegExp][] = [
        [{}, /score must be a whole number from 1 to 5/],
        [{ score: 0 }, /score must be a whole number from 1 to 5/],
        [{ score: 6 }, /score must be a whole number from 1 to 5/],
        [{ score: 3.5 }, /score must be a whole number from 1 to 5/],
        [{ score: '4' }, /score must be a whole number from 1 to 5/],
        [{ score: 4, reasons: ['rude'] }, /each reason must be one of: waited_too_long/],
        [{ score: 4, reasons: 'waited_too_long' }, /reasons/],
        [{ score: 4, reasons: ['not_resolved', 'not_resolved'] }, /reasons/],
        [{ score: 4, comment: 'x'.repeat(201) }, /comment/],
        [{ score: 4, comment: 5 }, /comment/],
        [{ score: 4, stars: 5 }, /property stars should not exist/],
      ];
      for (const [body, message] of bad) {
        const r = await t.http.post(`/api/tickets/${ticket.token}/rating`).send(body).expect(400);
        expect(r.body.code).toBe('VALIDATION_FAILED');
        expect(r.body.message).toMatch(message);
      }
      expect(await ratingRows()).toBe(before);
      // The ticket can still be rated properly afterwards.
      await t.http.post(`/api/tickets/${ticket.token}/rating`).send({ score: 4 }).expect(201);
    });
  });

  describe('from the counter pad', () => {
    it('rates the ticket the window finished last', async () => {
      await serve('2');
      const last = await serve('2');
      t.clock.advance(9 * MIN);
      const r = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['2']}/rating`).send({ score: 3, reasons: ['sent_between_windows'] }).expect(201);
      expect(r.body).toMatchObject({ ticketId: last.id, number: last.number, score: 3, window: '2', category: 'enterprise' });
      expect(await t.dataSource.query('SELECT ticketId FROM rating WHERE ticketId = ?', [last.id])).toHaveLength(1);
    });

    it('refuses a second pad rating of that ticket (409)', async () => {
      const before = await ratingRows();
      const r = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['2']}/rating`).send({ score: 1 }).expect(409);
      expect(r.body.code).toBe('DUPLICATE');
      expect(await ratingRows()).toBe(before);
    });

    it('refuses when the last finish was more than 10 minutes ago, or never (409)', async () => {
      await serve('1');
      t.clock.advance(10 * MIN + 1);
      const before = await ratingRows();
      const late = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/rating`).send({ score: 5 }).expect(409);
      expect(late.body).toMatchObject({ code: 'WINDOW_IDLE', message: expect.stringMatching(/finished no ticket in the last 10 minutes/) });
      // Window 3 only had a no-show and a ticket served long ago; a fresh hall window has finished nothing.
      const w = await t.http.post(`/api/halls/${h.hallId}/windows`).send({ label: '9', categories: ['tax'], state: 'open' }).expect(201);
      await t.http.post(`/api/halls/${h.hallId}/windows/${w.body.id}/rating`).send({ score: 5 }).expect(409);
      expect(await ratingRows()).toBe(before);
    });

    it('does not rate a called or serving ticket at the window: it rates the last finished one, or refuses', async () => {
      const done = await serve('1');
      await issue('enterprise');
      await act('1', 'call-next').expect(200);
      await act('1', 'start').expect(200);
      const r = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/rating`).send({ score: 4 }).expect(201);
      expect(r.body.ticketId).toBe(done.id);
      await act('1', 'finish').expect(200);
    });

    it('answers 404 for an unknown hall or a window of another hall, 400 for a bad body', async () => {
      const before = await ratingRows();
      const other = await t.http.post('/api/halls').send({ name: 'Other hall', timeZone: 'Asia/Shanghai' }).expect(201);
      expect((await t.http.post(`/api/halls/${other.body.id}/windows/${h.windows['1']}/rating`).send({ score: 4 }).expect(404)).body.code)
        .toBe('WINDOW_NOT_FOUND');
      expect((await t.http.post(`/api/halls/nope/windows/${h.windows['1']}/rating`).send({ score: 4 }).expect(404)).body.code).toBe('HALL_NOT_FOUND');
      await serve('1');
      await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/rating`).send({ score: 9 }).expect(400);
      expect(await ratingRows()).toBe(before);
    });
  });

  describe('summary', () => {
    it('gives count, mean, distribution and reasons per window and per category', async () => {
      const r = await t.http.get(`/api/halls/${h.hallId}/ratings?from=2026-11-30&to=2026-11-30`).expect(200);
      // Window 1: 4, 5, 2, 4 (bad-input test), 4 (pad); window 2: 3 (pad).
      expect(r.body.overall).toMatchObject({ count: 6, mean: 3.67, distribution: { '1': 0, '2': 1, '3': 1, '4': 3, '5': 1 } });
      expect(r.body.overall.reasons).toEqual({
        waited_too_long: 1, asked_again_for_data: 1, hard_to_find_service: 0, sent_between_windows: 1, not_resolved: 0,
      });
      const w1 = r.body.windows.find((w: { window: string }) => w.window === '1');
      const w2 = r.body.windows.find((w: { window: string }) => w.window === '2');
      const w3 = r.body.windows.find((w: { window: string }) => w.window === '3');
      expect(w1).toMatchObject({ count: 5, mean: 3.8, distribution: { '2': 1, '4': 3, '5': 1 } });
      expect(w2).toMatchObject({ count: 1, mean: 3, reasons: { sent_between_windows: 1 } });
      expect(w3).toMatchObject({ count: 0, mean: null });
      const ent = r.body.categories.find((c: { category: string }) => c.category === 'enterprise');
      expect(ent).toMatchObject({ count: 6, mean: 3.67 });
      expect(r.body.categories.find((c: { category: string }) => c.category === 'tax')).toMatchObject({ count: 0 });
    });

    it('selects by service day', async () => {
      const r = await t.http.get(`/api/halls/${h.hallId}/ratings?from=2026-12-01&to=2026-12-31`).expect(200);
      expect(r.body.overall.count).toBe(0);
    });

    it('refuses bad ranges (400) and unknown halls (404)', async () => {
      const bad: [string, RegExp][] = [
        ['from=2026-11-31&to=2026-12-01', /from must be a date as YYYY-MM-DD/],
        ['from=2026-12-02&to=2026-12-01', /from \(2026-12-02\) is after to \(2026-12-01\)/],
        ['from=2026-01-01&to=2026-06-01', /152 days; at most 93/],
        ['to=2026-12-01', /from must be a date/],
        ['from=2026-11-30&to=2026-11-30&x=1', /property x should not exist/],
      ];
      for (const [q, message] of bad) {
        const r = await t.http.get(`/api/halls/${h.hallId}/ratings?${q}`).expect(400);
        expect(r.body.message).toMatch(message);
      }
      expect((await t.http.get('/api/halls/nope/ratings?from=2026-11-30&to=2026-11-30').expect(404)).body.code).toBe('HALL_NOT_FOUND');
    });
  });
});
