/**
 * `npm run bench:issue`: ticket-issue throughput and p50/p99 latency through the built api with 64
 * concurrent keep-alive HTTP clients on one category (one counter row), beside the raw database
 * ceiling measured in the same run: a bare mysql2 loop doing the same counter-and-insert transaction
 * with the same number of concurrent callers. Then the api on SQLite (no ceiling, just the figure).
 *
 * Every database is a fresh scratch one whose name contains "test", dropped afterwards (--keep keeps it).
 *
 * Options (environment):
 *   DATABASE_URL        MariaDB/MySQL server, default mysql://root@127.0.0.1:3306 (the database part is ignored)
 *   BENCH_SECONDS       measured seconds per run (default 10), after BENCH_WARMUP seconds (default 2)
 *   BENCH_CONCURRENCY   concurrent callers (default 64)
 *   BENCH_RAW_POOL      mysql2 pool size of the raw loop (default 32, the api's pool size)
 *   BENCH_ROUNDS        raw/api pairs, alternating (default 3); the ratios are the medians over the rounds
 *   BENCH_ONLY          comma list of runs: raw,api,sqlite (default all three)
 *   BENCH_API_NODE_ARGS extra node flags for the api under load, e.g. "--cpu-prof --cpu-prof-dir=/tmp/hallq-prof"
 * Flags: --keep (keep scratch databases), --no-sqlite.
 */
import { cpus, loadavg } from 'node:os';
import { ensureBuiltApi, spawnApi, type ApiProcess } from './support/built-api';
import { keepAliveAgent, postJson } from './support/http-json';
import { runClosedLoop, type LoadResult } from './support/load';
import { diffCounters, serverCounters, serverVersion } from './support/mysql-status';
import { RawIssuer } from './support/raw-issue';
import { createMysqlScratch, createSqliteScratch, mysqlServer, type ScratchDb } from './support/scratch-db';
import { createConnection } from 'mysql2/promise';
import { cpuMsOf, pidFromFile } from './support/proc-cpu';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const RAW_POOL = Number(process.env.BENCH_RAW_POOL ?? 32);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const ONLY = new Set((process.env.BENCH_ONLY ?? 'raw,api,sqlite').split(',').map((s) => s.trim()));
if (process.argv.includes('--no-sqlite')) ONLY.delete('sqlite');
const KEEP = process.argv.includes('--keep');
const SERVER = mysqlServer(
  process.env.DATABASE_URL?.startsWith('mysql') || process.env.DATABASE_URL?.startsWith('mariadb')
    ? process.env.DATABASE_URL
    : 'mysql://root@127.0.0.1:3306',
);
const CATEGORY = 'enterprise';

const TARGET_THROUGHPUT = 0.6;
const TARGET_P99 = 1.5;

const log = (s: string) => process.stderr.write(`${s}\n`);

interface DemoHall {
  hallId: string;
  categoryId: string;
  prefix: string;
}

async function demoHall(api: ApiProcess): Promise<DemoHall> {
  const r = await fetch(`${api.url}/api/halls`);
  const halls = (await r.json()) as { id: string; categories: { id: string; code: string; prefix: string }[] }[];
  const cat = halls[0]?.categories.find((c) => c.code === CATEGORY);
  if (!cat) throw new Error(`the demo hall has no "${CATEGORY}" category`);
  return { hallId: halls[0].id, categoryId: cat.id, prefix: cat.prefix };
}

