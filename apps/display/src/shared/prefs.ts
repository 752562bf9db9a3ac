/**
 * Display preferences: language (zh-CN by default, en switchable) and the elder-friendly large mode.
 * A query string (?lang=en&large=1, handy for a screen's start-up URL) wins and is remembered.
 */
export type Lang = 'zh' | 'en';

const q = new URLSearchParams(location.search);

function pref(key: string, fromQuery: string | null): string | null {
  if (fromQuery !== null) {
    try { localStorage.setItem(`hallq.${key}`, fromQuery); } catch { /* private mode: fine */ }
    return fromQuery;
  }
  try { return localStorage.getItem(`hallq.${key}`); } catch { return null; }
}

export const prefs = {
  lang: (pref('lang', q.get('lang')) === 'en' ? 'en' : 'zh') as Lang,
  large: pref('large', q.get('large')) === '1',
  /** Languages the screen speaks, in order: "zh" (default) or "zh,en". */
  voice: (pref('voice', q.get('voice')) ?? 'zh').split(',').filter((v): v is Lang => v === 'zh' || v === 'en'),
  /** How often each call is spoken (halls usually say it twice). */
  repeat: Math.min(3, Math.max(1, Number(pref('repeat', q.get('repeat')) ?? 2) || 2)),
};

export function setLang(lang: Lang): void {
  prefs.lang = lang;
  try { localStorage.setItem('hallq.lang', lang); } catch { /* ignore */ }
  applyPrefs();
}

export function setLarge(large: boolean): void {
  prefs.large = large;
  try { localStorage.setItem('hallq.large', large ? '1' : '0'); } catch { /* ignore */ }
  applyPrefs();
}

export function applyPrefs(): void {
  document.documentElement.lang = prefs.lang === 'zh' ? 'zh-CN' : 'en';
  document.body.classList.toggle('large', prefs.large);
}
