import { startTestApp, type TestApp } from './support/test-app';

describe('health probes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers live and ready at /health, outside /api', async () => {
    expect((await t.http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('reports not ready with 503 when the database is gone', async () => {
    await t.dataSource.destroy();
    const r = await t.http.get('/health/ready').expect(503);
    expect(r.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    expect((await t.http.get('/health/live')).status).toBe(200);
    await t.dataSource.initialize();
  });
});
