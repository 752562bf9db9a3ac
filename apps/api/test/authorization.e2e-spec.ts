import request from 'supertest';
import { ACCESS_LEVELS, type AccessLevel } from '../src/auth/access-policy';
import { ACCESS_EXTENSION } from '../src/auth/access.decorator';
import { createSmallHall, deviceToken, signIn, staffToken, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/**
 * The authorization matrix, generated from the OpenAPI document: every documented route states its
 * access level (x-hallq-access), and is called anonymously, with a wrong role, with another hall's
 * account and with the right role. A route added without an access level, or without an example here
 * for its path parameters and body, fails this test; so does any 5xx.
 */

type Who = 'anonymous' | 'admin' | 'managerA' | 'managerB' | 'clerkA1' | 'clerkA2' | 'clerkB' | 'screenA' | 'kioskA';

/** The least-privileged caller each level must let in, a caller of the same hall it must refuse, and a caller of another hall. */
const RIGHT: Record<AccessLevel, Who> = {
  public: 'anonymous', 'signed-in': 'clerkA1', admin: 'admin', 'hall-manager': 'managerA', 'hall-staff': 'clerkA1',
  'window-clerk': 'clerkA1', 'hall-viewer': 'screenA', 'hall-kiosk': 'kioskA',
};
const WRONG_ROLE: Record<AccessLevel, Who | null> = {
  public: null, 'signed-in': 'screenA', admin: 'managerA', 'hall-manager': 'clerkA1', 'hall-staff': 'screenA',
  'window-clerk': 'clerkA2', 'hall-viewer': null /* every role of the hall may view it */, 'hall-kiosk': 'screenA',
};
const OTHER_HALL: Record<AccessLevel, Who | null> = {
  public: null, 'signed-in': null, admin: null, 'hall-manager': 'managerB', 'hall-staff': 'clerkB',
  'window-clerk': 'managerB', 'hall-viewer': 'managerB', 'hall-kiosk': 'clerkB',
};

describe('authorization matrix (from the OpenAPI document)', () => {
  let t: TestApp;
  let a: SmallHall;
  let b: SmallHall;
  const tokens: Partial<Record<Who, string>> = {};
  let params: Record<string, string>;
  let examples: Record<string, { body?: object; query?: Record<string, string> }>;

  beforeAll(async () => {
    // The matrix signs in many accounts and issues as the public from one address.
    t = await startTestApp({ env: { HALLQ_RATE_ISSUE_PER_ADDRESS: '1000', HALLQ_RATE_SIGNIN_PER_ADDRESS: '1000' } });
    a = await createSmallHall(t);
    b = await createSmallHall(t);
    tokens.admin = t.adminToken;
    tokens.managerA = await staffToken(t, 'manager', { hallIds: [a.hallId] });
    tokens.managerB = await staffToken(t, 'manager', { hallIds: [b.hallId] });
    tokens.clerkA1 = await staffToken(t, 'clerk', { windowIds: [a.windows['1']] });
    tokens.clerkA2 = await staffToken(t, 'clerk', { windowIds: [a.windows['2']] });
    tokens.clerkB = await staffToken(t, 'clerk', { windowIds: [b.windows['1']] });
    tokens.screenA = await deviceToken(t, a.hallId, 'screen');
    tokens.kioskA = await deviceToken(t, a.hallId, 'kiosk');
    const ticket = await t.http.post(`/api/halls/${a.hallId}/tickets`).send({ category: 'enterprise' }).expect(201);
    const spare = await t.http
      .post('/api/accounts')
      .send({ username: 'spare-account', role: 'clerk', password: 'spare-password', windowIds: [a.windows['3']] })
      .expect(201);
    const device = await t.http.post(`/api/halls/${a.hallId}/devices`).send({ kind: 'kiosk', label: 'spare' }).expect(201);
    params = {
      hallId: a.hallId, windowId: a.windows['1'], category: 'enterprise', token: ticket.body.token,
      alertId: '999999', accountId: spare.body.id, deviceId: device.body.id,
    };
    const day = { from: '2026-11-30', to: '2026-11-30' };
    const action = { kind: 'open', windowId: a.windows['3'], category: 'tax', categories: ['tax'] };
    // Bodies and queries that pass validation, so the right caller reaches the handler.
    examples = {
      'POST /api/auth/sign-in': { body: { username: 'spare-account', password: 'spare-password' } },
      'POST /api/accounts': { body: { username: `acct-${Date.now()}`, role: 'manager', password: 'a-long-password', hallIds: [a.hallId] } },
      'PATCH /api/accounts/{accountId}': { body: { displayName: 'Spare' } },
      'POST /api/halls': { body: { name: 'Another hall', timeZone: 'Asia/Shanghai' } },
      'PATCH /api/halls/{hallId}': { body: { name: 'Test hall' } },
      'POST /api/halls/{hallId}/categories': {
        body: { code: `c${Date.now() % 100000}`, prefix: 'D', nameZh: '其他', nameEn: 'Other', targetWaitSec: 900, defaultServiceSec: 300, materials: [] },
      },
      'PATCH /api/halls/{hallId}/categories/{category}': { body: { nameEn: 'Enterprise' } },
      'POST /api/halls/{hallId}/windows': { body: { label: `W${Date.now() % 100000}`, categories: ['tax'] } },
      'PATCH /api/halls/{hallId}/windows/{windowId}': { body: { categories: ['enterprise'] } },
      'POST /api/halls/{hallId}/tickets': { body: { category: 'social', channel: 'web' } },
      'POST /api/halls/{hallId}/devices': { body: { kind: 'screen', label: 'matrix' } },
      'POST /api/halls/{hallId}/windows/{windowId}/call': { body: { number: 'A001', reason: 'matrix test' } },
      'POST /api/halls/{hallId}/windows/{windowId}/transfer': { body: { category: 'social' } },
      'POST /api/halls/{hallId}/windows/{windowId}/pause': { body: { reason: 'matrix test' } },
      'POST /api/halls/{hallId}/windows/{windowId}/rating': { body: { score: 5 } },
      'POST /api/tickets/{token}/rating': { body: { score: 5 } },
      'POST /api/halls/{hallId}/advice/apply': { body: action },
      'POST /api/halls/{hallId}/advice/dismiss': { body: action },
      'PUT /api/halls/{hallId}/staff': { body: { clerksOnDuty: 3 } },
      'POST /api/halls/{hallId}/what-if': { body: { windows: [{ windowId: a.windows['3'], categories: ['tax'] }] } },
      'GET /api/halls/{hallId}/reports/day': { query: day },
      'GET /api/halls/{hallId}/reports/day.csv': { query: day },
      'GET /api/halls/{hallId}/ratings': { query: day },
    };
  });
  afterAll(() => t.close());

  it('covers every documented route with a known access level and a status table', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
    expect(routes.length).toBeGreaterThan(40);
    const problems: string[] = [];
    const table: string[] = [];
    // Sign-out ends the caller's session, so it goes last.
    routes.sort((x, y) => Number(x.path.endsWith('/sign-out')) - Number(y.path.endsWith('/sign-out')));
    for (const { path, method, op } of routes) {
      const id = `${method} ${path}`;
      const level = op[ACCESS_EXTENSION] as AccessLevel | undefined;
      if (!level || !ACCESS_LEVELS.includes(level)) {
        problems.push(`${id}: no ${ACCESS_EXTENSION} (add @Access(...) or @Public() to the handler)`);
        continue;
      }
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const missing = names.filter((n) => !(n in params));
      if (missing.length) {
        problems.push(`${id}: add an example value for path parameter(s) ${missing.join(', ')} to this test`);
        continue;
      }
      if (op.requestBody && !examples[id]?.body) {
        problems.push(`${id}: add an example body for it to this test`);
        continue;
      }
      const url = path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(params[n]));
      const call = async (who: Who) => {
        let r = request(t.app.getHttpServer())[method.toLowerCase() as 'get'](url);
        if (who !== 'anonymous') r = r.set('Authorization', `Bearer ${tokens[who]}`);
        if (examples[id]?.query) r = r.query(examples[id].query!);
        if (examples[id]?.body) r = r.send(examples[id].body!);
        return (await r).status;
      };
      const row: string[] = [id, level];
      const expectStatus = async (who: Who | null, want: (s: number) => boolean, what: string) => {
        if (!who) return row.push('-');
        const s = await call(who);
        row.push(`${who}:${s}`);
        if (s >= 500) problems.push(`${id} as ${who}: ${s}`);
        else if (!want(s)) problems.push(`${id} as ${who}: expected ${what}, got ${s}`);
      };
      await expectStatus(level === 'public' ? null : 'anonymous', (s) => s === 401, '401');
      await expectStatus(WRONG_ROLE[level], (s) => s === 403, '403');
      await expectStatus(OTHER_HALL[level], (s) => s === 403, '403');
      // Past the guard: anything but 401/403. GETs must succeed outright.
      await expectStatus(RIGHT[level], (s) => s !== 401 && s !== 403 && (method !== 'GET' || s < 300), method === 'GET' ? '2xx' : 'not 401/403');
      table.push(row.join('  '));
    }
    if (problems.length) throw new Error(`authorization matrix:\n  ${problems.join('\n  ')}\n\nchecked:\n  ${table.join('\n  ')}`);
  });

  it('signs in, names the caller, and signs out for good', async () => {
    const token = await signIn(t.app, 'spare-account', 'spare-password');
    const me = await t.anon.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ username: 'spare-account', role: 'clerk', windowIds: [a.windows['3']] });
    expect(me.body).not.toHaveProperty('passwordHash');
    await t.anon.post('/api/auth/sign-out').set('Authorization', `Bearer ${token}`).expect(204);
    const after = await t.anon.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(after.body).toMatchObject({ code: 'TOKEN_INVALID', message: expect.stringContaining('sign in again') });
    await t.anon.get('/api/auth/me').set('Authorization', 'Bearer not-a-token').expect(401);
  });

  it('locks an account after repeated failures, and an admin can unlock it', async () => {
    await t.http.post('/api/accounts').send({ username: 'lock-me', role: 'manager', password: 'right-password', hallIds: [a.hallId] }).expect(201);
    for (let i = 0; i < 4; i++) {
      const r = await t.anon.post('/api/auth/sign-in').send({ username: 'lock-me', password: 'wrong' }).expect(401);
      expect(r.body).toEqual({ statusCode: 401, code: 'SIGN_IN_FAILED', message: 'Wrong username or password.' });
    }
    const locked = await t.anon.post('/api/auth/sign-in').send({ username: 'lock-me', password: 'wrong' }).expect(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    // Even the right password waits out the lock.
    await t.anon.post('/api/auth/sign-in').send({ username: 'lock-me', password: 'right-password' }).expect(429);
    const list = await t.http.get('/api/accounts').expect(200);
    const acct = list.body.find((x: { username: string }) => x.username === 'lock-me');
    expect(acct.lockedUntil).toBeGreaterThan(Date.now());
    await t.http.patch(`/api/accounts/${acct.id}`).send({ unlock: true }).expect(200);
    await t.anon.post('/api/auth/sign-in').send({ username: 'lock-me', password: 'right-password' }).expect(200);
  });

  it('refuses a scope the role does not have, instead of dropping it, and writes nothing', async () => {
    const cases = [
      [{ role: 'manager', hallIds: [a.hallId], windowIds: [a.windows['1']] }, /manager is given halls, not windows/],
      [{ role: 'clerk', windowIds: [a.windows['1']], hallIds: [b.hallId] }, /clerk is given windows/],
      [{ role: 'admin', hallIds: [a.hallId] }, /admin has every hall/],
    ] as const;
    for (const [scope, message] of cases) {
      const r = await t.http.post('/api/accounts').send({ username: `scoped-${scope.role}`, password: 'a-long-password', ...scope }).expect(400);
      expect(r.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
    }
    const list = await t.http.get('/api/accounts').expect(200);
    expect(list.body.filter((x: { username: string }) => x.username.startsWith('scoped-'))).toEqual([]);
    // The same on a change: a clerk given halls stays as it was.
    const clerk = await t.http
      .post('/api/accounts')
      .send({ username: 'scoped-ok', role: 'clerk', password: 'a-long-password', windowIds: [a.windows['1']] })
      .expect(201);
    await t.http.patch(`/api/accounts/${clerk.body.id}`).send({ hallIds: [b.hallId] }).expect(400);
    const after = (await t.http.get('/api/accounts').expect(200)).body.find((x: { id: string }) => x.id === clerk.body.id);
    expect(after).toMatchObject({ hallIds: [a.hallId], windowIds: [a.windows['1']] });
  });

  it('ends every session of an account whose password changes or which is disabled', async () => {
    await t.http.post('/api/accounts').send({ username: 'leaver', role: 'clerk', password: 'first-password', windowIds: [a.windows['1']] }).expect(201);
    const token = await signIn(t.app, 'leaver', 'first-password');
    const list = await t.http.get('/api/accounts').expect(200);
    const id = list.body.find((x: { username: string }) => x.username === 'leaver').id;
    await t.http.patch(`/api/accounts/${id}`).send({ disabled: true }).expect(200);
    await t.anon.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await t.anon.post('/api/auth/sign-in').send({ username: 'leaver', password: 'first-password' }).expect(401);
  });

  it('keeps kiosk tickets for kiosks: anonymous phones issue on the web channel, a revoked kiosk is refused', async () => {
    const anon = await t.anon.post(`/api/halls/${a.hallId}/tickets`).send({ category: 'tax' }).expect(201);
    expect(anon.body.channel ?? 'web').toBe('web');
    const refused = await t.anon.post(`/api/halls/${a.hallId}/tickets`).send({ category: 'tax', channel: 'kiosk' }).expect(403);
    expect(refused.body.message).toContain('registered kiosk');
    const kiosk = await t.http.post(`/api/halls/${a.hallId}/devices`).send({ kind: 'kiosk', label: 'door' }).expect(201);
    await t.anon.post(`/api/halls/${a.hallId}/tickets`).set('Authorization', `Bearer ${kiosk.body.token}`).send({ category: 'tax' }).expect(201);
    await t.anon.post(`/api/halls/${b.hallId}/tickets`).set('Authorization', `Bearer ${kiosk.body.token}`).send({ category: 'tax' }).expect(403);
    await t.http.post(`/api/halls/${a.hallId}/devices/${kiosk.body.id}/revoke`).expect(200);
    const revoked = await t.anon
      .post(`/api/halls/${a.hallId}/tickets`)
      .set('Authorization', `Bearer ${kiosk.body.token}`)
      .send({ category: 'tax' })
      .expect(401);
    expect(revoked.body.code).toBe('TOKEN_INVALID');
  });
});

