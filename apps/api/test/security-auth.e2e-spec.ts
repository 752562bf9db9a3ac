import request from 'supertest';
import { io, type Socket } from 'socket.io-client';
import { createSmallHall, signIn, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/**
 * Issue 14, the sign-in items: lock-out counted and checked in one step per (username, address), known
 * and unknown usernames answered alike, staff sockets closed when their sign-in ends, and the citizen's
 * own rating winning over the counter pad.
 */
// Three, not the default five: each wrong password costs an argon2 check, and the machine is shared.
const MAX_FAILURES = 3;
// Addresses come from X-Forwarded-For (HALLQ_TRUST_PROXY), as behind the hall's load balancer; the
// per-address rate limit is raised so these tests see the lock-out, not the rate limit.
// The bursts keep the event loop busy on a shared machine: the MySQL circuit breaker's ping gets more
// time, so a late timer is not taken for a lost database (the breaker is not what is tested here).
const ENV = {
  HALLQ_TRUST_PROXY: 'true', HALLQ_RATE_SIGNIN_PER_ADDRESS: '100000', HALLQ_SIGNIN_MAX_FAILURES: String(MAX_FAILURES), HALLQ_DB_PROBE_TIMEOUT_MS: '5000',
};

type Answer = { status: number; body: { code?: string; message?: string; token?: string } };

const attempt = (t: TestApp, username: string, password: string, address: string): Promise<Answer> =>
  request(t.app.getHttpServer()).post('/api/auth/sign-in').set('X-Forwarded-For', address).send({ username, password })
    .then((r) => ({ status: r.status, body: r.body }));

const statuses = (answers: Answer[]) => answers.reduce<Record<number, number>>((m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }), {});

async function account(t: TestApp, h: SmallHall, username: string, password = `${username}-password`): Promise<{ id: string; password: string }> {
  const r = await t.http.post('/api/accounts').send({ username, role: 'clerk', password, windowIds: [h.windows['1']] }).expect(201);
  return { id: r.body.id, password };
}

/** A /live client that records what it receives and why it was disconnected. */
class LiveClient {
  readonly socket: Socket;
  readonly received: string[] = [];
  disconnectReason: string | null = null;

