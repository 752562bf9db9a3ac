import { createServer, connect, type Server, type Socket as TcpSocket } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { createSmallHall, deviceToken, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/**
 * A TCP proxy standing for the hall's fixed address: the restarted app listens on a new port, the
 * screens keep dialling the same one, as they would dial the same host after a real restart.
 */
function startProxy(): Promise<{ server: Server; port: number; target: { port: number }; close(): Promise<void> }> {
  const target = { port: 0 };
  const open = new Set<TcpSocket>();
  const server = createServer((down) => {
    const up = connect(target.port, '127.0.0.1');
    open.add(down).add(up);
    const end = () => {
      down.destroy();
      up.destroy();
      open.delete(down);
      open.delete(up);
    };
    down.on('error', end).on('close', end);
    up.on('error', end).on('close', end);
    down.pipe(up).pipe(down);
  });
  return new Promise((res) =>
    server.listen(0, '127.0.0.1', () =>
      res({
        server, target, port: (server.address() as { port: number }).port,
        close: () => new Promise<void>((done) => {
          for (const s of open) s.destroy();
          server.close(() => done());
        }),
      }),
    ),
  );
}

/** A hall screen's client: resubscribes on every (re)connect, keeps the last snapshot and the calls. */
function screen(url: string, hallId: string, token: string) {
  const s: Socket = io(`${url}/live`, {
    auth: { token }, transports: ['websocket'], forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 400, randomizationFactor: 0.5,
  });
  const state = { socket: s, last: null as any, called: [] as any[], acks: [] as any[] };
  s.on('connect', () => s.emit('subscribe', { hall: hallId }, (a: unknown) => state.acks.push(a)));
  s.on('snapshot', (snap) => (state.last = snap));
  s.on('called', (c) => state.called.push(c));
  return state;
}

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  for (let waited = 0; !ok(); waited += 25) {
    if (waited > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('live hall across an api restart', () => {
  const N = 500;
  let t: TestApp;
  let h: SmallHall;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let screens: ReturnType<typeof screen>[] = [];
  const rowCount = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM ticket_event WHERE hallId = ?', [h.hallId]))[0].n);
  const issue = (category: string, key: string) => {
    t.clock.advance(60_000);
    return t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', key).send({ category }).expect(201);
  };
  const act = (window: string, action: string) => t.http.post(`/api/halls/${h.hallId}/windows/${h.windows[window]}/${action}`).send({});

  beforeAll(async () => {
    t = await startTestApp();
    h = await createSmallHall(t);
    proxy = await startProxy();
    proxy.target.port = Number(new URL(t.url).port);
  });
  afterAll(async () => {
    for (const s of screens) s.socket.close();
    await proxy.close();
    await t.close();
  });

  it(`every one of ${N} screens recovers a correct snapshot, and seq keeps rising`, async () => {
    for (const [c, k] of [['enterprise', 'r1'], ['social', 'r2'], ['tax', 'r3'], ['enterprise', 'r4']] as const) await issue(c, k);
    await act('1', 'call-next').expect(200);
    const screenToken = await deviceToken(t, h.hallId, 'screen');
    screens = Array.from({ length: N }, () => screen(`http://127.0.0.1:${proxy.port}`, h.hallId, screenToken));
    const before = await rowCount();
    await until('every screen subscribed', () => screens.every((s) => s.last?.seq === before));
    expect(screens.every((s) => s.acks.length === 1 && s.acks[0].ok === true)).toBe(true);

    // Restart: the same database, a new process state (the new app seeds seq from the event rows).
    const db = t.db;
    const clock = t.clock;
    await t.close({ keepDatabase: true });
    await until('every screen noticed', () => screens.every((s) => !s.socket.connected));
    t = await startTestApp({ db, clock });
    // While the screens are still away, the hall moves on: window 2 calls the next ticket.
    const second = (await act('2', 'call-next').expect(200)).body.number;
    proxy.target.port = Number(new URL(t.url).port);

    const after = await rowCount();
    expect(after).toBe(before + 1);
    await until('every screen resubscribed', () => screens.every((s) => s.last?.seq === after));
    const truth = (await t.http.get(`/api/halls/${h.hallId}/state`).expect(200)).body;
    const shown = (snap: any) => ({
      windows: snap.windows.map((w: any) => [w.label, w.state, w.current?.number ?? null]),
      lines: snap.lines.map((l: any) => [l.category.code, l.waiting]),
      recent: snap.recentCalls.map((c: any) => c.number),
    });
    const expected = shown(truth);
    expect(expected.windows).toEqual([['1', 'open', 'A001'], ['2', 'open', second], ['3', 'open', null]]);
    for (const s of screens) expect(shown(s.last)).toEqual(expected);

    // The next call reaches every screen with the next seq.
    const mark = screens.map((s) => s.called.length);
    const third = (await act('3', 'call-next').expect(200)).body.number;
    await until('every screen heard the call', () => screens.every((s, i) => s.called.length > mark[i]));
    for (const [i, s] of screens.entries()) expect(s.called[mark[i]]).toMatchObject({ seq: after + 1, number: third, window: '3' });
  });
});
