import { ManualClock } from '@hallq/queue';
import { morningPeakHall } from './support/morning-peak';
import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/** The manager's staffing actions: advice with its effect, apply in one action, dismiss, what-if, audit. */
describe('staffing advice', () => {
  let t: TestApp;
  let h: SmallHall;
  const auditCount = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_entry'))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    // The reported case: enterprise declaration on 4 windows, more windows closed, a long morning line.
    h = await morningPeakHall(t);
  });
  afterAll(() => t.close());

  it('advises more windows for the long line, with the expected effect in words', async () => {
    const r = await t.http.get(`/api/halls/${h.hallId}/advice`).expect(200);
    const ent = r.body.categories.find((c: { category: string }) => c.category === 'enterprise');
    expect(ent.current).toBe(4);
    expect(ent.advised).toBeGreaterThan(4);
    expect(ent.after.expectedWaitMin).toBeLessThan(ent.before.expectedWaitMin);
    expect(ent.advised).toBeLessThanOrEqual(9);
    expect(ent.headline.en).toMatch(/^enterprise: open \d more windows? \(4 -> \d+\), expected wait \d+ -> \d+ min$/);
    expect(ent.headline.zh).toMatch(/建议增开/);
    const open = r.body.actions.filter((a: { kind: string; category: string }) => a.kind === 'open' && a.category === 'enterprise');
    expect(open.length).toBeGreaterThan(0);
    expect(open[0].message.en).toMatch(/^Open window [6-9] for enterprise/);
  });

  it('applies an action in one step, logs it, and refuses it the second time', async () => {
    const advice = (await t.http.get(`/api/halls/${h.hallId}/advice`).expect(200)).body;
    const action = advice.actions.find((a: { kind: string }) => a.kind === 'open');
    const applied = await t.http.post(`/api/halls/${h.hallId}/advice/apply`).send({
      kind: action.kind, windowId: action.windowId, category: action.category, categories: action.categories,
    }).expect(200);
    expect(applied.body.window).toMatchObject({ id: action.windowId, state: 'open' });
    expect(applied.body.window.categories).toContain('enterprise');
    const log = (await t.http.get(`/api/halls/${h.hallId}/audit`).expect(200)).body;
    expect(log[0]).toMatchObject({
      action: 'advice.applied',
      actor: 'test-admin',
      data: { windowId: action.windowId, before: { state: 'closed' }, after: { state: 'open' } },
    });
    // The window now calls enterprise tickets.
    const called = await t.http.post(`/api/halls/${h.hallId}/windows/${action.windowId}/call-next`).expect(200);
    expect(called.body.category).toBe('enterprise');

    const before = await auditCount();
    const again = await t.http
      .post(`/api/halls/${h.hallId}/advice/apply`)
      .send({ kind: 'open', windowId: action.windowId, category: 'enterprise' })
      .expect(409);
    expect(again.body.message).toMatch(/already open/);
    expect(await auditCount()).toBe(before);
  });

  it('moves a window between categories, and refuses a stale move', async () => {
    const w5 = h.windows['5'];
    const moved = await t.http
      .post(`/api/halls/${h.hallId}/advice/apply`)
      .send({ kind: 'move', windowId: w5, category: 'enterprise', fromCategory: 'social' })
      .expect(200);
    expect(moved.body.window.categories).toEqual(['enterprise']);
    const before = await auditCount();
    await t.http.post(`/api/halls/${h.hallId}/advice/apply`).send({ kind: 'move', windowId: w5, category: 'enterprise', fromCategory: 'social' }).expect(409);
    expect(await auditCount()).toBe(before);
  });

  it('logs a dismissal', async () => {
    await t.http
      .post(`/api/halls/${h.hallId}/advice/dismiss`)
      .send({ kind: 'open', windowId: h.windows['9'], category: 'enterprise', reason: 'no clerk' })
      .expect(200);
    const log = (await t.http.get(`/api/halls/${h.hallId}/audit`).expect(200)).body;
    expect(log[0]).toMatchObject({ action: 'advice.dismissed', data: { reason: 'no clerk' } });
  });

  it('answers a what-if without changing anything', async () => {
    const windows = ['7', '8', '9'].map((l) => ({ windowId: h.windows[l], state: 'open', categories: ['enterprise'] }));
    const r = await t.http.post(`/api/halls/${h.hallId}/what-if`).send({ windows }).expect(200);
    const ent = r.body.categories.find((c: { category: string }) => c.category === 'enterprise');
    expect(ent.after.windows).toBeGreaterThan(ent.before.windows);
    expect(ent.after.predictedWaitMin).toBeLessThan(ent.before.predictedWaitMin);
    const w7 = (await t.http.get(`/api/halls/${h.hallId}/windows`)).body.find((w: { label: string }) => w.label === '7');
    expect(w7).toMatchObject({ state: 'closed', categories: ['tax'] });
  });

  it('refuses malformed or foreign actions and what-ifs with 4xx, changing nothing', async () => {
    const before = await auditCount();
    await t.http.post(`/api/halls/${h.hallId}/what-if`).send({ windows: [] }).expect(400);
    await t.http.post(`/api/halls/${h.hallId}/what-if`).send({ windows: [{ windowId: 'nope' }] }).expect(404);
    await t.http.post(`/api/halls/${h.hallId}/what-if`).send({ windows: [{ windowId: h.windows['7'], categories: ['passport'] }] }).expect(404);
    await t.http.post(`/api/halls/${h.hallId}/what-if`).send({ windows: [{ windowId: h.windows['7'], state: 'exploded' }] }).expect(400);
    await t.http.post(`/api/halls/${h.hallId}/advice/apply`).send({ kind: 'teleport', windowId: h.windows['7'], category: 'enterprise' }).expect(400);
    const other = await t.http.post('/api/halls').send({ name: 'Other hall' }).expect(201);
    await t.http.post(`/api/halls/${other.body.id}/advice/apply`).send({ kind: 'open', windowId: h.windows['7'], category: 'enterprise' }).expect(404);
    expect(await auditCount()).toBe(before);
  });
});

