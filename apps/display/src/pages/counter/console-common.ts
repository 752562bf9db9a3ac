import { ApiError } from '../../shared/api';
import { prefs } from '../../shared/prefs';

/** Pieces the two staff consoles (counter, manager) share; kept here, not in shared/, as only they use them. */

/** A text in the current language. Staff texts live with their pages, not in the public dictionary. */
export const tr = (zh: string, en: string): string => (prefs.lang === 'zh' ? zh : en);

/**
 * The hall's clock as seen from the browser: snapshots carry the api's `at`, so waits and service
 * times are measured on the api's clock (tests and demos may run it apart from the browser's).
 */
export class HallClock {
  private offset = 0;
  sync(at: number): void {
    this.offset = at - Date.now();
  }
  now(): number {
    return Date.now() + this.offset;
  }
}

/** "4:05" for minutes and seconds, "1:02:03" past an hour: staff read elapsed times at a glance. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

export function minutesText(min: number | null | undefined): string {
  if (min === null || min === undefined) return '—';
  return tr(`${min} 分钟`, `${min} min`);
}

/** The message a clerk or manager should read for a failed request: the refusal in the page's language. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError && (e.status < 500 || e.code === 'DATABASE_UNAVAILABLE')) return e.text();
  if (e instanceof ApiError) return tr(`服务器错误（${e.status}），请重试`, `Server error (${e.status}), try again`);
  return tr('网络错误，请重试', 'Network error, try again');
}

export const WINDOW_STATE: Record<string, [string, string]> = {
  open: ['开放', 'Open'],
  paused: ['暂停', 'Paused'],
  closed: ['关闭', 'Closed'],
};
export const stateText = (s: string): string => (WINDOW_STATE[s] ? tr(...WINDOW_STATE[s]) : s);
