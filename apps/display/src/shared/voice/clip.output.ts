import type { Lang } from '../prefs';
import type { ChimeOutput, VoiceOutput } from './announcer';
import type { Phrase } from './phrases';

/**
 * The shipped clips (public/voice/<lang>/<name>.ogg, served by the api), joined gaplessly with Web Audio.
 * Each clip is fetched and decoded once and kept: after that the voice needs no network at all. One
 * AudioContext for the page's life; it is resumed before each call because browsers suspend it (device
 * change, power saving) and it would otherwise stay silent for the rest of the day.
 */
export class ClipOutput implements VoiceOutput, ChimeOutput {
  readonly name = 'clips';
  private ctx: AudioContext | null = null;
  private readonly buffers = new Map<string, AudioBuffer>();
  private readonly loading = new Map<string, Promise<void>>();
  private sources: AudioBufferSourceNode[] = [];

  constructor(private readonly base = '/voice') {}

  private context(): AudioContext {
    this.ctx ??= new AudioContext();
    return this.ctx;
  }

  /** Loads what a language needs; call at start so the first call has no delay. */
  preload(lang: Lang, names: string[]): Promise<void> {
    return Promise.all(names.map((n) => this.load(lang, n))).then(() => undefined);
  }

  private load(lang: Lang, name: string): Promise<void> {
    const key = `${lang}/${name}`;
    if (this.buffers.has(key)) return Promise.resolve();
    let p = this.loading.get(key);
    if (!p) {
      p = fetch(`${this.base}/${key}.ogg`)
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${key}: ${r.status}`))))
        .then((b) => this.context().decodeAudioData(b))
        .then((buf) => void this.buffers.set(key, buf))
        .finally(() => this.loading.delete(key));
      this.loading.set(key, p);
    }
    return p;
  }

  canSay(): boolean {
    return typeof AudioContext !== 'undefined';
  }

  async say(p: Phrase): Promise<void> {
    await Promise.all(p.clips.map((c) => this.load(p.lang, c)));
    const ctx = this.context();
    if (ctx.state !== 'running') await ctx.resume();
    let at = ctx.currentTime + 0.05;
    const sources = p.clips.map((c) => {
      const src = ctx.createBufferSource();
      src.buffer = this.buffers.get(`${p.lang}/${c}`)!;
      src.connect(ctx.destination);
      src.start(at);
      at += src.buffer.duration + 0.04;
      return src;
    });
    this.sources = sources;
    await new Promise<void>((resolve) => (sources[sources.length - 1].onended = () => resolve()));
    for (const s of sources) s.disconnect();
    this.sources = [];
  }

  /** Two soft tones (ding-dong) so people look up before the number is said. */
  async chime(): Promise<void> {
    const ctx = this.context();
    if (ctx.state !== 'running') await ctx.resume();
    const t0 = ctx.currentTime + 0.02;
    const tones: [number, number][] = [[880, 0], [660, 0.45]];
    const oscs = tones.map(([freq, offset]) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      osc.type = 'sine';
      gain.gain.setValueAtTime(0.0001, t0 + offset);
      gain.gain.exponentialRampToValueAtTime(0.4, t0 + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + offset + 0.8);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + offset);
      osc.stop(t0 + offset + 0.85);
      return { osc, gain };
    });
    await new Promise<void>((resolve) => (oscs[oscs.length - 1].osc.onended = () => resolve()));
    for (const { osc, gain } of oscs) {
      osc.disconnect();
      gain.disconnect();
    }
  }

  stop(): void {
    for (const s of this.sources) {
      try { s.stop(); } catch { /* not started */ }
      s.disconnect();
    }
    this.sources = [];
  }
}

export const CLIP_NAMES: Record<Lang, string[]> = {
  zh: [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].concat(['ten', 'please', 'hao', 'to', 'window', 'serve']),
  en: [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].concat(['number', 'go-to-window']),
};
