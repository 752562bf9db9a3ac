import { createHash } from 'node:crypto';
import { AlertsService } from '../src/alerts/alerts.service';
import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/**
 * Issue 14, input checks: null in any field of any body, and service days at the edges of the calendar
 * on every date-taking route. Each is refused with a 400 naming the field and saying what is wrong, and
 * nothing is written. Routes and fields come from the
 * OpenAPI document, so a route or field added later is covered too.
 */
type Doc = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };

describe('security: input checks', () => {
  let t: TestApp;
  let h: SmallHall;
  let doc: Doc;
  let ids: Record<string, string>;

  /** Every row of every table but the credential store and the job leases (see fuzz.e2e-spec.ts). */
  const digest = async (): Promise<string> => {
    const hash = createHash('sha256');
    const tables = t.dataSource.entityMetadatas.map((m) => m.tableName).filter((n) => n !== 'staff_session' && n !== 'job_lock').sort();
    for (const table of tables) {
      const rows = await t.dataSource.query(`SELECT * FROM ${table} ORDER BY 1`);
      hash.update(`${table}:${rows.length}:${JSON.stringify(rows)}\n`);
    }
    return hash.digest('hex');
  };

  const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'no-such-thing');

  const send = (method: string, url: string, body?: unknown) => {
    const r = t.http[method as 'post'](url).set('Idempotency-Key', `input-${Math.random().toString(36).slice(2)}`);
    return body === undefined ? r : r.send(body as object);
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { HALLQ_RATE_SIGNIN_PER_ADDRESS: '100000', HALLQ_RATE_ISSUE_PER_ADDRESS: '100000', HALLQ_ALERT_AFTER_CHANGE_MS: '0' } });
    h = await createSmallHall(t);
    const account = await t.http.post('/api/accounts')
      .send({ username: 'input-manager', role: 'manager', password: 'input-manager-pw', hallIds: [h.hallId] }).expect(201);
    const device = await t.http.post(`/api/halls/${h.hallId}/devices`).send({ kind: 'kiosk', label: 'Kiosk 1' }).expect(201);
    for (const key of ['input-1', 'input-2']) {
      await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', key).send({ category: 'enterprise' }).expect(201);
    }
    const ticket = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/call-next`).expect(200);
    for (const step of ['start', 'finish']) await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/${step}`).expect(200);
    await t.app.get(AlertsService).evaluateAll();
    ids = {
      hallId: h.hallId, category: 'enterprise', windowId: h.windows['1'], accountId: account.body.id, deviceId: device.body.id,
      token: ticket.body.token, alertId: 'no-such-alert',
    };
    doc = (await t.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t?.close());

  const bodyRoutes = (method: string) =>
    Object.entries(doc.paths).flatMap(([path, ops]) => {
      const ref = ops[method]?.requestBody?.content?.['application/json']?.schema?.$ref as string | undefined;
      return ref ? [{ path, fields: Object.keys(doc.components.schemas[ref.split('/').pop()!].properties ?? {}) }] : [];
    });

  it("the probe's requests: a null target wait, a report for 9999-12-31, a plan for 2026-02-30 or 0001-01-01", async () => {
    const before = await digest();
    const nul = await t.http.patch(`/api/halls/${h.hallId}/categories/enterprise`).send({ targetWaitSec: null }).expect(400);
    expect(nul.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining('targetWaitSec must not be null') });
    const report = await t.http.get(`/api/halls/${h.hallId}/reports/day?from=9999-12-31&to=9999-12-31`).expect(400);
    expect(report.body.message).toContain('from must be a day from 2000-01-01 to 2099-12-31; got "9999-12-31"');
    for (const date of ['2026-02-30', '0001-01-01']) {
      const plan = await t.http.get(`/api/halls/${h.hallId}/plan?date=${date}`).expect(400);
      expect(plan.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: { date: [expect.stringContaining(date)] } } });
    }
    expect(await digest()).toBe(before);
    expect((await t.http.get(`/api/halls/${h.hallId}/categories`).expect(200)).body.find((c: any) => c.code === 'enterprise').targetWaitSec).toBe(1200);
  });

  it('null in every field of every PATCH route: 400 naming the field, nothing written', async () => {
    const routes = bodyRoutes('patch');
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining([
      '/api/halls/{hallId}', '/api/halls/{hallId}/categories/{category}', '/api/halls/{hallId}/windows/{windowId}', '/api/accounts/{accountId}',
    ]));
    const before = await digest();
    const failures: string[] = [];
    for (const { path, fields } of routes) {
      for (const field of fields) {
        const r = await send('patch', fill(path), { [field]: null });
        const first = r.body?.details?.fields?.[field]?.[0] ?? '';
        if (r.status !== 400 || r.body.code !== 'VALIDATION_FAILED' || !first.includes(`${field} must not be null`)) {
          failures.push(`PATCH ${path} { ${field}: null } -> ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await digest()).toBe(before);
  });

  it('null in every field of every POST body: 400 naming the field, never a 5xx, nothing written', async () => {
    const routes = bodyRoutes('post');
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const before = await digest();
    const failures: string[] = [];
    for (const { path, fields } of routes) {
      for (const field of fields) {
        const r = await send('post', fill(path), { [field]: null });
        if (r.status !== 400 || !(r.body?.details?.fields?.[field]?.[0] ?? '').includes(`${field} must not be null`)) {
          failures.push(`POST ${path} { ${field}: null } -> ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await digest()).toBe(before);
  });

  describe('service days on every date-taking route', () => {
    const dateRoutes = () =>
      Object.entries(doc.paths).flatMap(([path, ops]) => {
        const query = ((ops.get?.parameters ?? []) as any[]).filter((p) => p.in === 'query');
        const names = query.map((p) => p.name as string).filter((n) => ['from', 'to', 'date'].includes(n));
        return names.length ? [{ path, names }] : [];
      });
    const query = (names: string[], day: (n: string) => string) => names.map((n) => `${n}=${encodeURIComponent(day(n))}`).join('&');

    it('finds the report, CSV, ratings and plan routes', () => {
      expect(dateRoutes().map((r) => r.path).sort()).toEqual([
        '/api/halls/{hallId}/plan', '/api/halls/{hallId}/ratings', '/api/halls/{hallId}/reports/day', '/api/halls/{hallId}/reports/day.csv',
      ]);
    });

    it('refuses days at the edges of the calendar or outside 2000-01-01..2099-12-31, and days that do not exist: 400 naming the field', async () => {
      const before = await digest();
      const failures: string[] = [];
      const bad: [string, RegExp][] = [
        ['0001-01-01', /must be a day from 2000-01-01 to 2099-12-31; got "0001-01-01"/],
        ['9999-12-31', /must be a day from 2000-01-01 to 2099-12-31; got "9999-12-31"/],
        ['1999-12-31', /must be a day from 2000-01-01/],
        ['2100-01-01', /must be a day from 2000-01-01/],
        ['0000-00-00', /must be a date as YYYY-MM-DD, e\.g\. 2026-11-30; got "0000-00-00"/],
        ['2026-02-30', /must be a date as YYYY-MM-DD, e\.g\. 2026-11-30; got "2026-02-30"/],
        ['2026-11-31', /must be a date as YYYY-MM-DD/],
        ['+02026-11-30', /must be a date as YYYY-MM-DD/],
        ['', /must be a date as YYYY-MM-DD/],
      ];
      for (const { path, names } of dateRoutes()) {
        for (const name of names) {
          for (const [value, message] of bad) {
            const r = await t.http.get(`${fill(path)}?${query(names, (n) => (n === name ? value : '2026-11-30'))}`);
            const said = r.body?.details?.fields?.[name]?.join(' ') ?? '';
            if (r.status !== 400 || !message.test(said) || !said.startsWith(`${name} `) || !/application\/json/.test(r.headers['content-type'])) {
              failures.push(`${path} ${name}=${value} -> ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
      expect(await digest()).toBe(before);
    });

    it('takes the first and the last day of the range on every route (200)', async () => {
      for (const { path, names } of dateRoutes()) {
        for (const day of ['2000-01-01', '2099-12-31', '2026-11-30']) {
          const r = await t.http.get(`${fill(path)}?${query(names, () => day)}`);
          expect({ path, day, status: r.status }).toEqual({ path, day, status: 200 });
        }
      }
      const plan = await t.http.get(`/api/halls/${h.hallId}/plan?date=2099-12-31`).expect(200);
      expect(plan.body.date).toBe('2099-12-31');
    });
  });
});
