import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { createSmallHall, deviceToken, staffToken, startTestApp, TEST_ADMIN, type SmallHall, type TestApp } from './support/test-app';

/**
 * Issue 14, the citizens' tickets: a ticket's token goes only to whoever took it; priority and appointment
 * tickets only from a kiosk or staff; an Idempotency-Key is bound to its caller; tokens, keys and usernames
 * compare exactly (MySQL's default collations ignore case). Runs on SQLite, and on MySQL with DATABASE_URL.
 */

type Who = 'anonymous' | 'admin' | 'managerA' | 'clerkA1' | 'screenA' | 'kioskA';
const ROLES: Who[] = ['anonymous', 'admin', 'managerA', 'clerkA1', 'screenA', 'kioskA'];

/** Swaps the case of every letter: the same token to a case-insensitive compare, another one to an exact one. */
const swapCase = (s: string) => s.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));

describe('security: citizens\' tickets and tokens', () => {
  let t: TestApp;
  let a: SmallHall;
  const creds: Partial<Record<Who, string>> = {};
  const as = (who: Who) => {
    const agent = request(t.app.getHttpServer());
    const auth = (r: request.Test) => (who === 'anonymous' ? r : r.set('Authorization', `Bearer ${creds[who]}`));
    return { get: (url: string) => auth(agent.get(url)), post: (url: string) => auth(agent.post(url)) };
  };
  const ticketRows = async (where = '1 = 1', params: unknown[] = []) =>
    Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ticket WHERE hallId = ? AND ${where}`, [a.hallId, ...params]))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ env: { HALLQ_RATE_ISSUE_PER_ADDRESS: '1000', HALLQ_RATE_SIGNIN_PER_ADDRESS: '1000', HALLQ_TRUST_PROXY: 'true' } });
    a = await createSmallHall(t);
    creds.admin = t.adminToken;
    creds.managerA = await staffToken(t, 'manager', { hallIds: [a.hallId] });
    creds.clerkA1 = await staffToken(t, 'clerk', { windowIds: [a.windows['1'], a.windows['2']] });
    creds.screenA = await deviceToken(t, a.hallId, 'screen');
    creds.kioskA = await deviceToken(t, a.hallId, 'kiosk');
  });
  afterAll(() => t.close());

  it('gives a ticket\'s token only in the issue answer to its issuer: no other route, role, window action or /live event shows any', async () => {
    const tokens = new Set<string>();
    const issue = async (who: Who, body: object) => {
      const r = await as(who).post(`/api/halls/${a.hallId}/tickets`).send(body).expect(201);
      expect(typeof r.body.token).toBe('string');
      tokens.add(r.body.token);
      return r.body as { token: string; number: string };
    };
    for (let i = 0; i < 3; i++) {
      t.clock.advance(30_000);
      await issue('anonymous', { category: 'enterprise' });
      await issue('kioskA', { category: i === 0 ? 'enterprise' : 'social', priority: i === 1 ? 'priority' : 'normal' });
      await issue('clerkA1', { category: 'tax' });
    }
    // /live as every kind of watcher: the hall's screen and manager, a clerk's window, a phone's own ticket.
    const sockets: { id: string; socket: Socket; got: string[] }[] = [];
    const listen = async (who: Who, target: Record<string, string>) => {
      const auth = who === 'anonymous' ? {} : { auth: { token: creds[who] } };
      const socket = io(`${t.url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, ...auth });
      const got: string[] = [];
      socket.onAny((event, data) => got.push(`${event} ${JSON.stringify(data)}`));
      sockets.push({ id: `/live ${JSON.stringify(target)} as ${who}`, socket, got });
      await new Promise<void>((res, rej) => (socket.once('connect', () => res()), socket.once('connect_error', rej)));
      expect(await socket.timeout(5000).emitWithAck('subscribe', target)).toEqual({ ok: true });
    };
    const phone = await issue('anonymous', { category: 'enterprise' });
    await listen('screenA', { hall: a.hallId });
    await listen('managerA', { manager: a.hallId });
    await listen('clerkA1', { window: a.windows['1'] });
    await listen('anonymous', { ticket: phone.token });
    // Window actions: every answer holds a ticket, none its token.
    const answers: { id: string; text: string }[] = [];
    const act = async (window: '1' | '2', action: string, body?: object) => {
      const r = await as('clerkA1').post(`/api/halls/${a.hallId}/windows/${a.windows[window]}/${action}`).send(body ?? {});
      expect(r.status).toBe(200);
      expect(r.body).not.toHaveProperty('token');
      answers.push({ id: `POST ${action} (window ${window})`, text: r.text });
      return r.body as { number: string };
    };
    await act('1', 'call-next');
    await act('1', 'recall');
    await act('1', 'start');
    await act('1', 'transfer', { category: 'social' });
    await act('1', 'call-next');
    await act('1', 'no-show');
    const waiting = (await as('admin').get(`/api/halls/${a.hallId}/state`).expect(200)).body.waiting as { number: string; category: string }[];
    await act('1', 'call', { number: waiting.find((w) => w.category === 'enterprise')!.number, reason: 'token walk' });
    await act('1', 'start');
    await act('1', 'finish');
    const last = await act('2', 'call-next');
    // The screen has seen everything up to the last call.
    const screen = sockets[0].got;
    for (let waited = 0; !screen.some((e) => e.startsWith('called ') && e.includes(`"number":"${last.number}"`)); waited += 20) {
      if (waited > 10_000) throw new Error(`the screen never got the call of ${last.number}: ${screen.map((e) => e.split(' ')[0]).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const { id, socket, got } of sockets) {
      socket.close();
      expect(got.length).toBeGreaterThan(0);
      answers.push({ id, text: got.join('\n') });
    }
    // A citizen cancelling gets the ticket back, without the token either (the page has it already).
    const mine = await issue('anonymous', { category: 'social' });
    const cancelled = await request(t.app.getHttpServer()).post(`/api/tickets/${mine.token}/cancel`).expect(200);
    expect(cancelled.body).not.toHaveProperty('token');
    answers.push({ id: 'POST cancel', text: cancelled.text });
    // Tickets in every place the state has them: waiting, at a window, recently called.
    const state = (await as('admin').get(`/api/halls/${a.hallId}/state`).expect(200)).body;
    expect(state.waiting.length).toBeGreaterThan(3);
    expect(state.recentCalls.length).toBeGreaterThan(2);
    expect(state.windows.some((w: { current: unknown }) => w.current)).toBe(true);

    // Every documented GET route as every role; the issue route is the only one that may carry a token.
    const doc = (await as('admin').get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const params: Record<string, string> = { hallId: a.hallId, windowId: a.windows['1'], category: 'enterprise', token: mine.token };
    const day = { from: '2026-11-30', to: '2026-11-30' };
    const gets = Object.entries(doc.paths).filter(([, ops]) => 'get' in ops).map(([path]) => path);
    expect(gets.length).toBeGreaterThan(15);
    let walked = 0;
    for (const path of gets) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      if (names.some((n) => !(n in params))) continue;
      const url = path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(params[n]));
      for (const who of ROLES) {
        const r = await as(who).get(url).query(/\/(reports|ratings)/.test(path) ? day : {});
        if (r.status >= 500) throw new Error(`GET ${url} as ${who}: ${r.status}`);
        walked++;
        // GET /api/tickets/{token}: the caller sent that token; it must name no other.
        const allowed = path === '/api/tickets/{token}' ? mine.token : null;
        answers.push({ id: `GET ${path} as ${who} (${r.status})`, text: allowed ? r.text.split(allowed).join('') : r.text });
      }
    }
    expect(walked).toBeGreaterThan(gets.length * 3);
    const leaks = answers.flatMap(({ id, text }) => ([...tokens].some((tok) => text.includes(tok)) ? [id] : []));
    expect(leaks).toEqual([]);
  });

  it('gives priority and appointment tickets only through a kiosk or staff; an anonymous phone is told why and nothing is written', async () => {
    const before = await ticketRows();
    const priority = await as('anonymous').post(`/api/halls/${a.hallId}/tickets`).send({ category: 'tax', priority: 'priority' }).expect(403);
    expect(priority.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: expect.stringContaining('kiosk of the hall or by its staff') });
    const appointment = await as('anonymous').post(`/api/halls/${a.hallId}/tickets`).send({ category: 'tax', channel: 'appointment' }).expect(403);
    expect(appointment.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('checking in') });
    expect(await ticketRows()).toBe(before);
    // A phone's own ticket is a normal web one.
    const phone = await as('anonymous').post(`/api/halls/${a.hallId}/tickets`).send({ category: 'tax' }).expect(201);
    expect(phone.body).toMatchObject({ channel: 'web', priority: 'normal' });
    // The kiosk's elderly/disabled button and a staff check-in still work.
    const kiosk = await as('kioskA').post(`/api/halls/${a.hallId}/tickets`).send({ category: 'tax', priority: 'priority' }).expect(201);
    expect(kiosk.body).toMatchObject({ channel: 'kiosk', priority: 'priority' });
    const staff = await as('clerkA1').post(`/api/halls/${a.hallId}/tickets`).send({ category: 'tax', channel: 'appointment' }).expect(201);
    expect(staff.body).toMatchObject({ channel: 'appointment', priority: 'normal' });
  });

  it('binds an Idempotency-Key to its caller: another phone, kiosk or clerk reusing it never gets the first ticket or its token', async () => {
    const key = `shared-key-${Date.now()}`;
    const from = (ip: string) => request(t.app.getHttpServer()).post(`/api/halls/${a.hallId}/tickets`).set('X-Forwarded-For', ip).set('Idempotency-Key', key);
    const first = await from('203.0.113.1').send({ category: 'tax' }).expect(201);
    // The same phone retrying gets its ticket back.
    const retry = await from('203.0.113.1').send({ category: 'tax' }).expect(200);
    expect(retry.body.token).toBe(first.body.token);
    const others = [
      from('203.0.113.2').send({ category: 'tax' }),
      as('kioskA').post(`/api/halls/${a.hallId}/tickets`).set('Idempotency-Key', key).send({ category: 'tax', channel: 'web' }),
      as('clerkA1').post(`/api/halls/${a.hallId}/tickets`).set('Idempotency-Key', key).send({ category: 'tax', channel: 'web' }),
    ];
    for (const pending of others) {
      const r = await pending;
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_MISMATCH', message: expect.stringContaining('new key') });
      expect(r.text).not.toContain(first.body.token);
      expect(r.text).not.toContain(first.body.id);
      expect(r.text).not.toContain(first.body.number);
    }
    expect(await ticketRows('idempotencyKey = ?', [key])).toBe(1);
  });

  it('finds a ticket only by its token exactly as issued: another letter case finds nothing, cancels nothing (it did on MySQL)', async () => {
    const issued = await as('anonymous').post(`/api/halls/${a.hallId}/tickets`).send({ category: 'social' }).expect(201);
    const other = swapCase(issued.body.token);
    expect(other).not.toBe(issued.body.token);
    for (const r of [
      await t.anon.get(`/api/tickets/${other}`),
      await t.anon.post(`/api/tickets/${other}/cancel`),
      await t.anon.post(`/api/tickets/${other}/rating`).send({ score: 1 }),
    ]) {
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('TICKET_NOT_FOUND');
    }
    await t.anon.get(`/api/tickets/${issued.body.token}`).expect(200);
    expect((await t.dataSource.query('SELECT status FROM ticket WHERE token = ?', [issued.body.token]))[0].status).toBe('waiting');
  });

  it('signs in only with the username exactly as written: "TEST-ADMIN" is not "test-admin" (it was on MySQL)', async () => {
    const upper = await t.anon.post('/api/auth/sign-in').send({ username: TEST_ADMIN.username.toUpperCase(), password: TEST_ADMIN.password });
    expect(upper.status).toBe(401);
    expect(upper.body.code).toBe('SIGN_IN_FAILED');
    // On MySQL, by the columns' collation (not by a compare in code that a new query could forget).
    if (t.db.kind === 'mysql') {
      const cols: { t: string; c: string; collation: string }[] = await t.dataSource.query(
        'SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLLATION_NAME AS collation FROM information_schema.COLUMNS ' +
          "WHERE TABLE_SCHEMA = DATABASE() AND ((TABLE_NAME = 'ticket' AND COLUMN_NAME IN ('token', 'idempotencyKey')) " +
          "OR (TABLE_NAME = 'staff_account' AND COLUMN_NAME = 'username')) ORDER BY t, c",
      );
      expect(cols).toEqual([
        { t: 'staff_account', c: 'username', collation: 'utf8mb4_bin' },
        { t: 'ticket', c: 'idempotencyKey', collation: 'utf8mb4_bin' },
        { t: 'ticket', c: 'token', collation: 'utf8mb4_bin' },
      ]);
    }
  });

  it('issues a new ticket for an Idempotency-Key differing only in letter case from an earlier one (was a 500 on MySQL)', async () => {
    const key = `Case-Key-${Date.now()}`;
    const send = (k: string) => as('kioskA').post(`/api/halls/${a.hallId}/tickets`).set('Idempotency-Key', k).send({ category: 'enterprise' });
    const lower = await send(key.toLowerCase()).expect(201);
    const upper = await send(key.toUpperCase()).expect(201);
    expect(upper.body.token).not.toBe(lower.body.token);
    expect(upper.body.number).not.toBe(lower.body.number);
    // Each is still its own retry.
    expect((await send(key.toUpperCase()).expect(200)).body.token).toBe(upper.body.token);
    expect((await send(key.toLowerCase()).expect(200)).body.token).toBe(lower.body.token);
    expect(await ticketRows('idempotencyKey IN (?, ?)', [key.toLowerCase(), key.toUpperCase()])).toBe(2);
  });
});
