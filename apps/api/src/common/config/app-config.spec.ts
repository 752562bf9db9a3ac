import { ConfigError, loadConfig } from './app-config';

describe('configuration', () => {
  it('defaults to the SQLite demo on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, database: { type: 'better-sqlite3' }, seedDemo: true, forecastSlotSec: 1800, defaultTimeZone: 'Asia/Shanghai' });
    const prod = { NODE_ENV: 'production', HALLQ_AUTH_SECRET: 'x'.repeat(32), HALLQ_ADMIN_PASSWORD: 'a long admin password' };
    expect(loadConfig(prod).seedDemo).toBe(false);
  });

  it('refuses a production start without the signing secret and the first admin password', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /HALLQ_AUTH_SECRET is required in production[\s\S]*HALLQ_ADMIN_PASSWORD is required in production/,
    );
    expect(() => loadConfig({ HALLQ_AUTH_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(() => loadConfig({ HALLQ_ADMIN_PASSWORD: 'short' })).toThrow(/at least 12 characters/);
    expect(loadConfig({}).auth).toMatchObject({ secret: null, adminUser: 'admin', adminPassword: null, sessionHours: 12, maxFailedSignIns: 5 });
  });

  it('reads CORS origins and refuses anything but bare origins', () => {
    expect(loadConfig({ HALLQ_CORS_ORIGINS: 'https://a.example.cn, http://b.example.cn:8080' }).corsOrigins)
      .toEqual(['https://a.example.cn', 'http://b.example.cn:8080']);
    expect(() => loadConfig({ HALLQ_CORS_ORIGINS: 'https://a.example.cn/path' })).toThrow(/HALLQ_CORS_ORIGINS/);
  });

  it('reads the HTTP edge settings: docs off in production unless asked, metrics only with a real token', () => {
    const prod = { NODE_ENV: 'production', HALLQ_AUTH_SECRET: 'x'.repeat(32), HALLQ_ADMIN_PASSWORD: 'a long admin password' };
    expect(loadConfig({}).edge).toEqual({ https: 'auto', metricsToken: null, apiDocs: true, liveMaxPerAddress: 500 });
    expect(loadConfig(prod).edge.apiDocs).toBe(false);
    expect(loadConfig({ ...prod, HALLQ_API_DOCS: '1' }).edge.apiDocs).toBe(true);
    expect(loadConfig({ HALLQ_HTTPS: 'always', HALLQ_METRICS_TOKEN: 'a'.repeat(24), HALLQ_LIVE_MAX_PER_ADDRESS: '20' }).edge)
      .toEqual({ https: 'always', metricsToken: 'a'.repeat(24), apiDocs: true, liveMaxPerAddress: 20 });
    expect(() => loadConfig({ HALLQ_HTTPS: 'yes' })).toThrow(/HALLQ_HTTPS must be auto or always/);
    expect(() => loadConfig({ HALLQ_METRICS_TOKEN: 'short' })).toThrow(/HALLQ_METRICS_TOKEN must be at least 24/);
    expect(() => loadConfig({ HALLQ_LIVE_MAX_PER_ADDRESS: '0' })).toThrow(/HALLQ_LIVE_MAX_PER_ADDRESS must be a whole number from 1/);
  });

  it('reads MySQL and MariaDB URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'mariadb://root@127.0.0.1:3306/hallq' }).database).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/hallq' });
  });

  it('refuses bad values, naming each one', () => {
    const bad = { PORT: 'eighty', DATABASE_URL: 'postgres://x', HALLQ_TIME_ZONE: 'Mars/Base', HALLQ_FORECAST_SLOT_SECONDS: '7' };
    expect(() => loadConfig(bad)).toThrow(ConfigError);
    try {
      loadConfig(bad);
    } catch (e) {
      const m = (e as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'HALLQ_TIME_ZONE', 'HALLQ_FORECAST_SLOT_SECONDS']) expect(m).toContain(name);
    }
    expect(loadConfig({ HALLQ_FORECAST_SLOT_SECONDS: '90' }).forecastSlotSec).toBe(90);
    // Each whole-number setting is checked before the configuration is accepted, whatever its place.
    expect(() => loadConfig({ HALLQ_ALERT_AFTER_CHANGE_MS: 'soon' })).toThrow(/HALLQ_ALERT_AFTER_CHANGE_MS/);
    expect(loadConfig({ HALLQ_ALERT_AFTER_CHANGE_MS: '0' }).alertAfterChangeMs).toBe(0);
  });

  it('bounds database waits: connect 1 s and statements 10 s by default, both settable', () => {
    expect(loadConfig({})).toMatchObject({ dbConnectTimeoutMs: 1000, dbQueryTimeoutMs: 10_000 });
    expect(loadConfig({ HALLQ_DB_CONNECT_TIMEOUT_MS: '800', HALLQ_DB_QUERY_TIMEOUT_MS: '3000' }))
      .toMatchObject({ dbConnectTimeoutMs: 800, dbQueryTimeoutMs: 3000 });
    expect(() => loadConfig({ HALLQ_DB_CONNECT_TIMEOUT_MS: '0' })).toThrow(/HALLQ_DB_CONNECT_TIMEOUT_MS/);
    expect(() => loadConfig({ HALLQ_DB_QUERY_TIMEOUT_MS: 'soon' })).toThrow(/HALLQ_DB_QUERY_TIMEOUT_MS/);
  });

  it('probes the database every 100 ms with a 500 ms bound by default (the circuit breaker), both settable', () => {
    expect(loadConfig({})).toMatchObject({ dbProbeIntervalMs: 100, dbProbeTimeoutMs: 500 });
    expect(loadConfig({ HALLQ_DB_PROBE_INTERVAL_MS: '1000', HALLQ_DB_PROBE_TIMEOUT_MS: '2000' }))
      .toMatchObject({ dbProbeIntervalMs: 1000, dbProbeTimeoutMs: 2000 });
    expect(() => loadConfig({ HALLQ_DB_PROBE_INTERVAL_MS: '0' })).toThrow(/HALLQ_DB_PROBE_INTERVAL_MS/);
    expect(() => loadConfig({ HALLQ_DB_PROBE_TIMEOUT_MS: 'fast' })).toThrow(/HALLQ_DB_PROBE_TIMEOUT_MS/);
  });

  it('runs alone without REDIS_URL, and reads Redis with its key prefix when set', () => {
    expect(loadConfig({}).redis).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'hallq' });
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6380/2', HALLQ_REDIS_PREFIX: 'city-a' }).redis).toEqual({ url: 'rediss://cache:6380/2', prefix: 'city-a' });
    expect(() => loadConfig({ REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ REDIS_URL: 'redis://cache', HALLQ_REDIS_PREFIX: 'bad prefix!' })).toThrow(/HALLQ_REDIS_PREFIX/);
  });
});
