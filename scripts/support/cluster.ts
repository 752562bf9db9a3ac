import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort, spawnApi, type ApiProcess } from './built-api';
import { createMysqlScratch, mysqlServer, type ScratchDb } from './scratch-db';

/**
 * The scale-out topology on loopback, for the scale-out e2e test and `npm run bench:scale`: several
 * built api processes on one MariaDB/MySQL scratch schema and one Redis, each run under its own key
 * prefix (Redis is shared with other users of the machine).
 */

/** The MySQL server to use: DATABASE_URL when it is MySQL/MariaDB, else the local MariaDB (always there in CI). */
export function mysqlServerUrl(): string {
  const env = process.env.DATABASE_URL ?? '';
  return /^(mysql|mariadb):\/\//.test(env) ? env.replace(/^mariadb:/, 'mysql:') : 'mysql://root@127.0.0.1:3306/hallq_ci_test';
}

export function redisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A fresh schema named hallq_test_... on the server of `serverUrl`; only such names are dropped. */
export function scratchMysql(serverUrl = mysqlServerUrl(), tag = 'scale'): Promise<ScratchDb> {
  return createMysqlScratch(mysqlServer(serverUrl), tag);
}

/** A Redis key and channel prefix no other run uses. */
export function uniqueRedisPrefix(tag: string): string {
  return `hallq-${tag}-${process.pid}-${Date.now().toString(36)}`;
}

/** Deletes every key under the prefix (SCAN, never KEYS); channels leave nothing behind. */
export async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/** Starts `n` built api processes on one database, with Redis (and prefix) when given; one after the other, so the first runs the migrations. */
export async function startInstances(opts: {
  n: number;
  databaseUrl: string;
  redis?: { url: string; prefix: string };
  env?: Record<string, string>;
}): Promise<ApiProcess[]> {
  const out: ApiProcess[] = [];
  try {
    for (let i = 0; i < opts.n; i++) {
      out.push(await spawnApi({
        databaseUrl: opts.databaseUrl,
        seedDemo: false,
        // Every bench client connects from this one address: no per-address /live cap in a bench.
        env: {
          HALLQ_LIVE_MAX_PER_ADDRESS: '1000000', ...(opts.redis ? { REDIS_URL: opts.redis.url, HALLQ_REDIS_PREFIX: opts.redis.prefix } : {}), ...opts.env,
        },
      }));
    }
  } catch (e) {
    await Promise.all(out.map((p) => p.stop()));
    throw e;
  }
  return out;
}

/**
 * A private redis-server (no persistence) on a free loopback port, for fault tests that stop and start
 * Redis without disturbing anybody else's. `kill()` is SIGKILL; `start()` brings it back on the same port.
 */
export async function privateRedis(): Promise<{ url: string; port: number; start(): Promise<void>; kill(): Promise<void> }> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}`;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probe = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => 100, lazyConnect: true });
    probe.on('error', () => undefined);
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        if (probe.status !== 'ready') await probe.connect().catch(() => undefined);
        if ((await probe.ping()) === 'PONG') break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    probe.disconnect();
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url, port, start, kill };
}
