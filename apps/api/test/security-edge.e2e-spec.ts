import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/**
 * Issue 14, the HTTP edge: what the security probe found at the door of the api, replayed. Each block
 * boots the real app (SQLite, or MariaDB with DATABASE_URL) with the settings it is about.
 */
const METRICS_TOKEN = 'metrics-scrape-token-for-the-edge-test';

/** `{"a":{"a":...}}` (or `[[...]]`) nested `depth` levels. */
const nested = (depth: number, open = '{"a":', close = '}', leaf = '1') => open.repeat(depth) + leaf + close.repeat(depth);

describe('the HTTP edge (issue 14)', () => {
  describe('with the default settings (plus a metrics token and a low live cap)', () => {
    let t: TestApp;
    let h: SmallHall;
    const ticketRows = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM ticket'))[0].n);

    beforeAll(async () => {
      t = await startTestApp({ env: { HALLQ_METRICS_TOKEN: METRICS_TOKEN, HALLQ_LIVE_MAX_PER_ADDRESS: '3' } });
      h = await createSmallHall(t);
    });
    afterAll(() => t.close());

    it('refuses form-encoded and text/plain bodies with 415 and takes no ticket (cross-site posts)', async () => {
      const before = await ticketRows();
      const url = `/api/halls/${h.hallId}/tickets`;
      // What a page on another site can make a citizen's browser send without a CORS preflight.
      const form = await t.anon.post(url).set('Content-Type', 'application/x-www-form-urlencoded').send('category=enterprise&channel=web').expect(415);
      expect(form.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('Content-Type: application/json') });
      const text = await t.anon.post(url).set('Content-Type', 'text/plain').send('{"category":"enterprise","channel":"web"}').expect(415);
      expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      await t.anon.post(url).set('Content-Type', 'multipart/form-data; boundary=x').send('--x\r\n\r\n--x--').expect(415);
      const huge = await t.anon.post(url).set('Content-Type', 'text/plain').send('x'.repeat(300_000)); // refused unread
      expect(huge.status).toBe(415);
      await t.anon.post('/api/auth/sign-in').set('Content-Type', 'text/plain').send('{"username":"a","password":"b"}').expect(415);
      expect(await ticketRows()).toBe(before);
      // JSON (with or without a charset) still issues.
      const json = JSON.stringify({ category: 'enterprise', channel: 'web' });
      await t.anon.post(url).set('Content-Type', 'application/json; charset=utf-8').send(json).expect(201);
      expect(await ticketRows()).toBe(before + 1);
    });

    it('still takes a POST without a body and without a Content-Type (call-next, as the counter page sends it)', async () => {
      const r = await request(t.app.getHttpServer())
        .post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/call-next`)
        .set('Authorization', `Bearer ${t.adminToken}`)
        .unset('Content-Type');
      expect(r.status).toBe(200);
      expect(r.body.number).toBe('A001');
    });

    it('refuses a deeply nested body with a cheap 400 before validation, on the public rating route', async () => {
      const ticket = (await t.http.post(`/api/halls/${h.hallId}/tickets`).send({ category: 'tax' }).expect(201)).body;
      const deep = `{"score":5,"reasons":${nested(6000, '[', ']', '"x"')}}`;
      expect(deep.length).toBeLessThan(64 * 1024);
      const r = await t.anon.post(`/api/tickets/${ticket.token}/rating`).set('Content-Type', 'application/json').send(deep);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 'BODY_TOO_DEEP', message: expect.stringContaining('32 levels') });
      const objects = await t.anon.post(`/api/tickets/${ticket.token}/rating`).set('Content-Type', 'application/json').send(`{"comment":${nested(5000)}}`);
      expect(objects.status).toBe(400);
      expect(objects.body.code).toBe('BODY_TOO_DEEP');
      // Brackets inside strings are text, not depth: an odd comment is judged by the validation pipe.
      const brackets = await t.anon.post(`/api/tickets/${ticket.token}/rating`).send({ score: 5, comment: '['.repeat(40) + '"{\\' });
      expect(brackets.status).toBe(409); // the ticket is not finished: the body itself passed the edge
      expect(brackets.body.code).not.toBe('BODY_TOO_DEEP');
      // 16 such requests at once answer quickly and leave the health check quick.
      const started = performance.now();
      const rate = () => t.anon.post(`/api/tickets/${ticket.token}/rating`).set('Content-Type', 'application/json').send(deep).expect(400);
      await Promise.all(Array.from({ length: 16 }, rate));
      await t.anon.get('/health/live').expect(200);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM rating'))[0].n)).toBe(0);
    });

    it('answers a deeply nested /live payload with a refusal, not a silent failure', async () => {
      const s = io(`${t.url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: t.adminToken } });
      try {
        const errors: unknown[] = [];
        s.on('error', (e: unknown) => errors.push(e));
        await new Promise<void>((ok, ko) => {
          s.once('connect', ok);
          s.once('connect_error', ko);
        });
        // Written as raw socket.io frames: the client's own encoder (JSON.stringify) cannot nest this deep.
        const raw: string[] = [];
        s.io.engine.on('message', (m) => raw.push(String(m)));
        s.io.engine.write(`2/live,7["subscribe",{"hall":${nested(5000, '[', ']', '0')}}]`);
        await waitFor(() => raw.some((m) => m.startsWith('3/live,7')));
        const ack = JSON.parse(raw.find((m) => m.startsWith('3/live,7'))!.slice('3/live,7'.length))[0];
        expect(ack).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
        await waitFor(() => errors.length > 0);
        expect(errors[0]).toMatchObject({ code: 'INVALID_INPUT' });
        expect((errors[0] as { request?: unknown }).request).toBeUndefined(); // not echoed back
        // The connection still works.
        expect(await s.timeout(5000).emitWithAck('subscribe', { hall: h.hallId })).toEqual({ ok: true });
      } finally {
        s.close();
      }
    });

    it('serves /metrics only with HALLQ_METRICS_TOKEN as a bearer token', async () => {
      const anon = await t.anon.get('/metrics').expect(401);
      expect(anon.body).toMatchObject({ code: 'METRICS_TOKEN_REQUIRED' });
      expect(anon.text).not.toContain('hallq_tickets_issued_total');
      await t.anon.get('/metrics').set('Authorization', 'Bearer wrong-token-of-some-length-xx').expect(401);
      await t.anon.get('/metrics').set('Authorization', `Bearer ${t.adminToken}`).expect(401); // a staff sign-in is not the scrape token
      const ok = await t.anon.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      expect(ok.headers['content-type']).toMatch(/^text\/plain/);
      expect(ok.text).toContain(`hallq_tickets_issued_total{hall="${h.hallId}",category="enterprise",channel="web"}`);
    });

    it('caps /live connections per address: the one over the cap gets a connect_error saying why', async () => {
      const open = () => io(`${t.url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false });
      const connected = (s: Socket) => new Promise<void>((ok, ko) => {
        s.once('connect', ok);
        s.once('connect_error', ko);
      });
      const held = [open(), open(), open()];
      try {
        await Promise.all(held.map(connected));
        const extra = open();
        const refused = await new Promise<Error & { data?: unknown }>((ok, ko) => {
          extra.once('connect', () => ko(new Error('a fourth connection from one address was accepted with a cap of 3')));
          extra.once('connect_error', ok);
        });
        expect(refused.message).toMatch(/Too many live connections from this address \(at most 3/);
        expect(refused.data).toEqual({ code: 'TOO_MANY_CONNECTIONS', max: 3 });
        extra.close();
        // A freed place can be taken again (the refused one never counted).
        held.shift()!.close();
        await waitFor(async () => {
          const s = open();
          try {
            await connected(s);
            held.push(s);
            return true;
          } catch {
            s.close();
            return false;
          }
        });
      } finally {
        for (const s of held) s.close();
      }
    });

    it('sends no upgrade-insecure-requests and no HSTS over plain HTTP (hall LANs)', async () => {
      const r = await t.anon.get('/health/live').expect(200);
      expect(r.headers['content-security-policy']).toContain("script-src 'self'");
      expect(r.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(r.headers['strict-transport-security']).toBeUndefined();
      // A client's own X-Forwarded-Proto means nothing without a trusted proxy.
      const forged = await t.anon.get('/health/live').set('X-Forwarded-Proto', 'https').expect(200);
      expect(forged.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    });

    it('serves the API docs outside production by default', async () => {
      await t.anon.get('/api/docs-json').expect(200);
    });
  });

  describe('behind a trusted TLS proxy, docs off, no metrics token', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { HALLQ_TRUST_PROXY: 'loopback', HALLQ_API_DOCS: '0', HALLQ_LIVE_MAX_PER_ADDRESS: '1' } });
    });
    afterAll(() => t.close());

    it('sends upgrade-insecure-requests and HSTS when the proxy says the request came over TLS', async () => {
      const tls = await t.anon.get('/health/live').set('X-Forwarded-Proto', 'https').expect(200);
      expect(tls.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      const plain = await t.anon.get('/health/live').set('X-Forwarded-Proto', 'http').expect(200);
      expect(plain.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    });

    it('keeps /api/docs and /api/docs-json closed when HALLQ_API_DOCS is off', async () => {
      await t.anon.get('/api/docs-json').expect(404);
      const page = await t.anon.get('/api/docs').redirects(1);
      expect(page.status).toBe(404);
      expect(page.text).not.toContain('swagger');
    });

    it('has /metrics off without HALLQ_METRICS_TOKEN, saying how to turn it on', async () => {
      const r = await t.http.get('/metrics').expect(404);
      expect(r.body).toMatchObject({ code: 'METRICS_OFF', message: expect.stringContaining('HALLQ_METRICS_TOKEN') });
    });

    it('counts /live connections by the forwarded address behind a trusted proxy', async () => {
      const open = (ip: string) => io(`${t.url}/live`, {
        transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'X-Forwarded-For': ip },
      });
      const result = (s: Socket) => new Promise<string>((ok) => {
        s.once('connect', () => ok('connected'));
        s.once('connect_error', (e: Error & { data?: { code?: string } }) => ok(e.data?.code ?? e.message));
      });
      const sockets = [open('10.1.0.1'), open('10.1.0.2')];
      try {
        expect(await Promise.all(sockets.map(result))).toEqual(['connected', 'connected']);
        const again = open('10.1.0.1');
        sockets.push(again);
        expect(await result(again)).toBe('TOO_MANY_CONNECTIONS');
      } finally {
        for (const s of sockets) s.close();
      }
    });
  });

  describe('HALLQ_HTTPS=always', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { HALLQ_HTTPS: 'always' } });
    });
    afterAll(() => t.close());

    it('sends the TLS-only headers on every answer (a proxy that terminates TLS without saying so)', async () => {
      const r = await t.anon.get('/health/live').expect(200);
      expect(r.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    });
  });

  it('the shipped nginx does not pass /metrics through', () => {
    const conf = readFileSync(resolve(__dirname, '../../../docker/nginx.conf'), 'utf8').replace(/#.*$/gm, '');
    expect(conf).toMatch(/location\s*=\s*\/metrics\s*\{\s*return\s+404;\s*\}/);
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
