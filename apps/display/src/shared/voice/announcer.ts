import type { Lang } from '../prefs';
import { callPhrase, type Phrase } from './phrases';

/** A way to make sound. Each call resolves when done, rejects on failure; `stop` abandons what plays. */
export interface VoiceOutput {
  readonly name: string;
  /** Ready to say this language now (a speech engine with a local voice for it; clips that loaded). */
  canSay(lang: Lang): boolean;
  say(p: Phrase): Promise<void>;
  stop(): void;
}

export interface ChimeOutput {
  chime(): Promise<void>;
}

export interface AnnouncerOptions {
  /** Languages, in order, each call is said in. */
  langs: Lang[];
  /** Times each call is said when the queue is short; once when calls pile up. */
  repeat: number;
  /** Outputs in order of preference: the browser's voice, then the shipped clips. */
  outputs: VoiceOutput[];
  chime?: ChimeOutput;
  /** Calls waiting to be said; beyond this the oldest are dropped (the screen still shows them). */
  maxPending?: number;
  /** After an output stalls or fails, it is skipped for this long before being tried again. */
  benchMs?: number;
  now?: () => number;
  log?: (entry: AnnouncerLogEntry) => void;
}

export interface AnnouncerLogEntry {
  at: number;
  kind: 'said' | 'failed' | 'stalled' | 'dropped' | 'skipped';
  key: string;
  output?: string;
  lang?: Lang;
}

interface Pending {
  key: string;
  number: string;
  window: string;
}

/**
 * The hall screen's voice. Calls queue here and are said one at a time, each preceded by a chime.
 * Built to run for days: every step has a deadline (speech engines are known to hang mid-utterance
 * after hours and never fire `end`), a hanging or failing output is cancelled and benched while the
 * next one takes over, the queue is bounded, and nothing grows with the number of calls.
 */
export class Announcer {
  private readonly pending: Pending[] = [];
  private readonly benchedUntil = new Map<string, number>();
  private running = false;
  private readonly maxPending: number;
  private readonly benchMs: number;
  private readonly now: () => number;

  constructor(private readonly o: AnnouncerOptions) {
    this.maxPending = o.maxPending ?? 6;
    this.benchMs = o.benchMs ?? 10 * 60_000;
    this.now = o.now ?? (() => Date.now());
  }

  /** Queues a call. The same number at the same window already waiting is not queued twice. */
  announce(number: string, window: string): void {
    const key = `${number}@${window}`;
    if (this.pending.some((p) => p.key === key)) return;
    this.pending.push({ key, number, window });
    while (this.pending.length > this.maxPending) {
      const dropped = this.pending.shift()!;
      this.o.log?.({ at: this.now(), kind: 'dropped', key: dropped.key });
    }
    if (!this.running) void this.run();
  }

  get queued(): number {
    return this.pending.length;
  }

  get busy(): boolean {
    return this.running;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.length) {
        const p = this.pending.shift()!;
        const times = this.pending.length >= 2 ? 1 : this.o.repeat;
        if (this.o.chime) await withDeadline(this.o.chime.chime(), 3_000).catch(() => undefined);
        for (let i = 0; i < times; i++) for (const lang of this.o.langs) await this.sayOnce(p, lang);
      }
    } finally {
      this.running = false;
    }
  }

  private async sayOnce(p: Pending, lang: Lang): Promise<void> {
    const phrase = callPhrase(p.number, p.window, lang);
    // Benched outputs go last rather than never: when everything has failed once, the clips are still
    // worth a try (a clip that 404'd on a flaky LAN may load now).
    const able = this.o.outputs.filter((out) => out.canSay(lang));
    const benched = (out: VoiceOutput) => (this.benchedUntil.get(out.name) ?? 0) > this.now();
    for (const out of [...able.filter((x) => !benched(x)), ...able.filter(benched)]) {
      try {
        await withDeadline(out.say(phrase), deadlineFor(phrase));
        this.o.log?.({ at: this.now(), kind: 'said', key: p.key, output: out.name, lang });
        return;
      } catch (e) {
        out.stop();
        this.benchedUntil.set(out.name, this.now() + this.benchMs);
        this.o.log?.({ at: this.now(), kind: e instanceof DeadlineError ? 'stalled' : 'failed', key: p.key, output: out.name, lang });
      }
    }
    this.o.log?.({ at: this.now(), kind: 'skipped', key: p.key, lang });
  }
}

/** Generous: a slow voice says about 3 signs a second; a phrase never needs more than this. */
function deadlineFor(p: Phrase): number {
  return 4_000 + p.clips.length * 700;
}

class DeadlineError extends Error {}

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new DeadlineError(`no end after ${ms} ms`)), ms)));
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}
