import { localMinutesOf } from '@hallq/queue';

/** Epoch ms of local midnight starting `day` ('YYYY-MM-DD') in the time zone, daylight saving included. */
export function localDayStart(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at the guess, then again at the corrected instant (they differ across a DST change).
  let at = guess - offsetMs(guess, timeZone);
  at = guess - offsetMs(at, timeZone);
  return at;
}

/** The day after `day` ('YYYY-MM-DD'). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The local half hour an instant falls in, as "HH:MM" (09:00, 09:30, ...). */
export function halfHourSlot(at: number, timeZone: string): string {
  const m = Math.floor(localMinutesOf(at, timeZone) / 30) * 30;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * Counts per half hour, from the first slot with an arrival to the last, empty slots in between
 * included (a chart shows the lull). Empty list for no arrivals.
 */
export function arrivalsPerHalfHour(times: readonly number[], timeZone: string): { slot: string; count: number }[] {
  if (!times.length) return [];
  const counts = new Map<string, number>();
  for (const t of times) {
    const s = halfHourSlot(t, timeZone);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return slotsBetween([...counts.keys()]).map((slot) => ({ slot, count: counts.get(slot) ?? 0 }));
}

/** Sums per-slot counts (e.g. the days of a range) over the slots any of them has. */
export function sumSlots(lists: readonly { slot: string; count: number }[][]): { slot: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const l of lists) for (const x of l) counts.set(x.slot, (counts.get(x.slot) ?? 0) + x.count);
  if (!counts.size) return [];
  return slotsBetween([...counts.keys()]).map((slot) => ({ slot, count: counts.get(slot) ?? 0 }));
}

function slotsBetween(slots: string[]): string[] {
  const mins = slots.map((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3)));
  const out: string[] = [];
  for (let m = Math.min(...mins); m <= Math.max(...mins); m += 30) {
    out.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  }
  return out;
}

/** The zone's offset from UTC at an instant (local wall time minus UTC), in ms. */
function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(at));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second'));
  return wall - Math.floor(at / 1000) * 1000;
}
