import { io, type Socket } from 'socket.io-client';
import { AlertsJob } from '../src/alerts/alerts.job';
import { createSmallHall, deviceToken, staffToken, startTestApp, type SmallHall, type TestApp } from './support/test-app';

const MIN = 60_000;

/** Alerts pushed over /live to manager subscribers (docs/live.md "Manager feed"). */
describe('live alerts (/live { manager })', () => {
  let t: TestApp;
  let h: SmallHall;
  let alerts: AlertsJob;
  const sockets: Socket[] = [];

  /** A manager page's connection (the test admin's token unless told otherwise; null: anonymous). */
  const connect = async (token: string | null = t.adminToken) => {
    const s = io(`${t.url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, ...(token ? { auth: { token } } : {}) });
    sockets.push(s);
    const got: { event: string; data: any }[] = [];
    s.onAny((event, data) => got.push({ event, data }));
    await new Promise<void>((res, rej) => (s.once('connect', () => res()), s.once('connect_error', rej)));
    const next = async (event: string, match: (d: any) => boolean = () => true) => {
      for (let waited = 0; waited < 10_000; waited += 10) {
        const hit = got.find((r) => r.event === event && match(r.data));
        if (hit) return hit.data;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no ${event} within 10 s; got ${JSON.stringify(got.map((r) => r.event))}`);
    };
    const subscribe = (p: unknown) => s.timeout(5000).emitWithAck('subscribe', p) as Promise<{ ok: boolean; code?: string; error?: string }>;
    return { s, got, next, subscribe };
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { HALLQ_ALERT_AFTER_CHANGE_MS: '0' } }); // evaluations driven by the test
    h = await createSmallHall(t, [
      { label: '1', categories: ['enterprise'], state: 'open' },
      { label: '2', categories: ['social'], state: 'open' },
    ]);
    alerts = t.app.get(AlertsJob);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('sends the open alerts on subscribe, then each raise, escalation and acknowledgement as it happens', async () => {
    const manager = await connect();
    const screen = await connect();
    expect(await manager.subscribe({ manager: h.hallId })).toEqual({ ok: true });
    expect(await screen.subscribe({ hall: h.hallId })).toEqual({ ok: true });
    expect(await manager.next('alerts')).toMatchObject({ hallId: h.hallId, alerts: [] });

    // Six enterprise tickets at one 15-minute window: the line is predicted past its 20-minute target.
    for (let i = 0; i < 6; i++) {
      await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', `e${i}`).send({ category: 'enterprise' }).expect(201);
    }
    const changes = await alerts.evaluate(h.hallId); // what the 30 s job runs
    const raisedLine = changes.find((c) => c.type === 'raised' && c.alert.scope === 'category');
    expect(raisedLine?.alert).toMatchObject({ subject: 'enterprise', level: 'predicted_over' });
    const pushed = await manager.next('alert', (e) => e.type === 'raised' && e.alert.id === raisedLine!.alert.id);
    expect(pushed).toEqual({ hallId: h.hallId, ...raisedLine, alert: { ...raisedLine!.alert } });
    // Every change the job made reached the manager, and nothing reached the public screen.
    await manager.next('alert', () => manager.got.filter((r) => r.event === 'alert').length === changes.length);
    expect(screen.got.filter((r) => r.event === 'alert' || r.event === 'alerts')).toEqual([]);

    await t.http.post(`/api/halls/${h.hallId}/alerts/${raisedLine!.alert.id}/ack`).expect(200);
    const acked = await manager.next('alert', (e) => e.type === 'acknowledged');
    expect(acked.alert).toMatchObject({ id: raisedLine!.alert.id, subject: 'enterprise' });
    expect(acked.alert.acknowledgedAt).toBe(t.clock.now());

    t.clock.advance(25 * MIN);
    await alerts.evaluate(h.hallId);
    const escalated = await manager.next('alert', (e) => e.type === 'escalated' && e.alert.id === raisedLine!.alert.id);
    expect(escalated.alert).toMatchObject({ level: 'over', acknowledgedAt: null });

    // A manager page that (re)connects gets the current list, acknowledgement state included.
    const late = await connect();
    expect(await late.subscribe({ manager: h.hallId })).toEqual({ ok: true });
    const list = (await late.next('alerts')).alerts as { id: string; level: string }[];
    expect(list.find((a) => a.id === raisedLine!.alert.id)).toMatchObject({ level: 'over' });
    expect(list.map((a) => a.id).sort()).toEqual(
      ((await t.http.get(`/api/halls/${h.hallId}/alerts`).expect(200)).body as { id: string }[]).map((a) => a.id).sort(),
    );
  });

  it('refuses an unknown hall and a malformed manager subscription, joining nothing', async () => {
    const c = await connect();
    expect(await c.subscribe({ manager: 'no-such-hall' })).toMatchObject({ ok: false, code: 'HALL_NOT_FOUND' });
    expect(await c.subscribe({ manager: 'a b' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    t.clock.advance(25 * MIN);
    await alerts.evaluate(h.hallId);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.got.filter((r) => r.event === 'alert' || r.event === 'alerts')).toEqual([]);
  });

  it("gives a hall's alerts to its managers only: not to screens, clerks, other halls' managers or anyone anonymous", async () => {
    const other = await createSmallHall(t);
    const refused = {
      anonymous: await (await connect(null)).subscribe({ manager: h.hallId }),
      screen: await (await connect(await deviceToken(t, h.hallId, 'screen'))).subscribe({ manager: h.hallId }),
      clerk: await (await connect(await staffToken(t, 'clerk', { windowIds: [h.windows['1']] }))).subscribe({ manager: h.hallId }),
      otherManager: await (await connect(await staffToken(t, 'manager', { hallIds: [other.hallId] }))).subscribe({ manager: h.hallId }),
    };
    expect(refused).toMatchObject({
      anonymous: { ok: false, code: 'UNAUTHENTICATED' }, screen: { ok: false, code: 'FORBIDDEN' },
      clerk: { ok: false, code: 'FORBIDDEN' }, otherManager: { ok: false, code: 'FORBIDDEN' },
    });
    expect(await (await connect(await staffToken(t, 'manager', { hallIds: [h.hallId] }))).subscribe({ manager: h.hallId })).toEqual({ ok: true });
  });
});
