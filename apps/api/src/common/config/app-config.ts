import { resolve } from 'node:path';

/** Everything the api reads from the environment, read once and validated. Nothing else reads process.env. */
export interface AppConfig {
  port: number;
  host: string;
  /** `mysql://user:pass@host:3306/db` or `sqlite:<file>`; unset = SQLite file under ./data. */
  databaseUrl: string;
  database: { type: 'mysql'; url: string } | { type: 'better-sqlite3'; file: string };
  /** Time zone of halls created without one, and of the demo hall. */
  defaultTimeZone: string;
  /** Seed the demo hall when the database has no hall. */
  seedDemo: boolean;
  production: boolean;
  logSql: boolean;
  /** The built display app (apps/display), served at / when present. */
  displayDir: string;
  /** Width of the forecaster's arrival-rate slots, seconds (30 min; the accelerated demo shrinks it). */
  forecastSlotSec: number;
  /** Alerts are looked at this long after a change to a hall, besides the 30 s round; 0 = the round only. */
  alertAfterChangeMs: number;
  auth: AuthConfig;
  /** Origins allowed to call the api and /live from other sites; empty = same origin only. */
  corsOrigins: string[];
  /** Express "trust proxy": behind a load balancer, so rate limits see the citizen's address. */
  trustProxy: string | false;
  /** json: one JSON object a line (for log collectors); text: Nest's coloured lines. */
  logFormat: 'json' | 'text';
  /** Also log every request (with its id), not only failures. */
  logRequests: boolean;
  /**
   * How long to wait to get at the database before answering 503: MySQL, a new connection's handshake;
   * SQLite, a write lock held by another process on the file (the busy timeout).
   */
  dbConnectTimeoutMs: number;
  /**
   * MySQL: a statement with no answer after this long fails and its connection is dropped (the server
   * rolls its transaction back). Bounds a statement the database does not answer while it answers pings;
   * a partition is cut sooner by the circuit breaker (below).
   */
  dbQueryTimeoutMs: number;
  /**
   * MySQL circuit breaker: the database is pinged on a connection of its own this often, and a ping
   * without an answer within `dbProbeTimeoutMs` opens the breaker (database work fails at once with 503,
   * in-flight statements too) until a ping answers. A partition is then noticed within their sum.
   */
  dbProbeIntervalMs: number;
  dbProbeTimeoutMs: number;
  /**
   * Redis for running several api instances (REDIS_URL): socket.io broadcasts, the hall event bus and
   * the per-hall seq go through it. Null = one instance on its own, as before. `prefix` starts every key
   * and channel this instance uses (HALLQ_REDIS_PREFIX), so deployments and test runs can share a Redis.
   */
  redis: { url: string; prefix: string } | null;
  edge: EdgeConfig;
}

/** The HTTP edge (README, "The HTTP edge"). */
export interface EdgeConfig {
  /**
   * auto: TLS-only headers (CSP upgrade-insecure-requests, HSTS) on answers to requests that came over
   * TLS (directly, or X-Forwarded-Proto: https from a trusted proxy); always: on every answer.
   */
  https: 'auto' | 'always';
  /** Bearer token Prometheus scrapes /metrics with; null = /metrics is off. */
  metricsToken: string | null;
  /** Serve the OpenAPI docs (/api/docs, /api/docs-json); on by default outside production. */
  apiDocs: boolean;
  /** /live connections one address may hold on one instance (a hall's screens may share one NAT address). */
  liveMaxPerAddress: number;
}

