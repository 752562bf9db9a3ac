import { h, render } from '../../shared/dom';
import { categoryName, t, waitText } from '../../shared/i18n';
import { subscribeLive, type ConnectionState } from '../../shared/live-client';
import type { CalledEvent, HallSnapshot, PublicTicket } from '@hallq/contracts';
import { prefs } from '../../shared/prefs';
import { Announcer, type AnnouncerLogEntry } from '../../shared/voice/announcer';
import { CLIP_NAMES, ClipOutput } from '../../shared/voice/clip.output';
import { SpeechSynthesisOutput } from '../../shared/voice/speech-synthesis.output';
import './screen.css';
import { isAuthRefusal } from '../../shared/auth';

interface Call { number: string; window: string; at: number; recall: boolean }

/**
 * The hall screen (/screen/<hall>): the newest call huge and highlighted, the calls before it, and per
 * category the line and the wait for a ticket taken now. Each `called` event is shown at once and spoken.
 */
export function screenPage(root: HTMLElement, hallId: string): void {
  document.body.classList.add('screen-page');
  let snap: HallSnapshot | null = null;
  let conn: ConnectionState = 'connecting';
  let refused: string | null = null;
  let refusedAuth = false;
  let calls: Call[] = [];
  let flashUntil = 0;
  let lastCalledSeq = 0;

  const clips = new ClipOutput();
  for (const lang of prefs.voice) void clips.preload(lang, CLIP_NAMES[lang]).catch(() => undefined);
  const voiceLog: AnnouncerLogEntry[] = [];
  const voiceCounts: Record<AnnouncerLogEntry['kind'], number> = { said: 0, failed: 0, stalled: 0, dropped: 0, skipped: 0 };
  const announcer = new Announcer({
    langs: prefs.voice.length ? prefs.voice : ['zh'],
    repeat: prefs.repeat,
    outputs: [new SpeechSynthesisOutput(), clips],
    chime: clips,
    log: (e) => {
      voiceCounts[e.kind]++;
      voiceLog.push(e);
      if (voiceLog.length > 200) voiceLog.splice(0, voiceLog.length - 200);
    },
  });
  // Read by the browser tests and handy for hall staff in the console: what was said, how, when.
  (window as unknown as { hallqVoice: unknown }).hallqVoice = { log: voiceLog, counts: voiceCounts, announcer };

  const fromSnapshot = (s: HallSnapshot): Call[] =>
    s.recentCalls
      .filter((c): c is PublicTicket & { windowLabel: string } => !!c.windowLabel)
      .map((c) => ({ number: c.number, window: c.windowLabel, at: c.calledAt ?? 0, recall: c.recallCount > 0 }));

  const draw = () => {
    const newest = calls[0];
    const lang = prefs.lang;
    render(
      root,
      h('header', { class: 'bar' },
        h('div', { class: 'hall-name' }, snap?.hall.name ?? ''),
        h('div', { class: 'clock', id: 'clock' }, clockText(snap?.hall.timeZone)),
        h('div', { class: `conn conn-${conn}`, 'data-conn': conn, role: 'status' },
          t(conn === 'live' ? 'live' : conn === 'connecting' ? 'connecting' : 'offline')),
      ),
      refused
        ? h('main', { class: 'refused' }, refusedAuth ? t('deviceNotRegistered') : t('hallNotFound'), h('small', {}, refusedAuth ? t('deviceHowTo') : refused))
        : h('main', { class: 'board' },
          h('section', { class: 'calls', 'aria-live': 'polite' },
            h('h2', {}, t('nowCalling')),
            newest
              ? h('div', { class: `newest${Date.now() < flashUntil ? ' flash' : ''}`, 'data-testid': 'newest' },
                h('span', { class: 'num' }, newest.number),
                h('span', { class: 'win' }, '→ ', t('toWindow')(newest.window)))
              : h('div', { class: 'newest empty' }, t('noCallsYet')),
            h('ol', { class: 'recent', 'data-testid': 'recent' },
              calls.slice(1, 4).map((c) => h('li', {}, h('span', { class: 'num' }, c.number), h('span', { class: 'win' }, t('toWindow')(c.window))))),
          ),
          h('section', { class: 'lines' },
            h('h2', {}, t('lines')),
            h('table', {},
              h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, t('waitingCount')), h('th', {}, t('waitNow')))),
              h('tbody', {}, (snap?.lines ?? []).map((l) =>
                h('tr', { class: l.category.active ? '' : 'paused', 'data-category': l.category.code },
                  h('td', { class: 'cat' }, h('span', { class: 'prefix' }, l.category.prefix), categoryName(l.category)),
                  h('td', { class: 'count' }, l.waiting, lang === 'zh' ? h('small', {}, t('people')) : null),
                  h('td', { class: 'wait' },
                    !l.category.active ? t('paused') : l.openWindows === 0 ? t('noWindowOpen') : waitText(l.waitNow?.expectedSec)),
                ))),
            ),
          ),
        ),
    );
  };

  subscribeLive<HallSnapshot>({ hall: hallId }, {
    snapshot: (s) => {
      // A snapshot older than a call already shown (it was computed before that call) must not undo it.
      const newestShownSeq = lastCalledSeq;
      snap = s;
      if (s.seq >= newestShownSeq || !calls.length) calls = fromSnapshot(s);
      draw();
    },
    called: (e: CalledEvent) => {
      lastCalledSeq = e.seq;
      calls = [
        { number: e.number, window: e.window, at: e.at, recall: e.recall },
        ...calls.filter((c) => !(c.number === e.number && c.window === e.window)),
      ].slice(0, 10);
      flashUntil = Date.now() + 8000;
      draw();
      setTimeout(draw, 8100);
      announcer.announce(e.number, e.window);
    },
    state: (s) => {
      conn = s;
      if (s === 'live') refused = null;
      draw();
    },
    refused: (error, code) => {
      refused = error;
      refusedAuth = isAuthRefusal(code);
      draw();
    },
  }, { staleAfterMs: 75_000 });

  setInterval(() => {
    const c = document.getElementById('clock');
    if (c) c.textContent = clockText(snap?.hall.timeZone);
  }, 1000);

  // Browsers start audio only after a user gesture, unless the screen's browser is started with
  // --autoplay-policy=no-user-gesture-required (docs/live.md). A click anywhere unlocks it too.
  document.addEventListener('click', () => void clips.chime().catch(() => undefined), { once: true });
  draw();
}

/** The hall's local time (the TV's own time zone may be anything). */
function clockText(timeZone?: string): string {
  return new Date().toLocaleTimeString(prefs.lang === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
}
