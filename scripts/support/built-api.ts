import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** Repository root (this file lives in scripts/support). */
export const ROOT = resolve(__dirname, '..', '..');
export const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

const SOURCES = ['apps/api/src', 'libs/queue/src', 'libs/forecast/src'];

/** The node flags of `npm start` (package.json), so tests and benchmarks run the api as production does. */
export const START_NODE_FLAGS: readonly string[] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string)
  .split(/\s+/)
  .filter((a) => a.startsWith('--'));

export function newestSourceMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSourceMtime(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** True when dist/apps/api is missing or older than any api/lib source file. */
export function builtApiIsStale(): boolean {
  if (!existsSync(API_MAIN)) return true;
  const built = statSync(API_MAIN).mtimeMs;
  return SOURCES.some((d) => newestSourceMtime(join(ROOT, d)) > built);
}

/** Builds the api (`npm run build:api`) when dist is missing or stale. Returns whether it built. */
export function ensureBuiltApi(log: (s: string) => void = () => undefined): boolean {
  if (!builtApiIsStale()) return false;
  log('building the api (dist missing or older than the sources)...');
  const r = spawnSync('npm', ['run', '--silent', 'build:api'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:api failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  if (!existsSync(API_MAIN)) throw new Error(`build finished but ${API_MAIN} is missing`);
  return true;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** Production starts need a signing secret and a first admin: one secret for every process this run
 * spawns (so they accept each other's tokens, as instances behind one load balancer must). */
export const SPAWN_AUTH_SECRET = randomBytes(36).toString('base64url');
export const SPAWN_ADMIN = { username: 'admin', password: 'spawned-admin-password' };

export interface ApiProcess {
  url: string;
  port: number;
  /** A signed-in admin's bearer token, and the header that carries it. */
  adminToken: string;
  auth: { authorization: string };
  child: ChildProcess;
  /** Everything the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves when the process has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the built api (`node dist/apps/api/src/main.js`) as a child process and waits until it
 * answers `GET /api/halls`. Call ensureBuiltApi() first.
 */
export async function spawnApi(opts: {
  databaseUrl: string;
  port?: number;
  seedDemo?: boolean;
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  timeoutMs?: number;
}): Promise<ApiProcess> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [...START_NODE_FLAGS, ...(opts.nodeArgs ?? []), API_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      HALLQ_SEED_DEMO: opts.seedDemo === false ? '0' : '1',
      HALLQ_DISPLAY_DIR: '/nonexistent',
      HALLQ_AUTH_SECRET: SPAWN_AUTH_SECRET,
      HALLQ_ADMIN_USER: SPAWN_ADMIN.username,
      HALLQ_ADMIN_PASSWORD: SPAWN_ADMIN.password,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Experiments: BENCH_API_LOG=<file> keeps everything the api prints (e.g. with --trace-gc).
  const log = process.env.BENCH_API_LOG;
  const keep = (b: Buffer) => {
    if (log) appendFileSync(log, b);
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`api exited (${child.exitCode ?? child.signalCode}) before answering:\n${out}`);
    }
    try {
      const r = await fetch(`${url}/api/halls`);
      if (r.ok) {
        await r.arrayBuffer();
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`api did not answer on ${url} within the timeout:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const adminToken = await signInAt(url, SPAWN_ADMIN.username, SPAWN_ADMIN.password);
  return {
    url,
    port,
    adminToken,
    auth: { authorization: `Bearer ${adminToken}` },
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

/** Signs in to a running api; returns the bearer token. */
export async function signInAt(url: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await r.json()) as { token?: string; message?: string };
  if (r.status !== 200 || !body.token) throw new Error(`sign-in as ${username} at ${url} failed: ${r.status} ${body.message ?? ''}`);
  return body.token;
}
