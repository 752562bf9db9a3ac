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
  /**
   * Redis for running several api instances (REDIS_URL): socket.io broadcasts, the hall event bus and
   * the per-hall seq go through it. Null = one instance on its own, as before. `prefix` starts every key
   * and channel this instance uses (HALLQ_REDIS_PREFIX), so deployments and test runs can share a Redis.
   */
  redis: { url: string; prefix: string } | null;
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
  const redisUrl = env.REDIS_URL?.trim() || '';
  if (redisUrl && !/^rediss?:\/\/[^/]/.test(redisUrl)) problems.push(`REDIS_URL must look like redis://host:6379 (or rediss:// for TLS), got "${redisUrl}"`);
  const redisPrefix = env.HALLQ_REDIS_PREFIX?.trim() || 'hallq';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(redisPrefix)) problems.push(`HALLQ_REDIS_PREFIX must be 1-64 letters, digits or _ . : -, got "${redisPrefix}"`);
  const production = env.NODE_ENV === 'production';
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
    redis: redisUrl ? { url: redisUrl, prefix: redisPrefix } : null,
  };
}

function flag(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

export const APP_CONFIG = Symbol('APP_CONFIG');
