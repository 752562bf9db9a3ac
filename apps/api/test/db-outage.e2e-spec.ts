import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { io } from 'socket.io-client';
import { createMysqlScratch, createSqliteScratch, mysqlServer, type ScratchDb } from '../../../scripts/support/scratch-db';
import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';

/**
 * The database becomes unreachable under a running api, then comes back (docs/faults.md).
 *
 * The unreachable database is a MySQL/MariaDB fault, and always run: the fault is the network (or server)
 * between an api instance and its database. With the embedded SQLite default there is no such link: the
 * file lives in the api's own process. So this file makes its own MariaDB scratch schema (on
 * DATABASE_URL's server when that is MySQL, else the machine's 127.0.0.1:3306) and reaches it through a
 * TCP proxy it can cut and restore: the shared server is never stopped. SQLite's nearest fault, another
 * process holding the file's write lock, is the last describe block (its own SQLite file, always run).
 */
const SERVER = /^(mysql|mariadb):\/\//.test(process.env.DATABASE_URL ?? '') ? mysqlServer(process.env.DATABASE_URL!) : 'mysql://root@127.0.0.1:3306';

interface Reply {
  status: number;
  body: any;
  retryAfter: string | null;
  ms: number;
}

describe('database unreachable (MariaDB through a TCP proxy that the test cuts)', () => {
  let scratch: ScratchDb;
  let proxy: TcpProxy;
  let t: TestApp;
  let h: SmallHall;
  let firstToken: string | undefined;

  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const started = performance.now();
    const r = await fetch(`${t.url}${path}`, {
      method,
      // API calls as the signed-in admin (staff are not rate limited; the token check itself needs the
      // database unless its answer is still cached, and answers 503 too when it cannot be made). Probes
      // send no token, as load balancers do.
      headers: { 'content-type': 'application/json', ...(path.startsWith('/api/') ? { authorization: `Bearer ${t.adminToken}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null, retryAfter: r.headers.get('retry-after'), ms: performance.now() - started };
  };
  const issue = (key: string, category = 'enterprise') => send('POST', `/api/halls/${h.hallId}/tickets`, { category }, { 'Idempotency-Key': key });
  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params) as Promise<Record<string, unknown>[]>;

  /** What the circuit breaker logs (its logger is "Database") from now until stop(). */
  const watchBreakerLog = () => {
    const spies = (['log', 'warn', 'error'] as const).map((level) => [level, jest.spyOn(Logger.prototype, level)] as const);
    return {
      stop: () => {
        const lines = spies.flatMap(([level, { mock }]) =>
          mock.calls.flatMap((args, i) =>
            (mock.contexts[i] as { context?: string }).context === 'Database'
              ? [{ at: mock.invocationCallOrder[i], line: [level, String(args[0])] }]
              : [],
          ),
        );
        for (const [, spy] of spies) spy.mockRestore();
        return lines.sort((a, b) => a.at - b.at).map((l) => l.line);
      },
    };
  };

  /** Everything the api could have written, row by row. */
  const digest = async () => {
    const out: Record<string, unknown> = {};
    for (const table of ['hall', 'service_category', 'service_window', 'ticket', 'ticket_event', 'ticket_counter']) {
      out[table] = await q(`SELECT * FROM ${table} ORDER BY 1`);
    }
    return JSON.parse(JSON.stringify(out));
  };

  const waitReady = async (): Promise<number> => {
    const started = performance.now();
    for (;;) {
      const r = await send('GET', '/health/ready');
      if (r.status === 200) return performance.now() - started;
      if (performance.now() - started > 10_000) throw new Error(`not ready 10 s after the database returned: ${JSON.stringify(r.body)}`);
      await new Promise((res) => setTimeout(res, 50));
    }
  };

  /** Per category: numbers 1..n without gap or repeat, counter = n, one issued event per ticket, one ticket per key. */
  const expectWhole = async () => {
    const rows = await q('SELECT issuedCategoryId AS c, seq, number, idempotencyKey FROM ticket WHERE hallId = ? ORDER BY issuedCategoryId, seq', [h.hallId]);
    for (const c of new Set(rows.map((r) => r.c))) {
      const seqs = rows.filter((r) => r.c === c).map((r) => Number(r.seq));
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      const counter = await q('SELECT SUM(lastSeq) AS n FROM ticket_counter WHERE hallId = ? AND categoryId = ?', [h.hallId, c]);
      expect(Number(counter[0].n)).toBe(seqs.length);
    }
    expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(rows.length);
    const events = await q("SELECT ticketId, COUNT(*) AS n FROM ticket_event WHERE hallId = ? AND type = 'issued' GROUP BY ticketId", [h.hallId]);
    expect(events).toHaveLength(rows.length);
    for (const e of events) expect(Number(e.n)).toBe(1);
    return rows;
  };

  beforeAll(async () => {
    scratch = await createMysqlScratch(SERVER, 'outage');
    proxy = await new TcpProxy(Number(new URL(SERVER).port || 3306), new URL(SERVER).hostname).start();
    const u = new URL(scratch.url);
    u.host = `127.0.0.1:${proxy.port}`;
    // The default timeouts (connect 1 s, statements 10 s) and probe (every 100 ms, 500 ms bound): the
    // circuit breaker, not a lowered timeout, keeps every answer under a second.
    t = await startTestApp({ db: { url: u.toString(), kind: 'mysql', drop: () => scratch.drop() } });
    h = await createSmallHall(t);
    for (const k of ['before-1', 'before-2', 'before-3']) {
      const r = await issue(k);
      expect(r.status).toBe(201);
      firstToken ??= r.body.token;
    }
  }, 60_000);

  // A test that fails while the database is cut must not leave it cut for the next ones.
  afterEach(async () => {
    await proxy?.restore();
  });

  afterAll(async () => {
    await proxy?.restore();
    await t?.close();
    await proxy?.close();
  });

  /** Every kind of write, each with what it must not leave behind. */
  const writes = (key: string) => [
    ['issue a ticket', () => issue(key)],
    ['call next', () => send('POST', `/api/halls/${h.hallId}/windows/${h.windows['1']}/call-next`)],
    ['pause a window', () => send('POST', `/api/halls/${h.hallId}/windows/${h.windows['2']}/pause`, { reason: 'lunch' })],
    ['create a hall', () => send('POST', '/api/halls', { name: 'Hall made during the outage' })],
    ['change a category', () => send('PATCH', `/api/halls/${h.hallId}/categories/tax`, { active: false })],
    ['add a window', () => send('POST', `/api/halls/${h.hallId}/windows`, { label: '9', categories: ['tax'] })],
  ] as const;

  for (const mode of ['refuse', 'blackhole'] as const) {
    const fault = mode === 'refuse' ? 'server gone (connections reset, port closed)' : 'network partition (no byte passes)';
    it(`${fault}: writes answer 503 + Retry-After within a second, ready fails, recovery is automatic`, async () => {
      const before = await digest();
      const breakerLog = watchBreakerLog();
      // A request already on its connection when the cut comes: its counter upsert waits for a row lock
      // that another client (straight to MariaDB, not through the proxy) holds.
      const locker = await createConnection(scratch.url);
      await locker.query('BEGIN');
      await locker.query('SELECT * FROM ticket_counter WHERE hallId = ? FOR UPDATE', [h.hallId]);
      const inFlight = issue(`in-flight-${mode}`);
      for (let waited = 0; ; waited += 20) {
        const [rows] = await locker.query(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE 'INSERT INTO ticket_counter%'",
          [scratch.name],
        );
        if (Number((rows as { n: number }[])[0].n) > 0) break;
        if (waited > 5000) throw new Error('the in-flight issue never reached the counter');
        await new Promise((res) => setTimeout(res, 20));
      }
      const cutAt = performance.now();
      await proxy.cut(mode);
      const caught = await inFlight;
      const inFlightMs = performance.now() - cutAt;
      await locker.query('ROLLBACK');
      await locker.end();
      expect({ status: caught.status, code: caught.body?.code, retryAfter: caught.retryAfter })
        .toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: '2' });
      expect(inFlightMs).toBeLessThan(1000);

      const newMs: number[] = [];
      for (const [what, write] of writes(`during-${mode}`)) {
        const r = await write();
        expect({ what, status: r.status, code: r.body?.code, retryAfter: r.retryAfter })
          .toEqual({ what, status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: '2' });
        expect(r.body).toMatchObject({ statusCode: 503, message: expect.stringMatching(/database.*try again/i) });
        expect(r.ms).toBeLessThan(1000);
        newMs.push(r.ms);
      }
      // Several at once, as kiosks would send them: none waits longer.
      const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => issue(`burst-${mode}-${i}`)));
      expect(burst.map((r) => r.status)).toEqual(burst.map(() => 503));
      expect(Math.max(...burst.map((r) => r.ms))).toBeLessThan(1000);
      newMs.push(...burst.map((r) => r.ms));
      console.log(
        `${mode}: the request in flight at the cut answered 503 after ${Math.round(inFlightMs)} ms; ` +
          `new ones after ${Math.round(Math.min(...newMs))}-${Math.round(Math.max(...newMs))} ms`,
      );

      const ready = await send('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
      expect(ready.ms).toBeLessThan(1500);
      expect((await send('GET', '/health/live')).status).toBe(200);
      // A phone subscribing to its ticket on /live is refused in the same words, not left waiting.
      const phone = io(`${t.url}/live`, { transports: ['websocket'], forceNew: true });
      try {
        const ack = await phone.timeout(1500).emitWithAck('subscribe', { ticket: firstToken });
        expect(ack).toMatchObject({ ok: false, code: 'DATABASE_UNAVAILABLE', error: expect.stringMatching(/database/) });
      } finally {
        phone.close();
      }

      await proxy.restore();
      const recoveredMs = await waitReady();
      console.log(`${mode}: ready again ${Math.round(recoveredMs)} ms after the database returned`);
      expect(recoveredMs).toBeLessThan(5000);
      // One line when the breaker opened and one when it closed, however many pings failed between.
      // A refusal may be over before the probe's next ping: then the requests' own errors were the 503s.
      const lines = breakerLog.stop();
      if (mode === 'blackhole') {
        expect(lines).toEqual([
          ['warn', expect.stringMatching(/database unreachable \(no answer to a ping within 500 ms\)/)],
          ['log', expect.stringMatching(/database answers again \(the breaker was open \d+ ms\)/)],
        ]);
      } else {
        expect(lines.map(([level]) => level)).toEqual(lines.length ? ['warn', 'log'] : []);
      }

      // Nothing was written while it was away, and nothing half-way.
      expect(await digest()).toEqual(before);
      // The kiosk's retry with the same key now makes the ticket, once.
      const first = await issue(`during-${mode}`);
      const again = await issue(`during-${mode}`);
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body.id).toBe(first.body.id);
      expect((await send('POST', `/api/halls/${h.hallId}/windows/${h.windows['1']}/call-next`)).status).toBe(200);
      await send('POST', `/api/halls/${h.hallId}/windows/${h.windows['1']}/no-show`).then((r) => expect(r.status).toBe(200));
      await expectWhole();
    });
  }

  const midRunTitle = (mode: 'refuse' | 'blackhole') =>
    `${mode === 'refuse' ? 'server gone' : 'partition'} in the middle of 12 kiosks issuing: ` +
    'each ticket ends up committed exactly once, with its event and its own number';
  for (const mode of ['refuse', 'blackhole'] as const) it(midRunTitle(mode), async () => {
    const KIOSKS = 12;
    const PER_KIOSK = 12;
    const acknowledged = new Map<string, { id: string; number: string }>();
    let unavailable = 0;
    /** How long each 503 took, ms. */
    const unavailableMs: number[] = [];
    let cutDone: Promise<void> | null = null;
    const kiosk = async (k: number) => {
      for (let i = 0; i < PER_KIOSK; i++) {
        const key = `mid-${mode}-${k}-${i}`;
        for (let attempt = 0; ; attempt++) {
          const r = await issue(key, ['enterprise', 'social', 'tax'][k % 3]);
          if (r.status === 201 || r.status === 200) {
            const seen = acknowledged.get(key);
            if (seen) expect(r.body.id).toBe(seen.id);
            acknowledged.set(key, { id: r.body.id, number: r.body.number });
            break;
          }
          expect(r.status).toBe(503);
          expect(r.retryAfter).toBe('2');
          unavailableMs.push(Math.round(r.ms));
          unavailable++;
          if (attempt > 200) throw new Error(`${key} never got through`);
          await new Promise((res) => setTimeout(res, 50)); // a test kiosk does not wait the full Retry-After
        }
        // Cut once a third of the tickets are out, while the others are in flight; restore 1.5 s later.
        if (acknowledged.size >= (KIOSKS * PER_KIOSK) / 3 && !cutDone) {
          cutDone = (async () => {
            await proxy.cut(mode);
            await new Promise((res) => setTimeout(res, 1500));
            await proxy.restore();
          })();
        }
      }
    };
    await Promise.all(Array.from({ length: KIOSKS }, (_, k) => kiosk(k)));
    await cutDone;
    unavailableMs.sort((x, y) => x - y);
    console.log(
      `mid-run ${mode}: ${unavailable} answers were 503 and retried; ` +
        `their time p50 ${unavailableMs[unavailableMs.length >> 1]} ms, max ${unavailableMs.at(-1)} ms`,
    );
    // A partition holds the requests in flight until the breaker opens (0.7 s at most). Right after the
    // restore, fresh connections are being opened while this one process runs the api, the proxy and 12
    // kiosks, so a request making two in a row (its group waited behind another) is slower still. The
    // clean cases above hold the 1 s bound.
    expect(unavailableMs[unavailableMs.length >> 1]).toBeLessThan(500);
    expect(unavailableMs.at(-1)).toBeLessThan(1500);
    expect(unavailable).toBeGreaterThan(0);

    const rows = await expectWhole();
    const mid = rows.filter((r) => String(r.idempotencyKey).startsWith(`mid-${mode}-`));
    expect(mid).toHaveLength(KIOSKS * PER_KIOSK);
    const byKey = new Map(mid.map((r) => [r.idempotencyKey, r.number]));
    for (const [key, a] of acknowledged) expect(byKey.get(key)).toBe(a.number);
  });
});

describe('SQLite: another process holds the database file\'s write lock', () => {
  let t: TestApp;
  let h: SmallHall;
  let scratch: ScratchDb;

  beforeAll(async () => {
    scratch = createSqliteScratch();
    t = await startTestApp({ db: { url: scratch.url, kind: 'sqlite', drop: () => scratch.drop() } });
    h = await createSmallHall(t);
  });
  afterAll(() => t?.close());

  it('writes answer 503 with Retry-After within a second, reads go on, and writes resume when the lock goes', async () => {
    const issue = (key: string) => t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', key).send({ category: 'tax' });
    await issue('before-lock').expect(201);
    const count = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM ticket'))[0].n);
    const other = new Database(scratch.name);
    try {
      other.exec('BEGIN IMMEDIATE'); // the write lock, as a backup tool or a stray sqlite3 shell could hold it
      const started = performance.now();
      const r = await issue('while-locked').expect(503);
      const ms = performance.now() - started;
      expect(r.headers['retry-after']).toBe('2');
      expect(r.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(ms).toBeLessThan(1000);
      await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['3']}/call-next`).expect(503);
      // Reads do not need the write lock (WAL): the screens and the ready probe go on.
      await t.http.get(`/api/halls/${h.hallId}/state`).expect(200);
      await t.http.get('/health/ready').expect(200);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await count()).toBe(1);
    await issue('while-locked').expect(201);
    await issue('while-locked').expect(200);
    expect(await count()).toBe(2);
    const called = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['3']}/call-next`).expect(200);
    expect(['C001', 'C002']).toContain(called.body.number); // both issued at the same clock instant
  });
});
