import { createConnection, type Connection } from 'mysql2/promise';
import { ensureBuiltApi, type ApiProcess } from '../../../scripts/support/built-api';
import { AdminClient, until as waitUntil, type Json } from '../../../scripts/support/admin-client';
import { privateRedis, scratchMysql, startInstances } from '../../../scripts/support/cluster';

/**
 * Redis unreachable (issue 7): two built api processes on one MariaDB schema, with a redis-server of
 * this test's own (so it can be killed and restarted without touching the machine's shared Redis).
 * While Redis is down each instance keeps serving its own clients (REST and its own sockets), says so
 * in /health/ready (still 200) and in its log once; when Redis returns both recover alone.
 * MariaDB always: several instances on one SQLite file is not a supported topology.
 */

const admin = new AdminClient();
const { post, ok } = admin;
const screen = (url: string, hallId: string) => admin.listener(url, { hall: hallId });
const until = (what: string, cond: () => boolean | Promise<boolean>, ms = 20_000) => waitUntil(what, cond, ms);

async function ready(base: string): Promise<{ status: number; body: Json }> {
  const r = await fetch(`${base}/health/ready`);
  return { status: r.status, body: (await r.json()) as Json };
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('Redis unreachable under two api instances', () => {
  let redis: Awaited<ReturnType<typeof privateRedis>>;
  let db: Awaited<ReturnType<typeof scratchMysql>>;
  let conn: Connection;
  let procs: ApiProcess[] = [];
  let screens: ReturnType<typeof screen>[] = [];
  let hallId: string;
  let windows: string[] = [];
  let n = 0;

  beforeAll(async () => {
    ensureBuiltApi();
    redis = await privateRedis();
    db = await scratchMysql(undefined, 'redisdown');
    procs = await startInstances({ n: 2, databaseUrl: db.url, redis: { url: redis.url, prefix: 'hallq-outage' } });
    admin.auth = procs[0].auth;
    conn = await createConnection(db.url);
    const A = procs[0].url;
    hallId = (await ok(post(A, '/api/halls', { name: 'Outage hall', timeZone: 'Asia/Shanghai', opensAt: '00:00', closesAt: '00:00' }), 201)).id;
    const tax = { code: 'tax', prefix: 'C', nameZh: '税务', nameEn: 'Tax', targetWaitSec: 1200, defaultServiceSec: 600, materials: [] };
    await ok(post(A, `/api/halls/${hallId}/categories`, tax), 201);
    for (const label of ['1', '2']) windows.push((await ok(post(A, `/api/halls/${hallId}/windows`, { label, categories: ['tax'], state: 'open' }), 201)).id);
    screens = procs.map((p) => screen(p.url, hallId));
    await until('both screens subscribed', () => screens.every((s) => s.last !== null));
  }, 180_000);

  afterAll(async () => {
    for (const s of screens) s.socket.close();
    await conn?.end();
    await Promise.all(procs.map((p) => p.stop()));
    await redis?.kill();
    await db?.drop();
  });

  /** Issues a ticket on instance i and calls it at window w on the same instance; returns its number. */
  const issueAndCall = async (i: number, w: number): Promise<string> => {
    const base = procs[i].url;
    const t = await ok(post(base, `/api/halls/${hallId}/tickets`, { category: 'tax' }, { 'Idempotency-Key': `k${n++}` }), 201);
    const c = await ok(post(base, `/api/halls/${hallId}/windows/${windows[w]}/call-next`), 200);
    expect(c.number).toBe(t.number);
    await ok(post(base, `/api/halls/${hallId}/windows/${windows[w]}/no-show`), 200);
    return t.number;
  };
  const numbers = (s: ReturnType<typeof screen>) => s.called.map((c) => c.number);

  it('with Redis up, a call on either instance reaches both screens once', async () => {
    for (const p of procs) expect(await ready(p.url)).toMatchObject({ status: 200, body: { details: { redis: { status: 'up' } } } });
    const x = await issueAndCall(0, 0);
    await until('both screens got the call', () => screens.every((s) => numbers(s).includes(x)));
    for (const s of screens) expect(numbers(s)).toEqual([x]);
  });

  it('with Redis killed, each instance keeps serving its own clients, says so in health (200) and logs it once', async () => {
    await redis.kill();
    for (const p of procs) {
      await until('health shows Redis down', async () => (await ready(p.url)).body.details?.redis?.status === 'down');
      const r = await ready(p.url);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'down' } } });
      expect(r.body.details.redis.message).toEqual(expect.any(String));
    }
    const before = screens.map((s) => s.called.length);
    const onA = await issueAndCall(0, 0);
    const onB = await issueAndCall(1, 1);
    // Each instance's own screen gets its own instance's call, once.
    await until('each screen got its own instance call', () => numbers(screens[0]).includes(onA) && numbers(screens[1]).includes(onB));
    expect(screens[0].called.slice(before[0]).map((c) => c.number)).toEqual([onA]);
    expect(screens[1].called.slice(before[1]).map((c) => c.number)).toEqual([onB]);
    // Several seconds of reconnect attempts later, still one line per instance about the outage.
    await new Promise((r) => setTimeout(r, 3000));
    for (const p of procs) expect(count(p.output(), 'Redis unreachable')).toBe(1);
    // Nothing was lost in the rows.
    const rows = (await conn.query("SELECT COUNT(*) AS n FROM ticket_event WHERE hallId = ? AND type = 'called'", [hallId]))[0] as Json[];
    expect(Number(rows[0].n)).toBe(3);
  });

  it('recovers alone when Redis returns: calls reach both screens once again, and seq counts the rows', async () => {
    await redis.start();
    for (const p of procs) {
      await until('health shows Redis up', async () => (await ready(p.url)).body.details?.redis?.status === 'up');
      await until('the log says Redis is back', () => count(p.output(), 'Redis reachable again') === 1);
    }
    // The subscriptions (adapter, event bus) come back with the connections.
    await new Promise((r) => setTimeout(r, 500));
    const before = screens.map((s) => s.called.length);
    const x = await issueAndCall(1, 0);
    await until('both screens got the call', () => screens.every((s) => numbers(s).includes(x)));
    await new Promise((r) => setTimeout(r, 300));
    for (const [i, s] of screens.entries()) expect(s.called.slice(before[i]).map((c) => c.number)).toEqual([x]);
    const rows = Number(((await conn.query('SELECT COUNT(*) AS n FROM ticket_event WHERE hallId = ?', [hallId]))[0] as Json[])[0].n);
    await until('both screens at the newest seq', () => screens.every((s) => s.last?.seq === rows), 5000);
    for (const p of procs) expect(count(p.output(), 'Redis unreachable')).toBe(1);
  });

  it('an instance started while Redis is down serves at once and joins the others when Redis comes', async () => {
    await redis.kill();
    const [late] = await startInstances({ n: 1, databaseUrl: db.url, redis: { url: redis.url, prefix: 'hallq-outage' } });
    procs.push(late);
    expect(await ready(late.url)).toMatchObject({ status: 200, body: { details: { redis: { status: 'down' } } } });
    const s = screen(late.url, hallId);
    screens.push(s);
    await until('the late screen subscribed', () => s.last !== null);
    expect(count(late.output(), 'Redis unreachable')).toBe(1);
    await redis.start();
    await until('the late instance has Redis', async () => (await ready(late.url)).body.details?.redis?.status === 'up');
    for (const p of procs) await until('every instance has Redis', async () => (await ready(p.url)).body.details?.redis?.status === 'up');
    await new Promise((r) => setTimeout(r, 500));
    const x = await issueAndCall(0, 1);
    await until('the late screen got the call made on A', () => numbers(s).includes(x));
    await new Promise((r) => setTimeout(r, 300));
    expect(numbers(s)).toEqual([x]);
  });
});
