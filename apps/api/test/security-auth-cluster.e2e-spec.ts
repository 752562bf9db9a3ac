import { io, type Socket } from 'socket.io-client';
import { ensureBuiltApi, type ApiProcess } from '../../../scripts/support/built-api';
import { dropRedisPrefix, redisUrl, scratchMysql, startInstances, uniqueRedisPrefix } from '../../../scripts/support/cluster';

/**
 * Issue 14, item 7 across instances: two built api processes on one MariaDB schema and one Redis. A
 * staff sign-in ended on one instance (sign-out, account disabled) closes its /live socket held by the
 * other. Always on MariaDB, like scale-out.e2e-spec.ts: several instances on one SQLite file is not a
 * supported topology.
 */
describe('security: a sign-in ended on one instance closes its sockets on the other', () => {
  const redis = { url: redisUrl(), prefix: uniqueRedisPrefix('security-auth') };
  let db: Awaited<ReturnType<typeof scratchMysql>>;
  let procs: ApiProcess[] = [];
  const sockets: Socket[] = [];
  let hallId: string;

  const call = async (p: ApiProcess, method: string, path: string, body?: unknown, token?: string) => {
    const r = await fetch(`${p.url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? p.adminToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };

  /** Signs `username` in on `p`, watches the hall on `q`; resolves with the socket and why it closed. */
  const watch = async (p: ApiProcess, q: ApiProcess, username: string) => {
    const signIn = await call(p, 'POST', '/auth/sign-in', { username, password: `${username}-password` });
    expect(signIn.status).toBe(200);
    const socket = io(`${q.url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: signIn.body.token } });
    sockets.push(socket);
    const closed = { reason: null as string | null };
    socket.on('disconnect', (reason) => (closed.reason = reason));
    await new Promise<void>((res, rej) => (socket.once('connect', () => res()), socket.once('connect_error', rej)));
    expect(await socket.timeout(5000).emitWithAck('subscribe', { hall: hallId })).toEqual({ ok: true });
    const closedByServer = async () => {
      for (let waited = 0; closed.reason === null && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      return closed.reason;
    };
    return { token: signIn.body.token as string, closedByServer };
  };

  beforeAll(async () => {
    ensureBuiltApi();
    db = await scratchMysql(undefined, 'authsock');
    procs = await startInstances({ n: 2, databaseUrl: db.url, redis });
    const hall = await call(procs[0], 'POST', '/halls', { name: 'Auth hall', timeZone: 'Asia/Shanghai', opensAt: '00:00', closesAt: '23:59' });
    expect(hall.status).toBe(201);
    hallId = hall.body.id;
    for (const username of ['far-manager', 'far-disabled']) {
      const r = await call(procs[0], 'POST', '/accounts', { username, role: 'manager', password: `${username}-password`, hallIds: [hallId] });
      expect(r.status).toBe(201);
    }
  }, 240_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(procs.map((p) => p.stop()));
    await db?.drop();
    await dropRedisPrefix(redis.url, redis.prefix);
  });

  it('signs out on instance 1; the socket held by instance 2 closes', async () => {
    const w = await watch(procs[0], procs[1], 'far-manager');
    expect((await call(procs[0], 'POST', '/auth/sign-out', undefined, w.token)).status).toBe(204);
    expect(await w.closedByServer()).toBe('io server disconnect');
  });

  it('disables the account on instance 2; its socket held by instance 1 closes', async () => {
    const w = await watch(procs[0], procs[0], 'far-disabled');
    const accounts = await call(procs[1], 'GET', '/accounts');
    const id = accounts.body.find((a: { username: string }) => a.username === 'far-disabled').id;
    expect((await call(procs[1], 'PATCH', `/accounts/${id}`, { disabled: true })).status).toBe(200);
    expect(await w.closedByServer()).toBe('io server disconnect');
  });
});