export interface AuthConfig {
  /** Signs staff tokens. Unset outside production: a random one is made once and kept in the database. */
  secret: string | null;
  /** The first admin, created at start when no admin exists. Required in production. */
  adminUser: string;
  adminPassword: string | null;
  sessionHours: number;
  maxFailedSignIns: number;
  lockMinutes: number;
  /** Per minute: tickets per address (phone pages, no device), per kiosk device, sign-ins per address. */
  issuePerAddressPerMin: number;
  issuePerDevicePerMin: number;
  signInPerAddressPerMin: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || 'sqlite:./data/hallq.sqlite';
  let database: AppConfig['database'] | undefined;
  if (/^mysql:\/\//.test(databaseUrl) || /^mariadb:\/\//.test(databaseUrl)) {
    database = { type: 'mysql', url: databaseUrl.replace(/^mariadb:/, 'mysql:') };
  } else if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    database = { type: 'better-sqlite3', file: file === ':memory:' ? file : resolve(file) };
  } else {
    problems.push(`DATABASE_URL must start with mysql:// or sqlite:, got "${databaseUrl}"`);
  }
  const defaultTimeZone = env.HALLQ_TIME_ZONE ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone: defaultTimeZone });
  } catch {
    problems.push(`HALLQ_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, got "${defaultTimeZone}"`);
  }
  const forecastSlotSec = Number(env.HALLQ_FORECAST_SLOT_SECONDS ?? 1800);
  if (!Number.isInteger(forecastSlotSec) || forecastSlotSec < 10 || 86_400 % forecastSlotSec !== 0) {
    problems.push(`HALLQ_FORECAST_SLOT_SECONDS must be a whole number of seconds of at least 10 that divides a day, got "${env.HALLQ_FORECAST_SLOT_SECONDS}"`);
  }
  const dbConnectTimeoutMs = Number(env.HALLQ_DB_CONNECT_TIMEOUT_MS ?? 1000);
  if (!Number.isInteger(dbConnectTimeoutMs) || dbConnectTimeoutMs < 50 || dbConnectTimeoutMs > 60_000) {
    problems.push(`HALLQ_DB_CONNECT_TIMEOUT_MS must be whole milliseconds from 50 to 60000, got "${env.HALLQ_DB_CONNECT_TIMEOUT_MS}"`);
  }
  const dbQueryTimeoutMs = Number(env.HALLQ_DB_QUERY_TIMEOUT_MS ?? 10_000);
  if (!Number.isInteger(dbQueryTimeoutMs) || dbQueryTimeoutMs < 100 || dbQueryTimeoutMs > 600_000) {
    problems.push(`HALLQ_DB_QUERY_TIMEOUT_MS must be whole milliseconds from 100 to 600000, got "${env.HALLQ_DB_QUERY_TIMEOUT_MS}"`);
  }
  const redisUrl = env.REDIS_URL?.trim() || '';
  if (redisUrl && !/^rediss?:\/\/[^/]/.test(redisUrl)) problems.push(`REDIS_URL must look like redis://host:6379 (or rediss:// for TLS), got "${redisUrl}"`);
  const redisPrefix = env.HALLQ_REDIS_PREFIX?.trim() || 'hallq';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(redisPrefix)) problems.push(`HALLQ_REDIS_PREFIX must be 1-64 letters, digits or _ . : -, got "${redisPrefix}"`);
  const production = env.NODE_ENV === 'production';
  const int = (name: string, dflt: number, min: number, max: number): number => {
    const raw = env[name];
    const v = raw === undefined || raw === '' ? dflt : Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return v;
  };
  // 100 + 500: a request caught by a partition answers 503 within 0.6 s and a few ms, inside the issue's
  // second with room for a loaded event loop (200 ms once gave 1.04 s in CI); 500 ms stays far above a
  // ping's answer (under 1 ms here, a few ms on a far database).
  const dbProbeIntervalMs = int('HALLQ_DB_PROBE_INTERVAL_MS', 100, 50, 60_000);
  const dbProbeTimeoutMs = int('HALLQ_DB_PROBE_TIMEOUT_MS', 500, 50, 60_000);
  const secret = env.HALLQ_AUTH_SECRET?.trim() || null;
  if (secret !== null && secret.length < 32) problems.push('HALLQ_AUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 48`)');
  if (production && secret === null) problems.push('HALLQ_AUTH_SECRET is required in production (at least 32 random characters, the same on every instance)');
  const adminPassword = env.HALLQ_ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 12) problems.push('HALLQ_ADMIN_PASSWORD must be at least 12 characters');
  if (production && adminPassword === null) {
    problems.push('HALLQ_ADMIN_PASSWORD is required in production (the first admin is created with it when none exists)');
  }
  const auth: AuthConfig = {
    secret,
    adminUser: env.HALLQ_ADMIN_USER?.trim() || 'admin',
    adminPassword,
    sessionHours: int('HALLQ_SESSION_HOURS', 12, 1, 24 * 30),
    maxFailedSignIns: int('HALLQ_SIGNIN_MAX_FAILURES', 5, 1, 100),
    lockMinutes: int('HALLQ_SIGNIN_LOCK_MINUTES', 15, 1, 24 * 60),
    issuePerAddressPerMin: int('HALLQ_RATE_ISSUE_PER_ADDRESS', 30, 1, 1_000_000),
    issuePerDevicePerMin: int('HALLQ_RATE_ISSUE_PER_DEVICE', 60, 1, 1_000_000),
    signInPerAddressPerMin: int('HALLQ_RATE_SIGNIN_PER_ADDRESS', 10, 1, 1_000_000),
  };
  const corsOrigins = (env.HALLQ_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(o)) problems.push(`HALLQ_CORS_ORIGINS must list origins like https://hall.example.gov.cn (no path), got "${o}"`);
  }
  const trustProxy = env.HALLQ_TRUST_PROXY?.trim() || false;
  const alertAfterChangeMs = int('HALLQ_ALERT_AFTER_CHANGE_MS', 2000, 0, 600_000);
  const logFormat = env.HALLQ_LOG_FORMAT ?? (production ? 'json' : 'text');
  if (logFormat !== 'json' && logFormat !== 'text') problems.push(`HALLQ_LOG_FORMAT must be json or text, got "${logFormat}"`);
  const https = env.HALLQ_HTTPS?.trim() || 'auto';
  if (https !== 'auto' && https !== 'always') problems.push(`HALLQ_HTTPS must be auto or always, got "${https}"`);
  const metricsToken = env.HALLQ_METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && !/^[\x21-\x7e]{24,}$/.test(metricsToken)) {
    problems.push('HALLQ_METRICS_TOKEN must be at least 24 printable characters without spaces (e.g. `openssl rand -hex 24`)');
  }
  const edge: EdgeConfig = {
    https: https as EdgeConfig['https'],
    metricsToken,
    apiDocs: flag(env.HALLQ_API_DOCS, !production),
    liveMaxPerAddress: int('HALLQ_LIVE_MAX_PER_ADDRESS', 500, 1, 1_000_000),
  };
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    database: database!,
    defaultTimeZone,
    seedDemo: flag(env.HALLQ_SEED_DEMO, !production),
    production,
    logSql: flag(env.HALLQ_LOG_SQL, false),
    displayDir: resolve(env.HALLQ_DISPLAY_DIR ?? 'dist/display'),
    forecastSlotSec,
    alertAfterChangeMs,
    auth,
    corsOrigins,
    trustProxy,
    logFormat: logFormat as 'json' | 'text',
    logRequests: flag(env.HALLQ_LOG_REQUESTS, production),
    dbConnectTimeoutMs,
    dbQueryTimeoutMs,
    dbProbeIntervalMs,
    dbProbeTimeoutMs,
    redis: redisUrl ? { url: redisUrl, prefix: redisPrefix } : null,
    edge,
  };
}

function flag(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

export const APP_CONFIG = Symbol('APP_CONFIG');
