import { randomBytes } from 'node:crypto';

/** Ticket number as shown and spoken: prefix + sequence, at least three digits (A001, A999, A1000). */
export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/**
 * The service day (YYYY-MM-DD) an instant belongs to in the hall's time zone. Numbering restarts with
 * each service day by itself, because counters are keyed by it; no midnight job is needed.
 */
export function serviceDayOf(at: number, timeZone: string): string {
  return localMinute(at, timeZone).day;
}

/** Minutes since local midnight in the hall's time zone. */
export function localMinutesOf(at: number, timeZone: string): number {
  return localMinute(at, timeZone).minutes;
}

interface LocalMinute {
  utcMinute: number;
  day: string;
  minutes: number;
}

/** Since 1980 every zone's offset is whole minutes (older local mean times had seconds). */
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1980, 0, 1);
const lastMinute = new Map<string, LocalMinute>();

/**
 * The local day and time of day of an instant. Both stay the same through a UTC minute, so the last
 * minute asked is kept per zone: the issue path asks for every ticket, and Intl formatting is costly.
 */
function localMinute(at: number, timeZone: string): LocalMinute {
  const utcMinute = Math.floor(at / 60_000);
  const hit = lastMinute.get(timeZone);
  if (hit && hit.utcMinute === utcMinute) return hit;
  const date = new Date(at);
  const parts = timeFormatter(timeZone).formatToParts(date);
  const h = Number(parts.find((p) => p.type === 'hour')?.value ?? 0) % 24;
  const m = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  const v = { utcMinute, day: dayFormatter(timeZone).format(date), minutes: h * 60 + m };
  if (at >= WHOLE_MINUTE_OFFSETS_SINCE) lastMinute.set(timeZone, v);
  return v;
}

/** Local weekday, 0 = Sunday, in the hall's time zone. */
export function localWeekdayOf(at: number, timeZone: string): number {
  const d = serviceDayOf(at, timeZone);
  return new Date(`${d}T00:00:00Z`).getUTCDay();
}

/** The instant a local wall-clock time (minutes after midnight of `day`) happens in the time zone. */
export function localTimeToEpoch(day: string, minutes: number, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  // Two rounds settle the offset even when the first guess falls on the other side of a DST change.
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  return t;
}

/** The zone's offset from UTC at an instant, ms (local wall time minus UTC). */
function offsetAt(at: number, timeZone: string): number {
  const parts = Object.fromEntries(fullFormatter(timeZone).formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second));
  return local - Math.floor(at / 1000) * 1000;
}

const fullCache = new Map<string, Intl.DateTimeFormat>();
function fullFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = fullCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    fullCache.set(timeZone, f);
  }
  return f;
}

/** An unguessable tracking token for the citizen's phone page: 192 random bits, URL-safe. */
export function newTrackingToken(): string {
  return randomBytes(24).toString('base64url');
}

export function isValidTimeZone(tz: string): boolean {
  try {
    dayFormatter(tz);
    return true;
  } catch {
    return false;
  }
}

const dayCache = new Map<string, Intl.DateTimeFormat>();
const timeCache = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = dayCache.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayCache.set(timeZone, f);
  }
  return f;
}
function timeFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = timeCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeCache.set(timeZone, f);
  }
  return f;
}
