import type { Lang } from '../prefs';

/** What is said for one call, as text for a speech engine and as the clip names that say the same. */
export interface Phrase {
  lang: Lang;
  text: string;
  clips: string[];
}

const ZH_DIGITS = '零一二三四五六七八九';

/** Ticket numbers are read out sign by sign: "A023" -> A 零 二 三, so nobody hears "twenty-three". */
function spell(s: string): string[] {
  return [...s.toUpperCase()].filter((c) => /[0-9A-Z]/.test(c));
}

/** A window number as said in Chinese: 5 -> 五, 12 -> 十二, 20 -> 二十; longer or lettered labels spelled. */
function zhWindow(label: string): { text: string; clips: string[] } {
  if (/^[1-9]\d?$/.test(label)) {
    const n = Number(label);
    const tens = Math.floor(n / 10);
    const ones = n % 10;
    if (n < 10) return { text: ZH_DIGITS[n], clips: [String(n)] };
    const clips = [...(tens > 1 ? [String(tens)] : []), 'ten', ...(ones ? [String(ones)] : [])];
    return { text: `${tens > 1 ? ZH_DIGITS[tens] : ''}十${ones ? ZH_DIGITS[ones] : ''}`, clips };
  }
  const signs = spell(label);
  return { text: signs.map((c) => (/\d/.test(c) ? ZH_DIGITS[Number(c)] : c)).join(' '), clips: signs };
}

/** 请 A023 号到 5 号窗口办理 / Number A023, please go to window 5. */
export function callPhrase(number: string, window: string, lang: Lang): Phrase {
  const signs = spell(number);
  if (lang === 'zh') {
    const w = zhWindow(window);
    const num = signs.map((c) => (/\d/.test(c) ? ZH_DIGITS[Number(c)] : c)).join(' ');
    return { lang, text: `请 ${num} 号，到 ${w.text} 号窗口办理`, clips: ['please', ...signs, 'hao', 'to', ...w.clips, 'window', 'serve'] };
  }
  return {
    lang,
    text: `Number ${signs.join(' ')}, please go to window ${spell(window).join(' ')}`,
    clips: ['number', ...signs, 'go-to-window', ...spell(window)],
  };
}
