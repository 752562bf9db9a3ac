import { ConfigError, loadConfig } from './app-config';

describe('configuration', () => {
  it('defaults to the SQLite demo on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, database: { type: 'better-sqlite3' }, seedDemo: true, forecastSlotSec: 1800, defaultTimeZone: 'Asia/Shanghai' });
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
  });

  it('reads MySQL and MariaDB URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'mariadb://root@127.0.0.1:3306/hallq' }).database).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/hallq' });
  });

  it('refuses bad values, naming each one', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', HALLQ_TIME_ZONE: 'Mars/Base', HALLQ_FORECAST_SLOT_SECONDS: '7' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', HALLQ_TIME_ZONE: 'Mars/Base', HALLQ_FORECAST_SLOT_SECONDS: '7' });
    } catch (e) {
      const m = (e as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'HALLQ_TIME_ZONE', 'HALLQ_FORECAST_SLOT_SECONDS']) expect(m).toContain(name);
    }
    expect(loadConfig({ HALLQ_FORECAST_SLOT_SECONDS: '90' }).forecastSlotSec).toBe(90);
  });

  it('runs alone without REDIS_URL, and reads Redis with its key prefix when set', () => {
    expect(loadConfig({}).redis).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'hallq' });
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6380/2', HALLQ_REDIS_PREFIX: 'city-a' }).redis).toEqual({ url: 'rediss://cache:6380/2', prefix: 'city-a' });
    expect(() => loadConfig({ REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ REDIS_URL: 'redis://cache', HALLQ_REDIS_PREFIX: 'bad prefix!' })).toThrow(/HALLQ_REDIS_PREFIX/);
  });
});
