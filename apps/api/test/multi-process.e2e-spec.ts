import { createConnection, type Connection } from 'mysql2/promise';
import { ensureBuiltApi, spawnApi, type ApiProcess } from '../../../scripts/support/built-api';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * Numbering, calling and idempotent retries under concurrency, checked in the rows.
 *
 * On MariaDB/MySQL (DATABASE_URL=mysql://...): two api processes (the built app, child processes, each
 * on its own port) share one scratch database, and every scenario splits its requests across both.
 * SQLite is single-instance by design (one process owns the file), so there the same scenarios run
 * against one in-process app: the concurrency inside one process, not skipped.
 */
const onMysql = /^(mysql|mariadb):\/\//.test(process.env.DATABASE_URL ?? '');

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

interface Instances {
  /** Base URLs of the api instances; requests are spread over them round robin. */
  bases: string[];
  query: Query;
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** The signed-in admin's Authorization header, set when the instances start (every instance accepts it). */
let authorization = '';

async function post(base: string, path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Reply> {
  const r = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization, ...headers },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function ok(p: Promise<Reply>, status: number): Promise<Record<string, unknown>> {
  const r = await p;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

interface Hall {
  hallId: string;
  /** code -> category id */
  categories: Record<string, string>;
  /** label -> window id */
  windows: Record<string, string>;
}

const CODES = ['enterprise', 'social', 'tax'] as const;

/** A hall open around the clock (the child processes run on the real clock), every window serving all three categories. */
async function createHall(base: string, name: string, windowCount: number): Promise<Hall> {
  const hall = await ok(post(base, '/api/halls', { name, timeZone: 'Asia/Shanghai', opensAt: '00:00', closesAt: '00:00' }), 201);
  const hallId = hall.id as string;
  const categories: Record<string, string> = {};
  for (const [i, code] of CODES.entries()) {
    const c = await ok(post(base, `/api/halls/${hallId}/categories`, {
      code, prefix: 'ABC'[i], nameZh: code, nameEn: code, targetWaitSec: 1200, defaultServiceSec: 600, materials: [],
    }), 201);
    categories[code] = c.id as string;
  }
  const windows: Record<string, string> = {};
  for (let i = 1; i <= windowCount; i++) {
    const w = await ok(post(base, `/api/halls/${hallId}/windows`, { label: String(i), categories: [...CODES], state: 'open' }), 201);
    windows[String(i)] = w.id as string;
  }
  return { hallId, categories, windows };
}

function issue(base: string, hallId: string, category: string, key: string): Promise<Reply> {
  return post(base, `/api/halls/${hallId}/tickets`, { category, priority: 'normal', channel: 'kiosk' }, { 'Idempotency-Key': key });
}

/** Per category of a hall: the numbers in the rows are 1..n, no gap and no repeat, and the counter says n. */
async function expectConsecutive(q: Query, h: Hall): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const code of CODES) {
    const rows = await q('SELECT seq, number FROM ticket WHERE hallId = ? AND issuedCategoryId = ? ORDER BY seq', [h.hallId, h.categories[code]]);
    const seqs = rows.map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    const counter = await q('SELECT SUM(lastSeq) AS n FROM ticket_counter WHERE hallId = ? AND categoryId = ?', [h.hallId, h.categories[code]]);
    expect(Number(counter[0]?.n ?? 0)).toBe(rows.length);
    counts[code] = rows.length;
  }
  return counts;
}

function scenarios(setup: () => Instances) {
  let hall: Hall;

  it('500 concurrent issues across 3 categories get unique, consecutive numbers per category', async () => {
    const { bases, query } = setup();
    hall = await createHall(bases[0], 'Numbering hall', 1);
    const replies = await Promise.all(
      Array.from({ length: 500 }, (_, i) => issue(bases[i % bases.length], hall.hallId, CODES[i % 3], `num-${i}`)),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));

    const counts = await expectConsecutive(query, hall);
    expect(counts).toEqual({ enterprise: 167, social: 167, tax: 166 });
    // Every answer is the row that was written, and every ticket has its "issued" event.
    const rows = await query('SELECT id, number FROM ticket WHERE hallId = ?', [hall.hallId]);
    const numberOf = new Map(rows.map((r) => [r.id, r.number]));
    for (const r of replies) expect(numberOf.get(r.body.id)).toBe(r.body.number);
    const issued = await query("SELECT COUNT(DISTINCT ticketId) AS n, COUNT(*) AS c FROM ticket_event WHERE hallId = ? AND type = 'issued'", [hall.hallId]);
    expect(Number(issued[0].n)).toBe(500);
    expect(Number(issued[0].c)).toBe(500);
  });