/** Numbers issued into a MySQL scratch database: count, and whether they run 1..n without gaps. */
async function checkNumbers(db: ScratchDb, categoryId: string): Promise<string> {
  const c = await createConnection(db.url);
  try {
    const [rows] = await c.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT seq) AS d, MIN(seq) AS lo, MAX(seq) AS hi FROM ticket WHERE issuedCategoryId = ?',
      [categoryId],
    );
    const { n, d, lo, hi } = (rows as { n: number; d: number; lo: number; hi: number }[])[0];
    const ok = Number(n) === Number(d) && Number(lo) === 1 && Number(hi) === Number(n);
    // Each "issued" event must point at the ticket whose number it records.
    const [bad] = await c.query(
      'SELECT COUNT(*) AS n FROM ticket_event e JOIN ticket t ON t.id = e.ticketId ' +
        "WHERE e.type = 'issued' AND t.issuedCategoryId = ? AND JSON_VALUE(e.data, '$.number') <> t.number",
      [categoryId],
    );
    const misfiled = Number((bad as { n: number }[])[0].n);
    return `${n} tickets in the rows, numbers ${ok ? '1..n, no gap, no repeat' : `NOT consecutive (distinct ${d}, min ${lo}, max ${hi})`}; ` +
      (misfiled ? `${misfiled} "issued" events point at a ticket with another number (INTEGRITY FAILURE)` : 'every "issued" event points at its own ticket');
  } finally {
    await c.end();
  }
}

async function benchRaw(): Promise<{ result: LoadResult; perTicket: Record<string, number> }> {
  const db = await createMysqlScratch(SERVER, 'bench_raw');
  try {
    // The api migrates the scratch database and seeds the demo hall; the raw loop then writes the same
    // tables with the api stopped, so nothing but the loop touches the database.
    const api = await spawnApi({ databaseUrl: db.url });
    const hall = await demoHall(api);
    const first = await postJson(keepAliveAgent(1), `${api.url}/api/halls/${hall.hallId}/tickets`, { category: CATEGORY, channel: 'kiosk' }, api.auth);
    if (first.status !== 201) throw new Error(`first ticket: ${first.status} ${first.body}`);
    const serviceDay = (JSON.parse(first.body) as { serviceDay: string }).serviceDay;
    await api.stop();

    const raw = new RawIssuer(db.url, RAW_POOL, hall.hallId, hall.categoryId, hall.prefix, serviceDay);
    const before = await serverCounters(SERVER);
    const cpu0 = sampleCpu();
    const result = await runClosedLoop({
      label: `raw mysql2 (pool ${RAW_POOL})`,
      concurrency: CONCURRENCY,
      warmupMs: WARMUP * 1000,
      durationMs: SECONDS * 1000,
      op: async () => {
        await raw.issue();
      },
    });
    const cpu1 = sampleCpu();
    const made = (await countTickets(db)) - 1;
    await raw.end();
    const perTicket = { ...perTicketCounters(diffCounters(before, await serverCounters(SERVER)), made), ...cpuPerTicket(cpu0, cpu1, made) };
    log(`  raw: ${await checkNumbers(db, hall.categoryId)}`);
    return { result, perTicket };
  } finally {
    if (!KEEP) await db.drop();
    else log(`  kept ${db.name}`);
  }
}

async function countTickets(db: ScratchDb): Promise<number> {
  const c = await createConnection(db.url);
  try {
    const [rows] = await c.query('SELECT COUNT(*) AS n FROM ticket');
    return Number((rows as { n: number }[])[0].n);
  } finally {
    await c.end();
  }
}

async function serverPid(): Promise<number | undefined> {
  const c = await createConnection(SERVER);
  try {
    const [rows] = await c.query('SELECT @@pid_file AS f, @@datadir AS d');
    const { f, d } = (rows as { f: string; d: string }[])[0];
    return pidFromFile(f.startsWith('/') ? f : `${d}/${f}`);
  } finally {
    await c.end();
  }
}

function perTicketCounters(d: Record<string, number>, tickets: number): Record<string, number> {
  const out: Record<string, number> = { tickets };
  for (const [k, v] of Object.entries(d)) out[k] = tickets ? Math.round((v / tickets) * 100) / 100 : NaN;
  return out;
}

