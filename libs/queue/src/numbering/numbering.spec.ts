import { isOpenAt } from '../hall/opening-hours';
import { formatTicketNumber, isValidTimeZone, localMinutesOf, localTimeToEpoch, localWeekdayOf, newTrackingToken, serviceDayOf } from './numbering';

describe('numbering and the service day', () => {
  it('formats numbers with at least three digits', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('B', 23)).toBe('B023');
    expect(formatTicketNumber('AB', 999)).toBe('AB999');
    expect(formatTicketNumber('A', 1000)).toBe('A1000');
  });

  it('takes the service day in the hall time zone, not UTC', () => {
    // 2026-11-29 17:30 UTC is 2026-11-30 01:30 in Shanghai
    const t = Date.UTC(2026, 10, 29, 17, 30);
    expect(serviceDayOf(t, 'Asia/Shanghai')).toBe('2026-11-30');
    expect(serviceDayOf(t, 'UTC')).toBe('2026-11-29');
    expect(serviceDayOf(t, 'America/New_York')).toBe('2026-11-29');
    expect(localMinutesOf(t, 'Asia/Shanghai')).toBe(90);
    expect(localWeekdayOf(t, 'Asia/Shanghai')).toBe(1); // Monday
  });

  it('makes unguessable URL-safe tokens (>= 128 bits)', () => {
    const a = newTrackingToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 random bytes = 192 bits
    expect(new Set(Array.from({ length: 1000 }, newTrackingToken)).size).toBe(1000);
  });

  it('turns a local time of a day into an instant, across time zones and DST', () => {
    expect(localTimeToEpoch('2026-11-30', 8 * 60 + 30, 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 30, 0, 30));
    expect(localTimeToEpoch('2026-11-30', 0, 'UTC')).toBe(Date.UTC(2026, 10, 30));
    expect(localTimeToEpoch('2026-07-01', 9 * 60, 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 13)); // EDT
    expect(localTimeToEpoch('2026-12-01', 9 * 60, 'America/New_York')).toBe(Date.UTC(2026, 11, 1, 14)); // EST
    expect(localTimeToEpoch('2026-11-30', 24 * 60, 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 30, 16));
  });

  it('validates time zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('reads opening hours in local time, including around the clock and overnight', () => {
    const at = (h: number, m = 0) => Date.UTC(2026, 10, 30, h - 8, m); // Shanghai local h:m
    const day = { opensAt: '08:30', closesAt: '17:30' };
    expect(isOpenAt(day, at(8, 29), 'Asia/Shanghai')).toBe(false);
    expect(isOpenAt(day, at(8, 30), 'Asia/Shanghai')).toBe(true);
    expect(isOpenAt(day, at(17, 29), 'Asia/Shanghai')).toBe(true);
    expect(isOpenAt(day, at(17, 30), 'Asia/Shanghai')).toBe(false);
    expect(isOpenAt({ opensAt: '00:00', closesAt: '00:00' }, at(3), 'Asia/Shanghai')).toBe(true);
    expect(isOpenAt({ opensAt: '22:00', closesAt: '02:00' }, at(23), 'Asia/Shanghai')).toBe(true);
    expect(isOpenAt({ opensAt: '22:00', closesAt: '02:00' }, at(12), 'Asia/Shanghai')).toBe(false);
  });
});
