import { Announcer, type AnnouncerLogEntry, type VoiceOutput } from './announcer';
import type { Phrase } from './phrases';

/** mulberry32: a seeded PRNG, so the long run is the same run every time. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3600_000;

/**
 * A speech engine with the faults seen in halls: after two hours it starts hanging mid-utterance now and
 * then (never firing `end`, as Chrome's does after long uptimes), and for half an hour it loses its voice.
 */
class FlakySpeech implements VoiceOutput {
  readonly name = 'speech';
  said = 0;
  hangs = 0;
  stops = 0;
  private n = 0;
  constructor(private readonly now: () => number) {}
  canSay(): boolean {
    const t = this.now();
    return !(t > 5 * HOUR && t < 5.5 * HOUR);
  }
  say(p: Phrase): Promise<void> {
    this.n++;
    if (this.now() > 2 * HOUR && this.n % 7 === 0) {
      this.hangs++;
      return new Promise(() => undefined); // never ends
    }
    return new Promise((res) => setTimeout(() => (this.said++, res()), p.clips.length * 300));
  }
  stop(): void {
    this.stops++;
  }
}

/** The shipped clips: always there, but a clip fetch fails now and then on a flaky LAN. */
class Clips implements VoiceOutput {
  readonly name = 'clips';
  said = 0;
  private n = 0;
  canSay(): boolean {
    return true;
  }
  say(p: Phrase): Promise<void> {
    if (++this.n % 97 === 0) return Promise.reject(new Error('404'));
    return new Promise((res) => setTimeout(() => (this.said++, res()), p.clips.length * 350));
  }
  stop(): void {}
}

describe('Announcer', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('keeps saying every call through 10 hours of a hall day with a hanging, vanishing voice', async () => {
    const rand = prng(42);
    const now = () => Date.now();
    const speech = new FlakySpeech(now);
    const clips = new Clips();
    const log: AnnouncerLogEntry[] = [];
    let chimes = 0;
    const a = new Announcer({
      langs: ['zh'], repeat: 2, outputs: [speech, clips], now, log: (e) => log.push(e),
      chime: { chime: () => new Promise((res) => setTimeout(() => (chimes++, res()), 900)) },
    });

    // 10 hours of calls from 12 windows: mostly one every ~25 s, sometimes a burst of 6 at once.
    const calls: { key: string; at: number }[] = [];
    let maxQueued = 0;
    let seq = 0;
    while (Date.now() < 10 * HOUR) {
      const burst = rand() < 0.03 ? 6 : 1;
      for (let i = 0; i < burst; i++) {
        const number = `${'ABC'[seq % 3]}${String(++seq % 1000).padStart(3, '0')}`;
        const window = String(1 + Math.floor(rand() * 12));
        calls.push({ key: `${number}@${window}`, at: Date.now() });
        a.announce(number, window);
        maxQueued = Math.max(maxQueued, a.queued);
      }
      await jest.advanceTimersByTimeAsync(Math.round(5_000 + rand() * 40_000));
    }
    await jest.advanceTimersByTimeAsync(10 * 60_000);

    expect(calls.length).toBeGreaterThan(1200);
    expect(a.busy).toBe(false);
    expect(a.queued).toBe(0);
    expect(maxQueued).toBeLessThanOrEqual(6);

    // Every call was said at least once, except the few dropped from the back of a long burst.
    const said = new Map<string, number>();
    for (const e of log) if (e.kind === 'said' && !said.has(e.key)) said.set(e.key, e.at);
    const dropped = new Set(log.filter((e) => e.kind === 'dropped').map((e) => e.key));
    const unsaid = calls.filter((c) => !said.has(c.key) && !dropped.has(c.key));
    expect(unsaid).toEqual([]);
    expect(dropped.size / calls.length).toBeLessThan(0.02);

    // Hangs happened and were cut off, the clips took over, and the voice came back after its bench.
    expect(speech.hangs).toBeGreaterThan(5);
    expect(speech.stops).toBeGreaterThanOrEqual(speech.hangs);
    expect(log.filter((e) => e.kind === 'stalled').length).toBe(speech.hangs);
    const lateSpeech = log.filter((e) => e.kind === 'said' && e.output === 'speech' && e.at > 6 * HOUR);
    expect(lateSpeech.length).toBeGreaterThan(10);
    expect(log.some((e) => e.kind === 'said' && e.output === 'clips' && e.at > 5 * HOUR && e.at < 5.5 * HOUR)).toBe(true);

    // Nobody waited long to hear their number, even in the worst hour (a burst behind a hang).
    const delays = calls.filter((c) => said.has(c.key)).map((c) => said.get(c.key)! - c.at);
    expect(Math.max(...delays)).toBeLessThan(90_000);
    expect(chimes).toBeGreaterThan(1000);
  });

  it('says each call in every configured language, twice when the queue is short', async () => {
    const out: string[] = [];
    const voice: VoiceOutput = {
      name: 'speech', canSay: () => true, stop: () => undefined,
      say: (p) => new Promise((res) => setTimeout(() => (out.push(p.text), res()), 1000)),
    };
    const a = new Announcer({ langs: ['zh', 'en'], repeat: 2, outputs: [voice] });
    a.announce('A023', '5');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(out).toEqual([
      '请 A 零 二 三 号，到 五 号窗口办理', 'Number A 0 2 3, please go to window 5',
      '请 A 零 二 三 号，到 五 号窗口办理', 'Number A 0 2 3, please go to window 5',
    ]);
  });

  it('does not queue the same call twice while it waits', async () => {
    const out: string[] = [];
    const voice: VoiceOutput = {
      name: 'speech', canSay: () => true, stop: () => undefined,
      say: (p) => new Promise((res) => setTimeout(() => (out.push(p.text), res()), 1000)),
    };
    const a = new Announcer({ langs: ['zh'], repeat: 1, outputs: [voice] });
    a.announce('A001', '1');
    a.announce('B002', '12');
    a.announce('B002', '12');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(out).toEqual(['请 A 零 零 一 号，到 五 号窗口办理'.replace('五', '一'), '请 B 零 零 二 号，到 十二 号窗口办理']);
  });
});
