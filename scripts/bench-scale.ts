/**
 * `npm run bench:scale`: one api instance beside two instances on MariaDB and Redis, in one run.
 * For each topology, on a fresh MariaDB scratch schema (and, with Redis, a key prefix of its own):
 *
 * 1. issue: BENCH_CONCURRENCY (64) kiosks, round robin over the instances, issue tickets in three
 *    categories for BENCH_SECONDS: throughput, p50 and p99 of POST .../tickets.
 * 2. call-next: 16 windows (8 on each instance when there are two) call the line those tickets made,
 *    each call followed by a no-show, for BENCH_SECONDS: calls per second (completed call + no-show
 *    cycles), p50 and p99 of POST .../call-next alone.
 * 3. broadcast: BENCH_CLIENTS (1,000) socket.io hall screens, spread evenly over the instances, and
 *    BENCH_CALLS (30) calls made on the instances in turn; latency = from just before the call's request
 *    to each screen's `called` event (so it includes HTTP, the transaction and, with two, Redis).
 *
 * Integrity is checked on the way: no number twice in the rows, no ticket called twice, every screen
 * gets every call exactly once. All clients live in this one process.
 *
 * Options (environment): DATABASE_URL (MariaDB server; default mysql://root@127.0.0.1:3306),
 * REDIS_URL (default redis://127.0.0.1:6379), BENCH_SECONDS (10), BENCH_WARMUP (2),
 * BENCH_CONCURRENCY (64), BENCH_CLIENTS (1000), BENCH_CALLS (30), BENCH_TOPOLOGIES ("1,2": a number of
 * instances, several meaning with Redis; "1r" is one instance with Redis and "2n" two without, to
 * separate the cost of Redis from that of a second process (without Redis, screens see only the calls
 * made on their own instance, so there is no broadcast figure); a trailing h sends all ticket issuing
 * to one instance, as a load balancer hashing on the hall id would, e.g. "2h").
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createConnection } from 'mysql2/promise';
import { io, type Socket } from 'socket.io-client';
import { ensureBuiltApi, type ApiProcess } from './support/built-api';
import { dropRedisPrefix, mysqlServerUrl, redisUrl, scratchMysql, startInstances, uniqueRedisPrefix } from './support/cluster';
import { keepAliveAgent, postJson } from './support/http-json';
import { percentile, runClosedLoop, waitFor, type LoadResult } from './support/load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const CALLS = Number(process.env.BENCH_CALLS ?? 30);
const WINDOWS = 16;
const CODES = ['enterprise', 'social', 'tax'];
const TOPOLOGIES = (process.env.BENCH_TOPOLOGIES ?? '1,2').split(',').map((t) => t.trim()).filter(Boolean);
const log = (s: string) => process.stderr.write(`${s}\n`);

interface Topology {
  key: string;
  label: string;
  instances: number;
  redis: boolean;
  /** All ticket issuing of the hall goes to one instance (as a load balancer hashing on the hall id would send it). */
  hallAffinity: boolean;
}

function topology(key: string): Topology {
  const m = /^(\d+)([rn]?)(h?)$/.exec(key);
  if (!m) {
    throw new Error(
      `BENCH_TOPOLOGIES: "${key}" is not a number of instances, ` +
        'optionally followed by r (with Redis) or n (without), then h (hall affinity for issuing)',
    );
  }
  const instances = Number(m[1]);
  const redis = m[2] === 'r' || (instances > 1 && m[2] !== 'n');
  const hallAffinity = m[3] === 'h';
  const label = `${instances} instance${instances > 1 ? 's' : ''}${redis ? ' + Redis' : ''}${hallAffinity ? ', issuing by hall' : ''}`;
  return { key, instances, redis, hallAffinity, label };
}

interface Outcome {
  issue: LoadResult;
  call: LoadResult;
  lineEmptied: boolean;
  /** Null for several instances without Redis, where screens see only their own instance's calls. */
  broadcast: { p50: number; p99: number; max: number; deliveries: number; missed: number; duplicates: number } | null;
  integrity: string[];
}

