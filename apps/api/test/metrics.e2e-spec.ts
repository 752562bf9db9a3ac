import { io } from 'socket.io-client';
import { createSmallHall, deviceToken, startTestApp, type SmallHall, type TestApp } from './support/test-app';

describe('Prometheus metrics', () => {
  let t: TestApp;
  let h: SmallHall;
  // Prometheus scrapes with HALLQ_METRICS_TOKEN as a bearer token (security-edge.e2e-spec: nobody else may).
  const scrape = () => t.anon.get('/metrics').set('Authorization', 'Bearer metrics-token-of-the-metrics-test');
  beforeAll(async () => {
    t = await startTestApp({ env: { HALLQ_METRICS_TOKEN: 'metrics-token-of-the-metrics-test' } });
    h = await createSmallHall(t);
  });
  afterAll(() => t.close());

  it('counts issues, calls and waits, and times requests per route, at /metrics', async () => {
    const first = await t.http
      .post(`/api/halls/${h.hallId}/tickets`)
      .set('Idempotency-Key', 'm1')
      .set('X-Request-Id', 'kiosk-7.42')
      .send({ category: 'enterprise' })
      .expect(201);
    expect(first.headers['x-request-id']).toBe('kiosk-7.42'); // the caller's request id is echoed for tracing
    // A retry is not a new ticket.
    await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', 'm1').send({ category: 'enterprise' }).expect(200);
    t.clock.advance(5 * 60_000);
    await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/call-next`).expect(200);
    const r = await scrape().expect(200);
    expect(r.headers['content-type']).toMatch(/text\/plain/);
    expect(r.text).toContain(`hallq_tickets_issued_total{hall="${h.hallId}",category="enterprise",channel="kiosk"} 1`);
    expect(r.text).toContain(`hallq_calls_total{hall="${h.hallId}",recall="false"} 1`);
    expect(r.text).toContain(`hallq_wait_seconds_bucket{le="300",hall="${h.hallId}",category="enterprise"} 1`);
    expect(r.text).toContain(`hallq_wait_seconds_bucket{le="120",hall="${h.hallId}",category="enterprise"} 0`);
    expect(r.text).toMatch(/hallq_http_request_duration_seconds_count\{method="POST",route="\/api\/halls\/:hallId\/tickets",status="201"\} 1/);
    expect(r.text).not.toContain('m1'); // no keys or tokens in labels
    expect(r.text).toContain('hallq_process_cpu_seconds_total');
  });

  it('counts connected live clients by role', async () => {
    const screenToken = await deviceToken(t, h.hallId, 'screen');
    const ticket = await t.http.post(`/api/halls/${h.hallId}/tickets`).send({ category: 'tax' }).expect(201);
    const connect = async (token: string | null, payload: object) => {
      const s = io(`${t.url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, ...(token ? { auth: { token } } : {}) });
      expect(await s.timeout(5000).emitWithAck('subscribe', payload)).toEqual({ ok: true });
      return s;
    };
    const sockets = [
      await connect(screenToken, { hall: h.hallId }),
      await connect(screenToken, { hall: h.hallId }),
      await connect(null, { ticket: ticket.body.token }),
      await connect(t.adminToken, { window: h.windows['1'] }),
    ];
    const r = await scrape().expect(200);
    expect(r.text).toContain('hallq_live_clients{role="screen"} 2');
    expect(r.text).toContain('hallq_live_clients{role="citizen"} 1');
    expect(r.text).toContain('hallq_live_clients{role="admin"} 1');
    for (const s of sockets) s.close();
  });
});