  it('kiosk retries with one Idempotency-Key, sent to every instance at once, make one ticket', async () => {
    const { bases, query } = setup();
    const keys = Array.from({ length: 20 }, (_, i) => `retry-${i}`);
    const replies = await Promise.all(
      keys.flatMap((key) => Array.from({ length: 4 }, (_, j) => issue(bases[j % bases.length], hall.hallId, 'tax', key).then((r) => ({ key, ...r })))),
    );
    for (const key of keys) {
      const mine = replies.filter((r) => r.key === key);
      expect(mine.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(mine.map((r) => r.body.id)).size).toBe(1);
      expect(new Set(mine.map((r) => r.body.number)).size).toBe(1);
    }
    const rows = await query(
      'SELECT idempotencyKey, COUNT(*) AS n FROM ticket WHERE hallId = ? AND idempotencyKey LIKE ? GROUP BY idempotencyKey',
      [hall.hallId, 'retry-%'],
    );
    expect(rows).toHaveLength(20);
    for (const r of rows) expect(Number(r.n)).toBe(1);
    // The losers' rolled-back transactions left no gap in the numbers.
    const counts = await expectConsecutive(query, hall);
    expect(counts.tax).toBe(166 + 20);
  });

  it('8 windows calling next concurrently over 200 waiting tickets call each ticket exactly once', async () => {
    const { bases, query } = setup();
    const h = await createHall(bases[0], 'Calling hall', 8);
    const issued = await Promise.all(Array.from({ length: 200 }, (_, i) => ok(issue(bases[i % bases.length], h.hallId, CODES[i % 3], `call-${i}`), 201)));
    expect(new Set(issued.map((t) => t.id)).size).toBe(200);

    const calledBy = new Map<string, string[]>();
    const act = (label: string, n: number, action: string) => post(bases[n % bases.length], `/api/halls/${h.hallId}/windows/${h.windows[label]}/${action}`);
    await Promise.all(
      Object.keys(h.windows).map(async (label, w) => {
        for (let n = w; ; n++) {
          const r = await act(label, n, 'call-next');
          if (r.status === 204) return;
          if (r.status !== 200) throw new Error(`window ${label} call-next: ${r.status} ${JSON.stringify(r.body)}`);
          const id = r.body.id as string;
          calledBy.set(id, [...(calledBy.get(id) ?? []), label]);
          await ok(act(label, n + 1, 'start'), 200);
          await ok(act(label, n, 'finish'), 200);
        }
      }),
    );

    expect(calledBy.size).toBe(200);
    for (const labels of calledBy.values()) expect(labels).toHaveLength(1);
    const rows = await query('SELECT id, status, windowId FROM ticket WHERE hallId = ?', [h.hallId]);
    expect(rows).toHaveLength(200);
    for (const r of rows) {
      expect(r.status).toBe('done');
      expect(r.windowId).toBe(h.windows[calledBy.get(r.id as string)![0]]);
    }
    const calls = await query("SELECT ticketId, COUNT(*) AS n FROM ticket_event WHERE hallId = ? AND type = 'called' GROUP BY ticketId", [h.hallId]);
    expect(calls).toHaveLength(200);
    for (const c of calls) expect(Number(c.n)).toBe(1);
  });
}

if (onMysql) {
  describe('two api processes (built app, separate child processes) on one MariaDB database', () => {
    let db: TestDatabase;
    let conn: Connection;
    const procs: ApiProcess[] = [];

    beforeAll(async () => {
      ensureBuiltApi();
      db = await createTestDatabase();
      // One after the other: the first runs the migrations, the second finds the schema current.
      for (let i = 0; i < 2; i++) procs.push(await spawnApi({ databaseUrl: db.url, seedDemo: false }));
      conn = await createConnection(db.url);
      authorization = procs[0].auth.authorization;
    }, 120_000);

    afterAll(async () => {
      await conn?.end();
      await Promise.all(procs.map((p) => p.stop()));
      await db?.drop();
    });

    it('runs two processes on two ports', () => {
      expect(procs).toHaveLength(2);
      expect(procs[0].port).not.toBe(procs[1].port);
      expect(procs[0].child.pid).not.toBe(procs[1].child.pid);
    });

    scenarios(() => ({
      bases: procs.map((p) => p.url),
      query: async (sql, params) => (await conn.query(sql, params))[0] as Record<string, unknown>[],
    }));
  });
} else {
  describe('SQLite is single-instance by design: the same scenarios against one in-process app', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
      authorization = `Bearer ${t.adminToken}`;
    });
    afterAll(() => t.close());

    scenarios(() => ({ bases: [t.url], query: (sql, params) => t.dataSource.query(sql, params) }));
  });
}