/** The spawned admin's sign-in (every instance accepts it: one signing secret, one database). */
let auth: { authorization: string } = { authorization: '' };
const authToken = () => auth.authorization.slice('Bearer '.length);

async function post(url: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth, ...headers }, body: JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

async function must(p: Promise<{ status: number; json: any }>, status: number, what: string): Promise<any> {
  const r = await p;
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}



/** A hall open around the clock with the three categories and `windows` open windows serving all of them. */
async function createHall(base: string, name: string, windows: number): Promise<{ hallId: string; windowIds: string[] }> {
  const hall = await must(post(`${base}/api/halls`, { name, opensAt: '00:00', closesAt: '00:00' }), 201, 'create hall');
  for (const [i, code] of CODES.entries()) {
    await must(post(`${base}/api/halls/${hall.id}/categories`, {
      code, prefix: 'ABC'[i], nameZh: code, nameEn: code, targetWaitSec: 1200, defaultServiceSec: 600, materials: [],
    }), 201, 'create category');
  }
  const windowIds: string[] = [];
  for (let i = 1; i <= windows; i++) {
    windowIds.push((await must(post(`${base}/api/halls/${hall.id}/windows`, { label: String(i), categories: CODES, state: 'open' }), 201, 'create window')).id);
  }
  return { hallId: hall.id, windowIds };
}