async function benchApi(db: ScratchDb, label: string): Promise<{ result: LoadResult; perTicket: Record<string, number> }> {
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean);
  // Experiments: NAME=value pairs for the api's environment, e.g. BENCH_API_ENV="HALLQ_ALERT_AFTER_CHANGE_MS=0".
  const env = Object.fromEntries((process.env.BENCH_API_ENV ?? '').split(' ').filter(Boolean).map((kv) => {
    const at = kv.indexOf('=');
    if (at < 1) throw new Error(`BENCH_API_ENV takes NAME=value pairs separated by spaces, got "${kv}"`);
    return [kv.slice(0, at), kv.slice(at + 1)];
  }));
  const api = await spawnApi({ databaseUrl: db.url, nodeArgs, env });
  try {
    const hall = await demoHall(api);
    const agent = keepAliveAgent(CONCURRENCY);
    const url = `${api.url}/api/halls/${hall.hallId}/tickets`;
    const body = { category: CATEGORY, priority: 'normal', channel: 'kiosk' };
    const run = `${process.pid}-${Date.now().toString(36)}`;
    const before = db.kind === 'mysql' ? await serverCounters(SERVER) : undefined;
    const cpu0 = sampleCpu(api.child.pid);
    let made = 0;
    const result = await runClosedLoop({
      label,
      concurrency: CONCURRENCY,
      warmupMs: WARMUP * 1000,
      durationMs: SECONDS * 1000,
      op: async (c, i) => {
        // As signed-in staff: kiosk device tokens are rate limited to a human pace, staff are not.
        const r = await postJson(agent, url, body, { 'idempotency-key': `bench-${run}-${c}-${i}`, ...api.auth });
        if (r.status !== 201) throw new Error(`HTTP ${r.status}: ${r.body.slice(0, 300)}`);
        made++;
      },
    });
    const cpu1 = sampleCpu(api.child.pid);
    agent.destroy();
    // Stop first: MariaDB folds a connection's statement counters into the global ones when it closes.
    await api.stop();
    let perTicket: Record<string, number> = cpuPerTicket(cpu0, cpu1, made);
    if (db.kind === 'mysql') {
      perTicket = { ...perTicketCounters(diffCounters(before!, await serverCounters(SERVER)), made), ...perTicket };
      log(`  api: ${await checkNumbers(db, hall.categoryId)}`);
    }
    return { result, perTicket };
  } catch (e) {
    log(api.output().slice(-4000));
    const { exitCode, signalCode } = api.child;
    if (exitCode !== null || signalCode !== null) log(`the api process ended during the run (exit ${exitCode}, signal ${signalCode})`);
    throw e;
  } finally {
    await api.stop();
  }
}

