import { localMinutesOf } from '../numbering/numbering';

/** Opening hours as local "HH:MM" strings; opensAt === closesAt means open around the clock. */
export interface OpeningHours {
  opensAt: string;
  closesAt: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function isValidHhmm(s: string): boolean {
  return HHMM.test(s);
}

export function hhmmToMinutes(s: string): number {
  const [h, m] = s.split(':').map(Number);
  return h * 60 + m;
}

export function isOpenAt(hours: OpeningHours, at: number, timeZone: string): boolean {
  const open = hhmmToMinutes(hours.opensAt);
  const close = hhmmToMinutes(hours.closesAt);
  if (open === close || (open === 0 && close === 24 * 60)) return true;
  const now = localMinutesOf(at, timeZone);
  return open < close ? now >= open && now < close : now >= open || now < close;
}
