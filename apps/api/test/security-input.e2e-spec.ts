import { createHash } from 'node:crypto';
import { AlertsJob } from '../src/alerts/alerts.job';
import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/**
 * Issue 14, input checks: null in any field of any body, service days at the edges of the calendar on
 * every date-taking route, and names holding hidden characters or only spaces. Each is refused with a
 * 400 naming the field and saying what is wrong, and nothing is written. Routes and fields come from the
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
    // Only the issue answer carries a ticket's token: keep them by ticket id to rate the one called.
    const tokens = new Map<string, string>();
    for (const key of ['input-1', 'input-2']) {
      const issued = await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', key).send({ category: 'enterprise' }).expect(201);
      tokens.set(issued.body.id, issued.body.token);
    }
    const called = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/call-next`).expect(200);
    for (const step of ['start', 'finish']) await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/${step}`).expect(200);
    await t.app.get(AlertsJob).evaluateAll();
    ids = {
      hallId: h.hallId, category: 'enterprise', windowId: h.windows['1'], accountId: account.body.id, deviceId: device.body.id,
      token: tokens.get(called.body.id)!, alertId: 'no-such-alert',
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

  describe('names and labels', () => {
    /** Each route and body with the text under test in one field; everything else in the body is valid. */
    const targets = (): { what: string; method: string; url: string; body: (x: string) => Record<string, unknown>; field: string }[] => [
      { what: 'new hall name', method: 'post', url: '/api/halls', field: 'name', body: (x) => ({ name: x }) },
      { what: 'hall name', method: 'patch', url: `/api/halls/${h.hallId}`, field: 'name', body: (x) => ({ name: x }) },
      ...(['nameZh', 'nameEn'] as const).flatMap((f) => [
        { what: `new category ${f}`, method: 'post', url: `/api/halls/${h.hallId}/categories`, field: f,
          body: (x: string) => ({ code: 'passport', prefix: 'P', nameZh: '护照', nameEn: 'Passport', targetWaitSec: 600, defaultServiceSec: 300, [f]: x }) },
        { what: `category ${f}`, method: 'patch', url: `/api/halls/${h.hallId}/categories/enterprise`, field: f, body: (x: string) => ({ [f]: x }) },
      ]),
      { what: 'category materials', method: 'patch', url: `/api/halls/${h.hallId}/categories/enterprise`, field: 'materials',
        body: (x) => ({ materials: ['身份证', x] }) },
      { what: 'new window label', method: 'post', url: `/api/halls/${h.hallId}/windows`, field: 'label', body: (x) => ({ label: x, categories: [] }) },
      { what: 'window label', method: 'patch', url: `/api/halls/${h.hallId}/windows/${h.windows['2']}`, field: 'label', body: (x) => ({ label: x }) },
      { what: 'device label', method: 'post', url: `/api/halls/${h.hallId}/devices`, field: 'label', body: (x) => ({ kind: 'screen', label: x }) },
      { what: 'new account displayName', method: 'post', url: '/api/accounts', field: 'displayName',
        body: (x) => ({ username: 'new-clerk', role: 'clerk', password: 'new-clerk-password', displayName: x }) },
      { what: 'new account username', method: 'post', url: '/api/accounts', field: 'username',
        body: (x) => ({ username: x, role: 'clerk', password: 'new-clerk-password' }) },
      { what: 'account displayName', method: 'patch', url: `/api/accounts/${ids.accountId}`, field: 'displayName', body: (x) => ({ displayName: x }) },
      { what: 'pause reason', method: 'post', url: `/api/halls/${h.hallId}/windows/${h.windows['2']}/pause`, field: 'reason', body: (x) => ({ reason: x }) },
      { what: 'call reason', method: 'post', url: `/api/halls/${h.hallId}/windows/${h.windows['2']}/call`, field: 'reason',
        body: (x) => ({ number: 'A001', reason: x }) },
      { what: 'dismiss reason', method: 'post', url: `/api/halls/${h.hallId}/advice/dismiss`, field: 'reason',
        body: (x) => ({ kind: 'open', windowId: h.windows['3'], category: 'tax', reason: x }) },
      { what: 'rating comment', method: 'post', url: `/api/tickets/${ids.token}/rating`, field: 'comment', body: (x) => ({ score: 4, comment: x }) },
    ];
    const hidden: [string, string, RegExp][] = [
      ['NUL', 'Zone\u0000A', /control character \(U\+0000\) at character 5/],
      ['bell', 'Zone\u0007A', /control character \(U\+0007\)/],
      ['escape', '\u001b[31mA', /control character \(U\+001B\) at character 1/],
      ['DEL', 'A\u007f', /control character \(U\+007F\)/],
      ['tab', 'A\tB', /tab \(U\+0009\)/],
      ['zero-width space', '窗口\u200b1', /zero-width.*U\+200B|U\+200B.*zero-width/],
      ['zero-width joiner', 'A\u200dB', /U\+200D/],
      ['byte-order mark inside', 'A\ufeffB', /U\+FEFF/],
      ['right-to-left override', 'exe.\u202etxt', /text-direction control \(U\+202E\)/],
      ['left-to-right isolate', 'A\u2066B', /text-direction control \(U\+2066\)/],
      ['line separator', 'A\u2028B', /line break \(U\+2028\)/],
      ['private use', 'A\ue000', /private-use character \(U\+E000\)/],
    ];
    const singleLine: [string, string, RegExp][] = [['newline', 'A\nB', /line break \(U\+000A\)/]];
    const blank: [string, string, RegExp][] = [
      ['empty', '', /must not be empty or only spaces/],
      ['spaces', '   ', /must not be empty or only spaces/],
      ['ideographic spaces', '\u3000\u3000', /must not be empty or only spaces/],
      ['newlines', '\n\n', /must not be empty or only spaces/],
    ];

    it('refuses hidden characters, line breaks in one-line names and names of only spaces: 400 saying what is wrong, nothing written', async () => {
      const before = await digest();
      const failures: string[] = [];
      for (const target of targets()) {
        const free = target.what === 'rating comment';
        // A window label and a username were letters and digits only before; their own messages stay.
        const own = target.field === 'label' && target.what.includes('window') ? /label must be 1-16 letters, digits or -/
          : target.field === 'username' ? /username must be 3-64 letters/ : null;
        const cases = [...hidden, ...(free ? [] : singleLine), ...(free ? [] : blank)];
        for (const [name, value, message] of cases) {
          const r = await send(target.method, target.url, target.body(value));
          const said = `${(r.body?.details?.fields?.[target.field] ?? []).join(' ')} ${r.body?.message ?? ''}`;
          if (r.status !== 400 || r.body.code !== 'VALIDATION_FAILED' || !(own ?? message).test(said)) {
            failures.push(`${target.what} with ${name} -> ${r.status} ${JSON.stringify(r.body).slice(0, 240)}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(await digest()).toBe(before);
    });

    it('names the field and the position: "nameZh contains ... at character 3"', async () => {
      const r = await t.http.patch(`/api/halls/${h.hallId}/categories/enterprise`).send({ nameZh: '企业\u202e开办' }).expect(400);
      expect(r.body.message).toBe(
        'Invalid request: nameZh: nameZh contains a text-direction control (U+202E) that can make the text read differently than it is stored ' +
        'at character 3; remove it and send plain text',
      );
      const m = await t.http.patch(`/api/halls/${h.hallId}/categories/enterprise`).send({ materials: ['身份证', ' '] }).expect(400);
      expect(m.body.details.fields.materials).toContain('materials[1] must not be empty or only spaces');
    });

    it('keeps plain CJK, Latin, digits, spaces inside and punctuation, trimmed of leading and trailing whitespace', async () => {
      const hall = await t.http.post('/api/halls').send({ name: '  浦东新区市民中心（二号楼）· Zone B-2\u3000' }).expect(201);
      expect(hall.body.name).toBe('浦东新区市民中心（二号楼）· Zone B-2');
      const cat = await t.http.patch(`/api/halls/${hall.body.id}`).send({ name: "St. Mary's Hall, No. 5 & 6 — 东区 \"A\"!" }).expect(200);
      expect(cat.body.name).toBe("St. Mary's Hall, No. 5 & 6 — 东区 \"A\"!");
      const c = await t.http.post(`/api/halls/${hall.body.id}/categories`).send({
        code: 'social', prefix: 'B', nameZh: ' 社保 / 医保 ', nameEn: 'Social insurance (pension)', targetWaitSec: 600, defaultServiceSec: 300,
        materials: [' 身份证 ', '户口本（原件）'],
      }).expect(201);
      expect(c.body).toMatchObject({ nameZh: '社保 / 医保', nameEn: 'Social insurance (pension)', materials: ['身份证', '户口本（原件）'] });
      const d = await t.http.post(`/api/halls/${hall.body.id}/devices`).send({ kind: 'screen', label: 'Screen №1 – 入口 ' }).expect(201);
      expect(d.body.label).toBe('Screen №1 – 入口');
      const a = await t.http.post('/api/accounts')
        .send({ username: 'clerk-wang', role: 'clerk', password: 'clerk-wang-password', displayName: ' 王小明 ', windowIds: [h.windows['3']] }).expect(201);
      expect(a.body.displayName).toBe('王小明');
      const w = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['3']}/pause`).send({ reason: ' 午休 12:00-13:00 ' }).expect(200);
      expect(w.body.pauseReason ?? w.body.window?.pauseReason).toBe('午休 12:00-13:00');
    });

    it('a rating comment may span lines and hold emoji; empty or only spaces counts as no comment', async () => {
      const r = await t.http.post(`/api/tickets/${ids.token}/rating`).send({ score: 4, comment: ' 材料已经交过一次。\n第二次来 😀 ' }).expect(201);
      expect(r.body.comment).toBe('材料已经交过一次。\n第二次来 😀');
      t.clock.advance(60_000); // the pad rates the ticket the window finished last
      await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/call-next`).expect(200);
      for (const step of ['start', 'finish']) await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/${step}`).expect(200);
      const pad = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/rating`).send({ score: 5, comment: '  \n ' }).expect(201);
      expect(pad.body.comment).toBeNull();
    });
  });
});