async function benchTopology(t: Topology): Promise<Outcome> {
  const db = await scratchMysql(mysqlServerUrl(), `bench_scale_${t.key}`);
  const redis = t.redis ? { url: redisUrl(), prefix: uniqueRedisPrefix(`bench-${t.key}`) } : undefined;
  let procs: ApiProcess[] = [];
  const sockets: Socket[] = [];
  try {
    procs = await startInstances({ n: t.instances, databaseUrl: db.url, redis });
    auth = procs[0].auth;
    const bases = procs.map((p) => p.url);
    const integrity: string[] = [];
    const conn = await createConnection(db.url);
    const q = async (sql: string, params: unknown[]) => (await conn.query(sql, params))[0] as Record<string, unknown>[];

    // 1. issue
    const load = await createHall(bases[0], 'Load hall', WINDOWS);
    const agent = keepAliveAgent(CONCURRENCY + WINDOWS);
    const run = `${process.pid}-${Date.now().toString(36)}`;
    log(`  issue: ${CONCURRENCY} kiosks over ${t.hallAffinity ? 1 : t.instances} instance(s), ${SECONDS}s...`);
    const issue = await runClosedLoop({
      label: 'issue', concurrency: CONCURRENCY, warmupMs: WARMUP * 1000, durationMs: SECONDS * 1000,
      op: async (c, i) => {
        const r = await postJson(
          agent,
          `${bases[t.hallAffinity ? 0 : c % bases.length]}/api/halls/${load.hallId}/tickets`,
          { category: CODES[(c + i) % 3], channel: 'kiosk' },
          { 'idempotency-key': `${run}-${c}-${i}`, ...auth },
        );
        if (r.status !== 201) throw new Error(`issue: HTTP ${r.status} ${r.body.slice(0, 200)}`);
      },
    });
    const dup = await q('SELECT COUNT(*) AS n, COUNT(DISTINCT number) AS d FROM ticket WHERE hallId = ?', [load.hallId]);
    integrity.push(`${dup[0].n} tickets, ${Number(dup[0].n) - Number(dup[0].d)} duplicate numbers`);

    // 2. call-next: windows spread over the instances (window w on instance w mod n).
    log(`  call-next: ${WINDOWS} windows, ${SECONDS}s...`);
    let emptied = false;
    // call-next's own latency (the no-show after it is part of a window's cycle, not of the call).
    const callLat: { at: number; ms: number }[] = [];
    const callFrom = performance.now() + WARMUP * 1000;
    const callTo = callFrom + SECONDS * 1000;
    const cycle = await runClosedLoop({
      label: 'call-next', concurrency: WINDOWS, warmupMs: WARMUP * 1000, durationMs: SECONDS * 1000,
      op: async (w) => {
        const base = `${bases[w % bases.length]}/api/halls/${load.hallId}/windows/${load.windowIds[w]}`;
        const at = performance.now();
        const r = await postJson(agent, `${base}/call-next`, {}, auth);
        callLat.push({ at, ms: performance.now() - at });
        if (r.status === 204) {
          emptied = true;
          throw new Error('the line ran out');
        }
        if (r.status !== 200) throw new Error(`call-next: HTTP ${r.status} ${r.body.slice(0, 200)}`);
        const n = await postJson(agent, `${base}/no-show`, {}, auth);
        if (n.status !== 200) throw new Error(`no-show: HTTP ${n.status} ${n.body.slice(0, 200)}`);
      },
    });
    const measured = callLat.filter((c) => c.at >= callFrom && c.at + c.ms <= callTo).map((c) => c.ms);
    const call = { ...cycle, p50Ms: percentile(measured, 50), p99Ms: percentile(measured, 99), maxMs: percentile(measured, 100) };
    const twice = await q(
      "SELECT COUNT(*) AS n FROM (SELECT ticketId FROM ticket_event WHERE hallId = ? AND type = 'called' GROUP BY ticketId HAVING COUNT(*) > 1) x",
      [load.hallId],
    );
    const calls = await q("SELECT COUNT(*) AS n FROM ticket_event WHERE hallId = ? AND type = 'called'", [load.hallId]);
    integrity.push(`${calls[0].n} calls, ${twice[0].n} tickets called twice`);
    agent.destroy();

    if (t.instances > 1 && !t.redis) {
      // Without Redis a screen sees only its own instance's calls: nothing to measure across instances.
      await conn.end();
      return { issue, call, lineEmptied: emptied, broadcast: null, integrity };
    }

    // 3. broadcast: a separate small hall, so the snapshots are not those of a 5,000-ticket line.
    const bc = await createHall(bases[0], 'Broadcast hall', t.instances);
    for (let i = 0; i < CALLS + 3; i++) {
      await must(
        post(`${bases[i % bases.length]}/api/halls/${bc.hallId}/tickets`, { category: 'enterprise' }, { 'idempotency-key': `bc-${run}-${i}` }),
        201,
        'issue',
      );
    }
    log(`  broadcast: connecting ${CLIENTS} screens over ${t.instances} instance(s)...`);
    // Calls never overlap: every `called` while one is in flight is that call's.
    let inflight: { t0: number; got: number[] } | null = null;
    const perScreen: Map<string, number>[] = [];
    const lastSeq: number[] = [];
    for (let i = 0; i < CLIENTS; i += 200) {
      await Promise.all(Array.from({ length: Math.min(200, CLIENTS - i) }, (_, k) => {
        const idx = i + k;
        const s = io(`${bases[idx % bases.length]}/live`, { auth: { token: authToken() }, transports: ['websocket'], forceNew: true, reconnection: false });
        sockets.push(s);
        const seen = new Map<string, number>();
        perScreen.push(seen);
        lastSeq.push(-1);
        s.on('called', (e: { number: string }) => {
          seen.set(e.number, (seen.get(e.number) ?? 0) + 1);
          if (inflight) inflight.got.push(performance.now() - inflight.t0);
        });
        s.on('snapshot', (snap: { seq: number }) => (lastSeq[idx] = Math.max(lastSeq[idx], snap.seq)));
        return new Promise<void>((res, rej) => {
          s.once('connect', () => s.emit('subscribe', { hall: bc.hallId }, (a: { ok: boolean; error?: string }) => (a.ok ? res() : rej(new Error(a.error)))));
          s.once('connect_error', rej);
        });
      }));
    }
    const lat: number[] = [];
    let missed = 0;
    const numbers: string[] = [];
    for (let i = 0; i < CALLS + 3; i++) {
      const k = i % bases.length;
      const win = `${bases[k]}/api/halls/${bc.hallId}/windows/${bc.windowIds[k]}`;
      inflight = { t0: performance.now(), got: [] };
      const c = await must(post(`${win}/call-next`), 200, 'call-next');
      numbers.push(c.number);
      const all = await waitFor(() => inflight!.got.length >= CLIENTS, 15_000);
      if (i >= 3) {
        lat.push(...inflight.got);
        if (!all) missed += CLIENTS - inflight.got.length;
      }
      inflight = null;
      await must(post(`${win}/no-show`), 200, 'no-show');
      // Every screen has the snapshot after the no-show: nothing of this call is still on the wire.
      const rows = Number((await q('SELECT COUNT(*) AS n FROM ticket_event WHERE hallId = ?', [bc.hallId]))[0].n);
      if (!(await waitFor(() => lastSeq.every((s) => s >= rows), 10_000))) log(`  some screens missed the snapshot at seq ${rows}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 300));
    let duplicates = 0;
    let absent = 0;
    for (const seen of perScreen) {
      for (const n of numbers) {
        const times = seen.get(n) ?? 0;
        if (times === 0) absent++;
        if (times > 1) duplicates += times - 1;
      }
    }
    integrity.push(`${CLIENTS} screens x ${numbers.length} calls: ${absent} missing, ${duplicates} duplicate deliveries`);
    await conn.end();
    return {
      issue, call, lineEmptied: emptied,
      broadcast: { p50: percentile(lat, 50), p99: percentile(lat, 99), max: percentile(lat, 100), deliveries: lat.length, missed, duplicates },
      integrity,
    };
  } catch (e) {
    for (const p of procs) log(p.output().slice(-3000));
    throw e;
  } finally {
    for (const s of sockets) s.close();
    await Promise.all(procs.map((p) => p.stop()));
    await db.drop();
    if (redis) await dropRedisPrefix(redis.url, redis.prefix);
  }
}

const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');

async function main(): Promise<void> {
  const built = ensureBuiltApi(log);
  const tops = TOPOLOGIES.map(topology);
  const load0 = loadavg().map((x) => x.toFixed(2)).join(' ');
  log(`hallq bench:scale: ${tops.map((t) => t.label).join(' vs ')}${built ? ' (api rebuilt)' : ''}`);
  const out: Outcome[] = [];
  for (const t of tops) {
    log(`${t.label}...`);
    out.push(await benchTopology(t));
  }
  const col = (fn: (o: Outcome) => string) => out.map(fn).join(' | ');
  const cpu = cpus();
  const lines = [
    '',
    `machine: ${cpu.length} x ${cpu[0]?.model ?? '?'}, node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z; ` +
      `load average at start ${load0}, at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    `issue: ${CONCURRENCY} kiosks; call-next: ${WINDOWS} windows (call + no-show); ${WARMUP}s warm-up + ${SECONDS}s measured each; ` +
      `broadcast: ${CLIENTS} screens, ${CALLS} calls`,
    '',
    `| measure | ${tops.map((t) => t.label).join(' | ')} |`,
    `|---|${tops.map(() => '---:').join('|')}|`,
    `| issue: tickets/s | ${col((o) => f(o.issue.perSecond))} |`,
    `| issue: p50 / p99 ms | ${col((o) => `${f(o.issue.p50Ms, 1)} / ${f(o.issue.p99Ms, 1)}`)} |`,
    `| call-next: calls/s | ${col((o) => f(o.call.perSecond) + (o.lineEmptied ? ' (line ran out)' : ''))} |`,
    `| call-next: p50 / p99 ms | ${col((o) => `${f(o.call.p50Ms, 1)} / ${f(o.call.p99Ms, 1)}`)} |`,
    `| broadcast to ${CLIENTS}: p50 / p99 ms | ${col((o) => (o.broadcast ? `${f(o.broadcast.p50, 1)} / ${f(o.broadcast.p99, 1)}` : 'n/a'))} |`,
    `| broadcast: max ms | ${col((o) => (o.broadcast ? f(o.broadcast.max, 1) : 'n/a'))} |`,
    `| errors (issue / call) | ${col((o) => `${o.issue.errors} / ${o.call.errors}`)} |`,
    '',
    'Integrity:',
    ...out.map((o, i) => `  ${tops[i].label}: ${o.integrity.join('; ')}`),
    ...out.flatMap((o, i) => [o.issue.firstError, o.call.firstError].filter(Boolean).map((e) => `  ${tops[i].label}: first error: ${e}`)),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((e) => {
  log(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(1);
});