describe('rate limits', () => {
  let t: TestApp;
  let a: SmallHall;
  beforeAll(async () => {
    t = await startTestApp({ env: { HALLQ_RATE_ISSUE_PER_ADDRESS: '3', HALLQ_RATE_ISSUE_PER_DEVICE: '4', HALLQ_RATE_SIGNIN_PER_ADDRESS: '5' } });
    a = await createSmallHall(t);
  });
  afterAll(() => t.close());

  it('limits anonymous issuing per address and kiosks per device, with Retry-After, and writes nothing when refusing', async () => {
    for (let i = 0; i < 3; i++) await t.anon.post(`/api/halls/${a.hallId}/tickets`).send({ category: 'tax' }).expect(201);
    const over = await t.anon.post(`/api/halls/${a.hallId}/tickets`).send({ category: 'tax' }).expect(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.body).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('try again') });
    const kiosk = await deviceToken(t, a.hallId, 'kiosk');
    for (let i = 0; i < 4; i++) {
      await t.anon.post(`/api/halls/${a.hallId}/tickets`).set('Authorization', `Bearer ${kiosk}`).send({ category: 'tax' }).expect(201);
    }
    await t.anon.post(`/api/halls/${a.hallId}/tickets`).set('Authorization', `Bearer ${kiosk}`).send({ category: 'tax' }).expect(429);
    // Staff are not limited: they are accountable by name.
    for (let i = 0; i < 5; i++) await t.http.post(`/api/halls/${a.hallId}/tickets`).send({ category: 'tax' }).expect(201);
    const rows = await t.dataSource.query('SELECT COUNT(*) AS n FROM ticket WHERE hallId = ?', [a.hallId]);
    expect(Number(rows[0].n)).toBe(3 + 4 + 5);
  });

  it('limits sign-in attempts per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.anon.post('/api/auth/sign-in').send({ username: `nobody-${i}`, password: 'x' })).status);
    // 5 a minute; the test admin's own sign-in at start was the first.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
