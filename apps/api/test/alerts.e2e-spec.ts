import { SchedulerRegistry } from '@nestjs/schedule';
import { AlertsJob } from '../src/alerts/alerts.job';
import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

const MIN = 60_000;

/** Alerts escalate with the injectable clock: predicted over target, over target, over twice the target. */
describe('alerts', () => {
  let t: TestApp;
  let h: SmallHall;
  let alerts: AlertsJob;
  const open = async () =>
    (await t.http.get(`/api/halls/${h.hallId}/alerts`).expect(200)).body as {
      id: string;
      scope: string;
      subject: string;
      level: string;
      acknowledgedAt: number | null;
    }[];

  beforeAll(async () => {
    // This file drives each evaluation itself; the one after changes is tested below.
    t = await startTestApp({ env: { HALLQ_ALERT_AFTER_CHANGE_MS: '0' } });
    // Enterprise (20 min target, 15 min services) on one window; social (15 min target) on another.
    h = await createSmallHall(t, [
      { label: '1', categories: ['enterprise'], state: 'open' },
      { label: '2', categories: ['social'], state: 'open' },
      { label: '3', categories: ['tax'], state: 'open' },
    ]);
    alerts = t.app.get(AlertsJob);
    // Nor the 30 s round: on a busy machine issuing the 1,200 tickets below outlasts it, and its alerts would be open already.
    t.app.get(SchedulerRegistry).deleteInterval('alerts');
  });
  afterAll(() => t.close());

  it('raises nothing for a hall within its targets', async () => {
    await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', 's1').send({ category: 'social' }).expect(201);
    expect(await alerts.evaluate(h.hallId)).toEqual([]);
    expect(await open()).toEqual([]);
  });

  it('warns before the target is missed, then escalates as the wait grows', async () => {
    for (let i = 0; i < 6; i++) {
      await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', `e${i}`).send({ category: 'enterprise' }).expect(201);
    }
    await alerts.evaluate(h.hallId);
    const line = () => open().then((a) => a.find((x) => x.scope === 'category' && x.subject === 'enterprise'));
    expect((await line())?.level).toBe('predicted_over'); // 6 in line at one 15-minute window
    const predictedTickets = (await open()).filter((a) => a.scope === 'ticket');
    expect(predictedTickets.length).toBeGreaterThan(0);

    t.clock.advance(25 * MIN);
    await alerts.evaluate(h.hallId);
    const over = await line();
    expect(over?.level).toBe('over');
    await t.http.post(`/api/halls/${h.hallId}/alerts/${over!.id}/ack`).expect(200);
    expect((await line())?.acknowledgedAt).not.toBeNull();

    t.clock.advance(20 * MIN);
    const changes = await alerts.evaluate(h.hallId);
    expect(changes.some((c) => c.type === 'escalated' && c.alert.subject === 'enterprise' && c.alert.level === 'over_twice')).toBe(true);
    const twice = await line();
    expect(twice).toMatchObject({ id: over!.id, level: 'over_twice', acknowledgedAt: null }); // escalation asks again
  });

  it('flags a ticket passed back and forth more than twice', async () => {
    const w = (l: string) => `/api/halls/${h.hallId}/windows/${h.windows[l]}`;
    await t.http.post(`${w('3')}/call-next`).expect(204);
    const c = await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', 'c1').send({ category: 'tax' }).expect(201);
    await t.http.post(`${w('3')}/call-next`).expect(200);
    await t.http.post(`${w('3')}/transfer`).send({ window: h.windows['2'] }).expect(200);
    await t.http.post(`${w('2')}/call-next`).expect(200); // social's ticket s1 waits; c1 was sent to window 2 and goes first
    await t.http.post(`${w('2')}/transfer`).send({ window: h.windows['3'] }).expect(200);
    await t.http.post(`${w('3')}/call-next`).expect(200);
    await t.http.post(`${w('3')}/transfer`).send({ window: h.windows['2'] }).expect(200);
    await alerts.evaluate(h.hallId);
    const flagged = (await open()).find((a) => a.scope === 'transfers');
    expect(flagged).toMatchObject({ subject: c.body.number, level: 'ping_pong' });
  });

  it('clears alerts when the line is served, and keeps them for the record', async () => {
    await t.http.patch(`/api/halls/${h.hallId}/categories/enterprise`).send({ targetWaitSec: 86_400 }).expect(200);
    await t.http.patch(`/api/halls/${h.hallId}/categories/tax`).send({ targetWaitSec: 86_400 }).expect(200);
    await t.http.patch(`/api/halls/${h.hallId}/categories/social`).send({ targetWaitSec: 86_400 }).expect(200);
    const w2 = `/api/halls/${h.hallId}/windows/${h.windows['2']}`;
    await t.http.post(`${w2}/call-next`).expect(200);
    await t.http.post(`${w2}/start`).expect(200);
    await t.http.post(`${w2}/finish`).expect(200);
    const changes = await alerts.evaluate(h.hallId);
    expect(changes.filter((c) => c.type === 'cleared').length).toBeGreaterThan(0);
    expect((await open()).filter((a) => a.scope === 'category')).toEqual([]);
    const all = (await t.http.get(`/api/halls/${h.hallId}/alerts?open=false`).expect(200)).body;
    expect(all.some((a: { subject: string; clearedAt: number | null }) => a.subject === 'enterprise' && a.clearedAt !== null)).toBe(true);
  });

  it('raises and clears an alert for every ticket of an overloaded line, in bulk (more than one batch)', async () => {
    const big = await createSmallHall(t, [{ label: '1', categories: ['enterprise'], state: 'open' }]);
    const n = 1_200;
    for (let i = 0; i < n; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, k) =>
        t.http.post(`/api/halls/${big.hallId}/tickets`).set('Idempotency-Key', `big-${i + k}`).send({ category: 'enterprise' }).expect(201)));
    }
    t.clock.advance(25 * MIN); // every ticket has waited past its 20-minute target
    const raised = (await alerts.evaluate(big.hallId)).filter((c) => c.type === 'raised' && c.alert.scope === 'ticket');
    expect(raised).toHaveLength(n);
    expect(new Set(raised.map((c) => c.alert.id)).size).toBe(n);
    const rows = await t.dataSource.query('SELECT id, subject, level FROM alert WHERE hallId = ? AND scope = ? AND clearedAt IS NULL', [big.hallId, 'ticket']);
    expect(new Map(rows.map((r: any) => [String(r.id), [r.subject, r.level]]))).toEqual(new Map(raised.map((c) => [c.alert.id, [c.alert.subject, 'over']])));
    expect(await alerts.evaluate(big.hallId)).toEqual([]); // nothing raised twice

    await t.http.patch(`/api/halls/${big.hallId}/categories/enterprise`).send({ targetWaitSec: 86_400 }).expect(200);
    const cleared = (await alerts.evaluate(big.hallId)).filter((c) => c.type === 'cleared' && c.alert.scope === 'ticket');
    expect(cleared).toHaveLength(n);
    const left = await t.dataSource.query('SELECT COUNT(*) AS n FROM alert WHERE hallId = ? AND clearedAt IS NULL', [big.hallId]);
    expect(Number(left[0].n)).toBe(0);
  });

  it('answers bad input with 4xx', async () => {
    await t.http.get('/api/halls/nope/alerts').expect(404);
    await t.http.post(`/api/halls/${h.hallId}/alerts/999999/ack`).expect(404);
    await t.http.get(`/api/halls/${h.hallId}/alerts?open=maybe`).expect(400);
  });
});

describe('alerts after a change', () => {
  let t: TestApp;
  let h: SmallHall;
  beforeAll(async () => {
    t = await startTestApp({ env: { HALLQ_ALERT_AFTER_CHANGE_MS: '200' } });
    h = await createSmallHall(t, [{ label: '1', categories: ['enterprise'], state: 'open' }]);
  });
  afterAll(() => t.close());

  it('raises the line alert soon after the tickets that cause it, without waiting for the 30 s round', async () => {
    for (let i = 0; i < 6; i++) {
      await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', `ev${i}`).send({ category: 'enterprise' }).expect(201);
    }
    let line: { level: string } | undefined;
    for (let waited = 0; !line && waited < 10_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      const open = (await t.http.get(`/api/halls/${h.hallId}/alerts`).expect(200)).body as { scope: string; subject: string; level: string }[];
      line = open.find((a) => a.scope === 'category' && a.subject === 'enterprise');
    }
    expect(line?.level).toBe('predicted_over');
    // Raised once, however many changes asked for a look.
    const rows = await t.dataSource.query("SELECT COUNT(*) AS n FROM alert WHERE hallId = ? AND scope = 'category'", [h.hallId]);
    expect(Number(rows[0].n)).toBe(1);
  });
});

