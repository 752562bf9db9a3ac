import { io, type Socket } from 'socket.io-client';
import { LiveSocketRepository } from '../src/live/live-socket.repository';
import { createSmallHall, deviceToken, staffToken, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/** A socket.io client on /live that records everything it receives, in order. */
class LiveClient {
  readonly socket: Socket;
  readonly received: { event: string; data: any }[] = [];
  disconnectReason: string | null = null;

  constructor(url: string, token: string | null) {
    this.socket = io(`${url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, ...(token ? { auth: { token } } : {}) });
    this.socket.onAny((event, data) => this.received.push({ event, data }));
    this.socket.on('disconnect', (reason) => (this.disconnectReason = reason));
  }

  connected(): Promise<void> {
    return this.socket.connected ? Promise.resolve() : new Promise((res, rej) => {
      this.socket.once('connect', () => res());
      this.socket.once('connect_error', rej);
    });
  }

  subscribe(payload: unknown): Promise<{ ok: boolean; error?: string; code?: string }> {
    return this.socket.timeout(5000).emitWithAck('subscribe', payload);
  }

  of(event: string): any[] {
    return this.received.filter((r) => r.event === event).map((r) => r.data);
  }

  /** Resolves with the first `event` (after `from` received ones) that matches; fails after 10 s. */
  async next(event: string, match: (d: any) => boolean = () => true, from = 0): Promise<any> {
    for (let waited = 0; waited < 10_000; waited += 10) {
      const hit = this.received.slice(from).find((r) => r.event === event && match(r.data));
      if (hit) return hit.data;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${event} matching within 10 s; got ${JSON.stringify(this.received.map((r) => r.event))}`);
  }

  close(): void {
    this.socket.close();
  }
}

describe('live gateway (/live)', () => {
  let t: TestApp;
  let h: SmallHall;
  const clients: LiveClient[] = [];
  /** A client signed in as the test admin unless given another token (null: anonymous). */
  const client = async (token: string | null = t.adminToken) => {
    const c = new LiveClient(t.url, token);
    clients.push(c);
    await c.connected();
    return c;
  };
  // The clock moves a minute per ticket, so the routing order (longest wait first) is not a tie.
  const issue = (category: string, key: string, extra: object = {}) =>
    (t.clock.advance(60_000), t.http)
      .post(`/api/halls/${h.hallId}/tickets`)
      .set('Idempotency-Key', key)
      .send({ category, channel: 'kiosk', ...extra })
      .expect(201);
  const act = (window: string, action: string, body: object = {}) =>
    t.http.post(`/api/halls/${h.hallId}/windows/${h.windows[window]}/${action}`).send(body);
  const rowCount = async () =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM ticket_event WHERE hallId = ?', [h.hallId]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    h = await createSmallHall(t);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => t.close());

  it('acknowledges a hall subscription, then sends the whole hall with seq = the hall events so far', async () => {
    const issued = await issue('enterprise', 'g-a1');
    const c = await client();
    expect(await c.subscribe({ hall: h.hallId })).toEqual({ ok: true });
    const snap = await c.next('snapshot');
    expect(snap).toMatchObject({ scope: 'hall', hallId: h.hallId, seq: await rowCount(), hall: { id: h.hallId, isOpen: true } });
    expect(snap.lines.map((l: any) => [l.category.code, l.waiting])).toEqual([['enterprise', 1], ['social', 0], ['tax', 0]]);
    expect(snap.lines[0].waitNow).toMatchObject({ source: expect.stringMatching(/^(forecast|stand-in)$/) });
    expect(snap.windows.map((w: any) => w.label)).toEqual(['1', '2', '3']);
    expect(snap.nextWaiting.map((w: any) => w.number)).toEqual(['A001']);
    // The screen is public: no tracking token may be in anything broadcast (only the issue answer has it).
    expect(issued.body.token).toEqual(expect.any(String));
    expect(JSON.stringify(snap)).not.toContain(issued.body.token);
    expect(c.received[0].event).toBe('snapshot');
  });

  it('sends each call and recall as `called`, in order, seq rising by one per hall event', async () => {
    const c = await client();
    await c.subscribe({ hall: h.hallId });
    await c.next('snapshot');
    await issue('enterprise', 'g-a2');
    await issue('social', 'g-b1');
    await issue('tax', 'g-c1');
    const before = await rowCount();
    await act('1', 'call-next').expect(200);
    await act('2', 'call-next').expect(200);
    await act('3', 'call-next').expect(200);
    await act('3', 'recall').expect(200);
    const mark = c.received.length;
    await c.next('called', (d) => d.recall === true);
    const called = c.of('called');
    expect(called.map((d) => `${d.number}@${d.window}`)).toEqual(['A001@1', 'A002@2', 'B001@3', 'B001@3']);
    expect(called.map((d) => d.seq)).toEqual([before + 1, before + 2, before + 3, before + 4]);
    expect(called[3]).toMatchObject({ recall: true, recallCount: 1, windowId: h.windows['3'], category: 'social', categoryNameZh: 'social' });
    expect(called[3].seq).toBe(await rowCount());
    // Then a refreshed snapshot that shows the windows' tickets, at the newest seq.
    const snap = await c.next('snapshot', (s) => s.seq === before + 4, mark - 1);
    expect(snap.windows.map((w: any) => w.current?.number ?? null)).toEqual(['A001', 'A002', 'B001']);
    expect(snap.recentCalls[0]).toMatchObject({ number: 'B001', windowLabel: '3' });
    expect(snap.lines.find((l: any) => l.category.code === 'tax').waiting).toBe(1);
    for (const w of ['1', '2', '3']) await act(w, 'no-show').expect(200);
  });

  it('refreshes the snapshot on line and window changes, throttled, ending at the newest seq', async () => {
    const c = await client();
    await c.subscribe({ hall: h.hallId });
    const first = await c.next('snapshot');
    for (let i = 0; i < 12; i++) await issue('social', `g-burst-${i}`);
    await act('2', 'pause', { reason: 'lunch' }).expect(200);
    const last = await rowCount();
    const snap = await c.next('snapshot', (s) => s.seq === last);
    expect(snap.lines.find((l: any) => l.category.code === 'social').waiting).toBe(12);
    expect(snap.windows.find((w: any) => w.label === '2')).toMatchObject({ state: 'paused', pauseReason: 'lunch' });
    const seqs = c.of('snapshot').map((s) => s.seq);
    expect(seqs[0]).toBe(first.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    await act('2', 'resume').expect(200);
  });

  it('gives a window its own view and its own calls', async () => {
    const c = await client();
    expect(await c.subscribe({ window: h.windows['3'] })).toEqual({ ok: true });
    const snap = await c.next('snapshot');
    expect(snap).toMatchObject({ scope: 'window', hallId: h.hallId, window: { label: '3', categories: ['social', 'tax'] } });
    expect(snap.lines.map((l: any) => l.category.code)).toEqual(['social', 'tax']);
    expect(new Set(snap.waiting.map((w: any) => w.category))).toEqual(new Set(['social', 'tax']));
    const r1 = await act('1', 'call-next');
    expect([r1.status, r1.body]).toEqual([204, {}]);
    await act('3', 'call-next').expect(200);
    const called = await c.next('called');
    expect(called).toMatchObject({ window: '3', windowId: h.windows['3'] });
    await act('3', 'no-show').expect(200);
  });

  it("follows a citizen's ticket: position and wait as REST tells them, then `called` with the window", async () => {
    const mine = (await issue('tax', 'g-c-mine')).body;
    const c = await client();
    expect(await c.subscribe({ ticket: mine.token })).toEqual({ ok: true });
    const snap = await c.next('snapshot');
    const rest = (await t.http.get(`/api/tickets/${mine.token}`)).body;
    expect(snap).toMatchObject({ scope: 'ticket', hallId: h.hallId });
    expect(snap.ticket).toMatchObject({ number: mine.number, status: 'waiting', peopleAhead: rest.peopleAhead });
    // The same estimator as REST (the forecaster may have moved on between the two reads, so not equal).
    expect(snap.ticket.estimatedWait).toMatchObject({ source: rest.estimatedWait.source, expectedSec: expect.any(Number) });
    expect(snap.ticket.token).toBeUndefined();

    // A priority ticket goes ahead of mine: the phone hears of it.
    await issue('tax', 'g-c-prio', { priority: 'priority' });
    const ahead = await c.next('snapshot', (s) => s.ticket.peopleAhead === rest.peopleAhead + 1);
    expect(ahead.ticket.estimatedWait).toMatchObject({ expectedSec: expect.any(Number), lowSec: expect.any(Number), highSec: expect.any(Number) });

    // Window 3 serves social before tax by wait ratio; call until mine comes up.
    for (let i = 0; i < 40; i++) {
      const r = await act('3', 'call-next');
      if (r.status === 204 || r.body.number === mine.number) break;
      await act('3', 'no-show').expect(200);
    }
    const called = await c.next('called');
    expect(called).toMatchObject({ number: mine.number, window: '3' });
    const now = await c.next('snapshot', (s) => s.ticket.status === 'called');
    expect(now.ticket).toMatchObject({ windowLabel: '3', peopleAhead: 0, estimatedWait: null });
    await act('3', 'start').expect(200);
    await act('3', 'finish').expect(200);
    const done = await c.next('snapshot', (s) => s.ticket.status === 'done');
    expect(done.ticket.number).toBe(mine.number);
  });

  it('gives a new subscriber what committed without reaching this instance, not its cached snapshot', async () => {
    const ticket = await issue('tax', 'g-silent');
    const first = await client();
    await first.subscribe({ hall: h.hallId });
    const taxIn = (snap: any) => snap.lines.find((l: any) => l.category.code === 'tax').waiting;
    const before = taxIn(await first.next('snapshot', (s) => s.nextWaiting.some((w: any) => w.number === ticket.body.number)));
    await new Promise((r) => setTimeout(r, 400)); // past the throttle: the cache is settled, nothing dirty
    // Another instance's change whose event never came here (it was killed right after its commit).
    await t.dataSource.query("UPDATE ticket SET status = 'cancelled' WHERE id = ?", [ticket.body.id]);
    const late = await client();
    await late.subscribe({ hall: h.hallId });
    expect(taxIn(await late.next('snapshot'))).toBe(before - 1);
  });

  it('refuses unknown halls, windows and tokens with an error, joining no room', async () => {
    const c = await client();
    const rooms = t.app.get(LiveSocketRepository);
    for (const [payload, code] of [
      [{ hall: 'no-such-hall' }, 'HALL_NOT_FOUND'],
      [{ window: 'no-such-window' }, 'WINDOW_NOT_FOUND'],
      [{ ticket: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'TICKET_NOT_FOUND'],
    ] as const) {
      const ack = await c.subscribe(payload);
      expect(ack).toMatchObject({ ok: false, code });
      expect(ack.error).toEqual(expect.any(String));
      expect((await c.next('error', (e) => e.code === code)).error).toBe(ack.error);
    }
    expect(rooms.roomSize('hall:no-such-hall')).toBe(0);
    expect(rooms.roomSize('window:no-such-window')).toBe(0);
    expect(rooms.roomSize('ticket:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(0);
    expect(c.of('snapshot')).toHaveLength(0);
  });

  it('answers malformed messages with an error and keeps the connection', async () => {
    const c = await client();
    const bad: unknown[] = ['hall', 42, null, [h.hallId], {}, { hall: 5 }, { hall: h.hallId, ticket: 'x' }, { hall: '../../etc' }, { hall: 'x'.repeat(5000) }];
    for (const payload of bad) {
      const ack = await c.subscribe(payload);
      expect(ack).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    c.socket.emit('subscribe'); // no payload, no ack
    c.socket.emit('subscribe', { hall: 'nope' }); // no ack: the error comes as an event
    c.socket.emit('no-such-event', { x: 1 });
    c.socket.emit('subscribe', Buffer.from([1, 2, 3]));
    await c.next('error', (e) => e.code === 'HALL_NOT_FOUND');
    expect(await c.subscribe({ hall: h.hallId })).toEqual({ ok: true });
    expect(c.socket.connected).toBe(true);
  });

  it('disconnects a flooding client, and only that one', async () => {
    const calm = await client();
    await calm.subscribe({ hall: h.hallId });
    const flood = await client();
    for (let i = 0; i < 300; i++) flood.socket.emit('subscribe', { hall: h.hallId });
    for (let waited = 0; flood.disconnectReason === null && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(flood.disconnectReason).toBe('io server disconnect');
    expect(calm.socket.connected).toBe(true);
    const mark = calm.received.length;
    await issue('enterprise', 'g-after-flood');
    await calm.next('snapshot', () => true, mark);
  });

  describe('who may watch what', () => {
    it('lets a screen of the hall watch it, and refuses anonymous callers, other halls and windows', async () => {
      const screen = await deviceToken(t, h.hallId, 'screen');
      const other = await createSmallHall(t);
      const otherScreen = await deviceToken(t, other.hallId, 'screen');
      expect(await (await client(screen)).subscribe({ hall: h.hallId })).toEqual({ ok: true });
      expect(await (await client(null)).subscribe({ hall: h.hallId })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      expect(await (await client(otherScreen)).subscribe({ hall: h.hallId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await (await client(screen)).subscribe({ window: h.windows['1'] })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await (await client('hqd_not-a-real-token')).subscribe({ hall: h.hallId })).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
      expect(t.app.get(LiveSocketRepository).roomSize(`hall:${other.hallId}`)).toBe(0);
    });

    it('lets a clerk watch their own window only, and anyone with a ticket token watch that ticket', async () => {
      const clerk = await staffToken(t, 'clerk', { windowIds: [h.windows['1']] });
      expect(await (await client(clerk)).subscribe({ window: h.windows['1'] })).toEqual({ ok: true });
      expect(await (await client(clerk)).subscribe({ window: h.windows['2'] })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      const ticket = await issue('social', 'auth-ticket');
      expect(await (await client(null)).subscribe({ ticket: ticket.body.token })).toEqual({ ok: true });
    });

    it('closes the connections of a device when it is revoked', async () => {
      const r = await t.http.post(`/api/halls/${h.hallId}/devices`).send({ kind: 'screen', label: 'to revoke' }).expect(201);
      const c = await client(r.body.token);
      expect(await c.subscribe({ hall: h.hallId })).toEqual({ ok: true });
      await t.http.post(`/api/halls/${h.hallId}/devices/${r.body.id}/revoke`).expect(200);
      for (let waited = 0; c.disconnectReason === null && waited < 5_000; waited += 20) await new Promise((res) => setTimeout(res, 20));
      expect(c.disconnectReason).toBe('io server disconnect');
      const again = await client(r.body.token);
      expect(await again.subscribe({ hall: h.hallId })).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
    });
  });
});
