import { CircuitBreaker, type BreakerTimers, type Probe } from './circuit-breaker';

/** Lets every pending promise callback run (the breaker awaits a few in a row). */
const settle = () => new Promise((r) => setImmediate(r));

/**
 * An event loop on a fake clock, in Node's order: a turn runs the due timers, then what the "poll" phase
 * delivers (socket reads: a pong), then setImmediate callbacks.
 */
class FakeLoop implements BreakerTimers {
  now = 0;
  private timers: { at: number; fn: () => void }[] = [];
  private immediates: (() => void)[] = [];

  setTimeout(fn: () => void, ms: number): unknown {
    const t = { at: this.now + ms, fn };
    this.timers.push(t);
    return t;
  }
  clearTimeout(h: unknown): void {
    this.timers = this.timers.filter((t) => t !== h);
  }
  setImmediate(fn: () => void): unknown {
    this.immediates.push(fn);
    return fn;
  }

  async turn(ms: number, poll?: () => void): Promise<void> {
    this.now += ms;
    const due = this.timers.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const t of due) t.fn();
    await settle();
    poll?.();
    await settle();
    const immediates = this.immediates;
    this.immediates = [];
    for (const f of immediates) f();
    await settle();
  }

  /** Runs the loop for `ms`, a turn every 10 ms. */
  async run(ms: number): Promise<void> {
    for (let t = 0; t < ms; t += 10) await this.turn(10);
  }
}

/** A database that answers, refuses, or goes silent (a partition), as the test says. */
class FakeProbe implements Probe {
  mode: 'answer' | 'refuse' | 'silent' = 'answer';
  connected = false;
  /** How long a new connection's handshake takes before its first ping answers. */
  handshakeMs = 0;
  pings = 0;
  resets = 0;
  private unanswered: (() => void)[] = [];

  constructor(private readonly loop: FakeLoop) {}

  ping(): Promise<void> {
    this.pings++;
    if (this.mode === 'refuse') return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    if (this.mode === 'silent') return new Promise((res) => this.unanswered.push(res));
    if (this.connected || !this.handshakeMs) {
      this.connected = true;
      return Promise.resolve();
    }
    return new Promise((res) => this.loop.setTimeout(() => ((this.connected = true), res()), this.handshakeMs));
  }
  /** The answers to the silent pings arrive now. */
  answerLate(): void {
    for (const res of this.unanswered.splice(0)) res();
  }
  reset(): void {
    this.resets++;
    this.connected = false;
    this.unanswered = [];
  }
}

describe('CircuitBreaker', () => {
  const timing = { intervalMs: 200, timeoutMs: 500, connectTimeoutMs: 1000 };
  let loop: FakeLoop;
  let probe: FakeProbe;
  let events: { open: Error[]; close: number[] };
  let breaker: CircuitBreaker;

  beforeEach(async () => {
    loop = new FakeLoop();
    probe = new FakeProbe(loop);
    events = { open: [], close: [] };
    breaker = new CircuitBreaker(probe, timing, { open: (e) => events.open.push(e), close: (ms) => events.close.push(ms) }, loop, () => loop.now);
    breaker.start();
    await settle();
  });
  afterEach(() => breaker.stop());

  it('stays closed while pings answer, one ping every interval', async () => {
    await loop.run(2000);
    expect(breaker.isOpen).toBe(false);
    expect(probe.pings).toBe(11); // at 0, 200, ..., 2000
    expect(events).toEqual({ open: [], close: [] });
    expect(probe.resets).toBe(0);
  });

  it('a partition opens it when a ping gets no answer within the timeout: at most interval + timeout after the cut', async () => {
    await loop.run(10);
    probe.mode = 'silent'; // cut just after a ping answered: the worst case
    await loop.run(190 + 490);
    expect(breaker.isOpen).toBe(false);
    await loop.run(10);
    expect(breaker.isOpen).toBe(true);
    expect(breaker.openSince).toBe(700);
    expect(events.open.map((e) => e.message)).toEqual(['no answer to a ping within 500 ms']);
    // The hung ping's connection is abandoned, so the next ping does not queue behind it.
    expect(probe.resets).toBe(1);
  });

  it('a refused ping opens it at once; while the database stays away it keeps probing and reports the outage once', async () => {
    probe.mode = 'refuse';
    await loop.run(200);
    expect(breaker.isOpen).toBe(true);
    expect(events.open.map((e) => e.message)).toEqual(['connect ECONNREFUSED']);
    const pings = probe.pings;
    probe.mode = 'silent';
    await loop.run(5000);
    expect(probe.pings - pings).toBe(3); // a round: 1500 ms for a new connection and its ping, 200 ms of interval
    expect(probe.resets).toBe(3); // each failed ping dropped its connection (the last one is still waiting)
    expect(events.open).toHaveLength(1);
    expect(events.close).toHaveLength(0);
  });

  it('closes at the first ping that answers again, once, saying how long it was open', async () => {
    probe.mode = 'refuse';
    await loop.run(1000);
    expect(breaker.openSince).toBe(200);
    probe.mode = 'answer';
    await loop.run(200);
    expect(breaker.isOpen).toBe(false);
    expect(breaker.openSince).toBeNull();
    expect(events.close).toEqual([1000]);
    await loop.run(2000);
    expect(events).toMatchObject({ open: [expect.any(Error)], close: [1000] });
  });

  it('a pong that was waiting unread when the timeout fired (the event loop was busy) does not open it', async () => {
    probe.mode = 'silent';
    await loop.run(200); // the ping at 200 goes unanswered...
    await loop.turn(600, () => probe.answerLate()); // ...the loop stalls past its timeout; the pong is read in that turn
    expect(breaker.isOpen).toBe(false);
    expect(events.open).toHaveLength(0);
    expect(probe.resets).toBe(0);
  });

  it('a new connection gets the connect timeout on top of the ping timeout: a slow handshake does not open it', async () => {
    breaker.stop();
    probe = new FakeProbe(loop);
    probe.handshakeMs = 1200; // TLS to a far database, say
    breaker = new CircuitBreaker(probe, timing, { open: (e) => events.open.push(e), close: (ms) => events.close.push(ms) }, loop, () => loop.now);
    breaker.start();
    await loop.run(3000);
    expect(events.open).toHaveLength(0);
    expect(probe.pings).toBeGreaterThan(5);
    // Once connected, a ping has only its own timeout.
    probe.mode = 'silent';
    const cutAt = loop.now;
    while (!breaker.isOpen) await loop.turn(10);
    expect(loop.now - cutAt).toBeLessThanOrEqual(700);
    expect(events.open.map((e) => e.message)).toEqual(['no answer to a ping within 500 ms']);
  });

  it('stop() ends the probing and drops the probe connection', async () => {
    breaker.stop();
    const pings = probe.pings;
    await loop.run(2000);
    expect(probe.pings).toBe(pings);
    expect(probe.resets).toBe(1);
  });
});
