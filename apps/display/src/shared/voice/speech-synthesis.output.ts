import type { Lang } from '../prefs';
import type { Phrase } from './phrases';
import type { VoiceOutput } from './announcer';

const LANG_TAG: Record<Lang, string> = { zh: 'zh', en: 'en' };

/**
 * The browser's own speech engine, only with a LOCAL voice for the language: a network voice (e.g. a
 * cloud one some browsers list) would fall silent in a hall without internet, so it is never chosen.
 */
export class SpeechSynthesisOutput implements VoiceOutput {
  readonly name = 'speech';
  private voices: SpeechSynthesisVoice[] = [];
  private current: SpeechSynthesisUtterance | null = null;

  constructor(private readonly synth: SpeechSynthesis | undefined = globalThis.speechSynthesis) {
    if (!synth) return;
    const load = () => (this.voices = synth.getVoices().filter((v) => v.localService));
    load();
    synth.addEventListener?.('voiceschanged', load);
  }

  voiceFor(lang: Lang): SpeechSynthesisVoice | undefined {
    const mine = this.voices.filter((v) => v.lang.toLowerCase().replace('_', '-').startsWith(LANG_TAG[lang]));
    return mine.find((v) => /^zh-cn$|^en-us$/i.test(v.lang.replace('_', '-'))) ?? mine[0];
  }

  canSay(lang: Lang): boolean {
    return !!this.synth && !!this.voiceFor(lang);
  }

  say(p: Phrase): Promise<void> {
    const synth = this.synth!;
    // A stuck engine keeps `speaking` true forever; cancelling first clears it.
    if (synth.speaking || synth.pending) synth.cancel();
    synth.resume();
    return new Promise<void>((resolve, reject) => {
      const u = new SpeechSynthesisUtterance(p.text);
      u.voice = this.voiceFor(p.lang) ?? null;
      u.lang = u.voice?.lang ?? (p.lang === 'zh' ? 'zh-CN' : 'en-US');
      u.rate = 0.9;
      u.onend = () => resolve();
      u.onerror = (e) => reject(new Error(`speech error: ${e.error}`));
      // Keep a reference: Chrome may garbage-collect an utterance mid-speech and never fire `end`.
      this.current = u;
      synth.speak(u);
    }).finally(() => (this.current = null));
  }

  stop(): void {
    this.current = null;
    this.synth?.cancel();
  }
}
