import { ManualClock } from '@hallq/queue';
import { AlertsJob } from '../src/alerts/alerts.job';
import { JobLockService } from '../src/cluster/job-lock.service';
import { CloseOutJob } from '../src/queue/close-out.job';
import { createSmallHall, MONDAY_10AM_SHANGHAI, startTestApp, type TestApp } from './support/test-app';

const MIN = 60_000;

/**
 * Scheduled work runs once across instances: two api instances (two app instances, each with its own
 * instance id, on one database: SQLite or a MariaDB scratch schema) contend for the job_lock lease.
 */
describe('scheduled work on two instances', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ clock: new ManualClock(MONDAY_10AM_SHANGHAI) });
    b = await startTestApp({ clock: new ManualClock(MONDAY_10AM_SHANGHAI), db: a.db });
  });
  afterAll(async () => {
    await b.close({ keepDatabase: true });
    await a.close();
  });

  it('gives a lease to exactly one of many concurrent contenders, and to the other once it expires', async () => {
    const [la, lb] = [a.app.get(JobLockService), b.app.get(JobLockService)];
    expect(la.holder).not.toBe(lb.holder);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? lb : la).acquire('race', 10_000).then((won) => ({ won, holder: (i % 2 ? lb : la).holder }))),
    );
    const winners = new Set(results.filter((r) => r.won).map((r) => r.holder));
    expect(winners.size).toBe(1);
    const row = await a.dataSource.query('SELECT holder FROM job_lock WHERE name = ?', ['race']);
    expect(row).toEqual([{ holder: [...winners][0] }]);

    expect(await la.acquire('handover', 300)).toBe(true);
    expect(await lb.acquire('handover', 300)).toBe(false);
    expect(await la.acquire('handover', 300)).toBe(true); // the holder renews
    await new Promise((r) => setTimeout(r, 350));
    expect(await lb.acquire('handover', 10_000)).toBe(true); // expired: the other takes over
    expect(await la.acquire('handover', 10_000)).toBe(false);
  });

  it('evaluates alerts on one instance only, however often both tick, and raises each alert once', async () => {
    const h = await createSmallHall(a);
    for (let i = 0; i < 6; i++) {
      await a.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', `e${i}`).send({ category: 'enterprise' }).expect(201);
    }
    a.clock.advance(45 * MIN);
    b.clock.advance(45 * MIN);
    const [sa, sb] = [a.app.get(AlertsJob), b.app.get(AlertsJob)];
    const ran: boolean[] = [];
    for (let tick = 0; tick < 3; tick++) ran.push(...(await Promise.all([sa.evaluateAll(), sb.evaluateAll()])));
    // The first instance to tick holds the lease and keeps renewing it; the other skips every time.
    expect(ran.filter(Boolean)).toHaveLength(3);
    expect(new Set([ran[0], ran[2], ran[4]]).size).toBe(1);
    const rows: { scope: string; subjectId: string; n: number | string }[] = await a.dataSource.query(
      'SELECT scope, subjectId, COUNT(*) AS n FROM alert WHERE hallId = ? AND clearedAt IS NULL GROUP BY scope, subjectId', [h.hallId],
    );
    expect(rows.length).toBeGreaterThan(0); // 6 enterprise tickets past their 20 min target
    for (const r of rows) expect(Number(r.n)).toBe(1);
  });

  it('runs the close-out job on one instance per period', async () => {
    const ran = await Promise.all([a.app.get(CloseOutJob).run(), b.app.get(CloseOutJob).run()]);
    expect(ran.filter(Boolean)).toHaveLength(1);
  });
});