  constructor(url: string, token: string) {
    this.socket = io(`${url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
    this.socket.onAny((event) => this.received.push(event));
    this.socket.on('disconnect', (reason) => (this.disconnectReason = reason));
  }

  async subscribe(payload: unknown): Promise<{ ok: boolean; code?: string }> {
    if (!this.socket.connected) await new Promise<void>((res, rej) => (this.socket.once('connect', () => res()), this.socket.once('connect_error', rej)));
    return this.socket.timeout(5000).emitWithAck('subscribe', payload);
  }

  async closedByServer(ms = 5_000): Promise<string | null> {
    for (let waited = 0; this.disconnectReason === null && waited < ms; waited += 20) await new Promise((r) => setTimeout(r, 20));
    return this.disconnectReason;
  }
}

describe('security: sign-in and lock-out', () => {
  let t: TestApp;
  let h: SmallHall;

  beforeAll(async () => {
    t = await startTestApp({ env: ENV });
    h = await createSmallHall(t);
  });
  afterAll(() => t.close());

  it('checks at most the allowed number of wrong passwords under 100 parallel sign-ins, then not even the right one', async () => {
    const clerk = await account(t, h, 'burst-clerk');
    const burst = await Promise.all(Array.from({ length: 100 }, () => attempt(t, 'burst-clerk', 'wrong-password', '10.1.0.1')));
    const counts = statuses(burst);
    expect((counts[401] ?? 0)).toBeLessThanOrEqual(MAX_FAILURES);
    expect((counts[401] ?? 0) + (counts[429] ?? 0)).toBe(100);
    expect(burst.filter((a) => a.status === 429).every((a) => a.body.code === 'ACCOUNT_LOCKED')).toBe(true);
    // The count in the database never went past the limit: no more password checks than that ran.
    const rows = await t.dataSource.query('SELECT failures FROM sign_in_failure WHERE subject = ?', [`account:${clerk.id}`]);
    expect(rows.map((r: { failures: number }) => Number(r.failures))).toEqual([MAX_FAILURES]);
    // A burst of 40 with the right password in the middle: locked, nobody signs in.
    const second = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(t, 'burst-clerk', i === 20 ? clerk.password : 'wrong-password', '10.1.0.1')));
    expect(statuses(second)).toEqual({ 429: 40 });
  });

  it('counts each address apart: 60 parallel from 6 addresses check at most the limit per address', async () => {
    const clerk = await account(t, h, 'spread-clerk');
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(t, 'spread-clerk', 'wrong-password', `10.2.0.${i % 6}`)));
    expect(statuses(burst)[401] ?? 0).toBeLessThanOrEqual(6 * MAX_FAILURES);
    expect(burst.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    const rows = await t.dataSource.query('SELECT failures FROM sign_in_failure WHERE subject = ?', [`account:${clerk.id}`]);
    expect(rows).toHaveLength(6);
    expect(rows.every((r: { failures: number }) => Number(r.failures) <= MAX_FAILURES)).toBe(true);
    expect((await attempt(t, 'spread-clerk', clerk.password, '10.2.0.3')).status).toBe(429);
  });

  it('does not lock the person out from elsewhere: the same account signs in from another address', async () => {
    const admin2 = await t.http.post('/api/accounts').send({ username: 'second-admin', role: 'admin', password: 'second-admin-password' }).expect(201);
    for (let i = 0; i < MAX_FAILURES + 3; i++) await attempt(t, 'second-admin', 'guess', '203.0.113.9');
    expect((await attempt(t, 'second-admin', 'second-admin-password', '203.0.113.9')).body.code).toBe('ACCOUNT_LOCKED');
    const home = await attempt(t, 'second-admin', 'second-admin-password', '10.3.0.1');
    expect(home.status).toBe(200);
    expect(home.body.token).toEqual(expect.any(String));
    // The admin sees the lock on the account list, and `unlock: true` lifts it for every address.
    const listed = (await t.http.get('/api/accounts').expect(200)).body.find((a: { id: string }) => a.id === admin2.body.id);
    expect(listed.lockedUntil).toBeGreaterThan(Date.now());
    await t.http.patch(`/api/accounts/${admin2.body.id}`).send({ unlock: true }).expect(200);
    expect((await attempt(t, 'second-admin', 'second-admin-password', '203.0.113.9')).status).toBe(200);
  });

  it('answers unknown and known usernames alike, lock included', async () => {
    await account(t, h, 'known-name');
    const run = async (username: string) => {
      const out: Answer[] = [];
      for (let i = 0; i < MAX_FAILURES + 2; i++) out.push(await attempt(t, username, 'not-the-password', '198.51.100.7'));
      return out.map((a) => ({ status: a.status, code: a.body.code, message: a.body.message }));
    };
    const known = await run('known-name');
    const unknown = await run('no-such-name');
    expect(unknown).toEqual(known);
    // The failure that uses up the checks already answers the lock, as before.
    expect(known.map((a) => a.status)).toEqual([...Array(MAX_FAILURES - 1).fill(401), 429, 429, 429]);
    expect(known[MAX_FAILURES - 1].code).toBe('ACCOUNT_LOCKED');
    expect(known[0]).toEqual({ status: 401, code: 'SIGN_IN_FAILED', message: 'Wrong username or password.' });
  });

  it('holds the limit across two instances on one database', async () => {
    const clerk = await account(t, h, 'two-instance-clerk');
    const other = await startTestApp({ db: t.db, env: ENV });
    try {
      const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(i % 2 ? other : t, 'two-instance-clerk', 'wrong-password', '10.4.0.1')));
      expect(statuses(burst)[401] ?? 0).toBeLessThanOrEqual(MAX_FAILURES);
      expect((await attempt(other, 'two-instance-clerk', clerk.password, '10.4.0.1')).status).toBe(429);
      expect((await attempt(other, 'two-instance-clerk', clerk.password, '10.4.0.2')).status).toBe(200);
    } finally {
      await other.close({ keepDatabase: true });
    }
  });
});

describe('security: staff sockets end with their sign-in', () => {
  let t: TestApp;
  let h: SmallHall;
  const clients: LiveClient[] = [];
  const live = (app: TestApp, token: string) => {
    const c = new LiveClient(app.url, token);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp();
    h = await createSmallHall(t);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.socket.close();
  });
  afterAll(() => t.close());

  it('closes a signed-out clerk\'s /live socket, and only that sign-in\'s', async () => {
    await account(t, h, 'socket-clerk');
    const token = await signIn(t.app, 'socket-clerk', 'socket-clerk-password');
    const otherSession = await signIn(t.app, 'socket-clerk', 'socket-clerk-password');
    const c = live(t, token);
    const stays = live(t, otherSession);
    expect(await c.subscribe({ window: h.windows['1'] })).toEqual({ ok: true });
    expect(await c.subscribe({ hall: h.hallId })).toEqual({ ok: true });
    expect(await stays.subscribe({ window: h.windows['1'] })).toEqual({ ok: true });
    await t.anon.post('/api/auth/sign-out').set('Authorization', `Bearer ${token}`).expect(204);
    expect(await c.closedByServer()).toBe('io server disconnect');
    expect(stays.disconnectReason).toBeNull();
    const again = live(t, token);
    expect(await again.subscribe({ hall: h.hallId })).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
  });

  it('closes every socket of an account an admin disables, or gives a new password', async () => {
    const manager = await t.http.post('/api/accounts')
      .send({ username: 'socket-manager', role: 'manager', password: 'socket-manager-pw', hallIds: [h.hallId] }).expect(201);
    const watch = async () => {
      const c = live(t, await signIn(t.app, 'socket-manager', 'socket-manager-pw'));
      expect(await c.subscribe({ hall: h.hallId })).toEqual({ ok: true });
      expect(await c.subscribe({ manager: h.hallId })).toEqual({ ok: true });
      return c;
    };
    const [a, b] = [await watch(), await watch()];
    await t.http.patch(`/api/accounts/${manager.body.id}`).send({ password: 'a-new-password-1' }).expect(200);
    expect([await a.closedByServer(), await b.closedByServer()]).toEqual(['io server disconnect', 'io server disconnect']);

    await t.http.patch(`/api/accounts/${manager.body.id}`).send({ password: 'socket-manager-pw' }).expect(200);
    const c = await watch();
    const admin = live(t, t.adminToken);
    expect(await admin.subscribe({ hall: h.hallId })).toEqual({ ok: true });
    await t.http.patch(`/api/accounts/${manager.body.id}`).send({ disabled: true }).expect(200);
    expect(await c.closedByServer()).toBe('io server disconnect');
    const heard = c.received.length;
    await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', 'after-disable').send({ category: 'tax', channel: 'kiosk' }).expect(201);
    await new Promise((r) => setTimeout(r, 300));
    expect(c.received.length).toBe(heard);
    expect(admin.disconnectReason).toBeNull();
  });
});

describe("security: the citizen's own rating wins over the counter pad", () => {
  let t: TestApp;
  let h: SmallHall;
  let clerk: string;
  const act = (action: string) => t.anon.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/${action}`).set('Authorization', `Bearer ${clerk}`);
  const pad = (score: number) => act('rating').send({ score });
  const serve = async (key: string) => {
    t.clock.advance(60_000);
    const ticket = await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', key)
      .send({ category: 'enterprise', channel: 'kiosk' }).expect(201);
    await act('call-next').expect(200);
    await act('start').expect(200);
    await act('finish').expect(200);
    return ticket.body as { id: string; token: string };
  };
  const rows = (ticketId: string) => t.dataSource.query('SELECT score, source FROM rating WHERE ticketId = ?', [ticketId]);

  beforeAll(async () => {
    t = await startTestApp();
    h = await createSmallHall(t);
    await account(t, h, 'rating-clerk');
    clerk = await signIn(t.app, 'rating-clerk', 'rating-clerk-password');
  });
  afterAll(() => t.close());

  it("lets the phone's rating replace one the clerk entered first on the pad route", async () => {
    const ticket = await serve('rated-1');
    expect((await pad(5).expect(201)).body).toMatchObject({ ticketId: ticket.id, score: 5 });
    const phone = await t.anon.post(`/api/tickets/${ticket.token}/rating`).send({ score: 1, reasons: ['not_resolved'] }).expect(201);
    expect(phone.body).toMatchObject({ ticketId: ticket.id, score: 1, reasons: ['not_resolved'], source: 'phone' });
    expect((await rows(ticket.id)).map((r: { score: number; source: string }) => [Number(r.score), r.source])).toEqual([[1, 'phone']]);
    // Neither the pad nor a second phone rating can change the citizen's.
    expect((await pad(5).expect(409)).body.code).toBe('DUPLICATE');
    expect((await t.anon.post(`/api/tickets/${ticket.token}/rating`).send({ score: 5 }).expect(409)).body.code).toBe('DUPLICATE');
    expect((await rows(ticket.id)).map((r: { score: number }) => Number(r.score))).toEqual([1]);
  });

  it('keeps a pad rating when the citizen does not rate on the phone, and counts it once', async () => {
    const ticket = await serve('rated-2');
    await pad(4).expect(201);
    expect((await pad(2).expect(409)).body.code).toBe('DUPLICATE');
    expect((await rows(ticket.id)).map((r: { score: number; source: string }) => [Number(r.score), r.source])).toEqual([[4, 'pad']]);
  });
});