/** CPU used per ticket by the api process, the database server and this process during a run. */
interface CpuSample {
  api: number;
  db: number;
  client: number;
}
let dbPid: number | undefined;
function sampleCpu(apiPid?: number): CpuSample {
  const u = process.cpuUsage();
  return { api: cpuMsOf(apiPid), db: cpuMsOf(dbPid), client: (u.user + u.system) / 1000 };
}
function cpuPerTicket(a: CpuSample, b: CpuSample, tickets: number): Record<string, number> {
  const r = (x: number) => Math.round((x / tickets) * 1000) / 1000;
  const out: Record<string, number> = { clientCpuMs: r(b.client - a.client), dbCpuMs: r(b.db - a.db) };
  if (Number.isFinite(a.api)) out.apiCpuMs = r(b.api - a.api);
  return out;
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');

function row(r: LoadResult): string {
  return `| ${r.label} | ${fmt(r.perSecond)} | ${fmt(r.p50Ms, 1)} | ${fmt(r.p99Ms, 1)} | ${fmt(r.maxMs, 1)} | ${r.ok} | ${r.errors} |`;
}

async function main(): Promise<void> {
  const built = ensureBuiltApi(log);
  const version = await serverVersion(SERVER);
  dbPid = await serverPid();
  const load = loadAverage();
  log(
    `hallq bench:issue: ${CONCURRENCY} concurrent callers, ${WARMUP}s warm-up + ${SECONDS}s measured, ` +
      `one category (one counter), ${ROUNDS} round(s)${built ? ' (api rebuilt)' : ''}`,
  );
  const results: LoadResult[] = [];
  const counters: [string, Record<string, number>][] = [];
  const pairs: { raw: LoadResult; api: LoadResult }[] = [];
  // Raw and api alternate round by round, so a change in the machine's load hits both sides alike.
  for (let round = 1; round <= ROUNDS; round++) {
    const tag = ROUNDS > 1 ? ` #${round}` : '';
    let raw: LoadResult | undefined;
    let api: LoadResult | undefined;
    if (ONLY.has('raw')) {
      log(`raw mysql2 loop${tag}...`);
      const r = await benchRaw();
      raw = { ...r.result, label: r.result.label + tag };
      results.push(raw);
      counters.push([raw.label, r.perTicket]);
    }
    if (ONLY.has('api')) {
      log(`api on MariaDB${tag}...`);
      const db = await createMysqlScratch(SERVER, 'bench_api');
      try {
        const r = await benchApi(db, `api on MariaDB (HTTP)${tag}`);
        api = r.result;
        results.push(api);
        counters.push([api.label, r.perTicket]);
      } finally {
        if (!KEEP) await db.drop();
        else log(`  kept ${db.name}`);
      }
    }
    if (raw && api) pairs.push({ raw, api });
  }
  if (ONLY.has('sqlite')) {
    log('api on SQLite...');
    const db = createSqliteScratch();
    try {
      const r = await benchApi(db, 'api on SQLite (HTTP)');
      results.push(r.result);
      counters.push([r.result.label, r.perTicket]);
    } finally {
      if (!KEEP) await db.drop();
    }
  }

  const lines: string[] = [];
  lines.push('');
  lines.push(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${version}, ` +
      `${new Date().toISOString().slice(0, 10)}; load average at start ${load}`,
  );
  lines.push(`load: ${CONCURRENCY} concurrent callers, ${WARMUP}s warm-up + ${SECONDS}s measured per run, one category (one counter row)`);
  lines.push('');
  lines.push('| run | tickets/s | p50 ms | p99 ms | max ms | tickets | errors |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) lines.push(row(r));
  if (pairs.length) {
    const tp = median(pairs.map((p) => p.api.perSecond / p.raw.perSecond));
    const p99 = median(pairs.map((p) => p.api.p99Ms / p.raw.p99Ms));
    const rounds = pairs.map((p) => `${fmt((p.api.perSecond / p.raw.perSecond) * 100)}%/${fmt(p.api.p99Ms / p.raw.p99Ms, 2)}x`).join(', ');
    const per = pairs.length > 1 ? ` (median of ${pairs.length} rounds: ${rounds})` : '';
    lines.push('');
    lines.push(`api / raw throughput: ${fmt(tp * 100)}% (target >= ${TARGET_THROUGHPUT * 100}%) ${tp >= TARGET_THROUGHPUT ? 'MET' : 'MISSED'}`);
    lines.push(`api / raw p99:        ${fmt(p99, 2)}x (target <= ${TARGET_P99}x) ${p99 <= TARGET_P99 ? 'MET' : 'MISSED'}${per}`);
  }
  if (counters.length) {
    lines.push('');
    lines.push('Per ticket issued (warm-up included): CPU ms of the bench client, the database server and the api process;');
    lines.push('MariaDB counters are SHOW GLOBAL STATUS deltas, server-wide: other clients of the server inflate them.');
    for (const [label, c] of counters) lines.push(`  ${label}: ${Object.entries(c).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  }
  lines.push('');
  lines.push('Tickets per second, second by second (the line grows all run long: nothing is called):');
  for (const r of results) lines.push(`  ${r.label}: ${r.perSecondSeries.join(' ')}`);
  for (const r of results) if (r.firstError) lines.push(`  ${r.label}: ${r.errors} errors, first: ${r.firstError}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function loadAverage(): string {
  return loadavg().map((x) => x.toFixed(2)).join(' ');
}

main().catch((e) => {
  log(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(1);
});