describe("tomorrow's window plan", () => {
  let t: TestApp;
  let h: SmallHall;
  const HOUR = 3_600_000;
  const saturday8am = Date.UTC(2026, 10, 28, 0, 0); // 08:00 in Shanghai

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(saturday8am) });
    h = await createSmallHall(t);
    // Two days of history: a morning peak (one ticket every 3 minutes, 09:00-11:00), a quiet afternoon.
    let n = 0;
    for (const day of [0, 1]) {
      const base = saturday8am + day * 24 * HOUR;
      const times = [
        ...Array.from({ length: 40 }, (_, i) => base + HOUR + i * 3 * 60_000),
        ...Array.from({ length: 8 }, (_, i) => base + 6 * HOUR + i * 15 * 60_000),
      ];
      for (const at of times) {
        t.clock.set(at);
        await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', `p${n++}`).send({ category: 'enterprise' }).expect(201);
      }
    }
    t.clock.set(saturday8am + 2 * 24 * HOUR); // Monday 08:00
  });
  afterAll(() => t.close());

  it('plans each half hour of the opening hours from history, with the morning peak', async () => {
    const r = await t.http.get(`/api/halls/${h.hallId}/plan`).expect(200);
    expect(r.body).toMatchObject({ date: '2026-12-01', stepMinutes: 30 });
    expect(r.body.slots.map((s: { local: string }) => s.local)).toEqual(
      Array.from({ length: 18 }, (_, i) => `${String(8 + Math.floor((i + 1) / 2)).padStart(2, '0')}:${i % 2 ? '00' : '30'}`),
    );
    const slot = (local: string) => r.body.slots.find((s: { local: string }) => s.local === local);
    const ent = (local: string) => slot(local).categories.find((c: { category: string }) => c.category === 'enterprise');
    expect(ent('09:30').arrivalsPerHour).toBeCloseTo(20, 0); // 40 tickets in two hours: 20 an hour
    expect(ent('09:30').windows).toBeGreaterThan(ent('14:30').windows);
    expect(ent('14:30').windows).toBeGreaterThan(0);
    expect(r.body.peakWindows).toBeGreaterThanOrEqual(slot('09:30').totalWindows);
  });

  it('refuses a malformed date', async () => {
    const r = await t.http.get(`/api/halls/${h.hallId}/plan?date=tomorrow`).expect(400);
    expect(r.body.message).toMatch(/YYYY-MM-DD/);
  });
});
