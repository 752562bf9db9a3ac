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

  it('gives the same local day and minute when asked again within a minute, across DST and odd offsets', () => {
    const fresh = (at: number, tz: string) => {
      const f = new Intl.DateTimeFormat('en-CA', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      });
      const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
      return { day: `${p.year}-${p.month}-${p.day}`, minutes: (Number(p.hour) % 24) * 60 + Number(p.minute) };
    };
    // Around New York's and Lord Howe's (30 min) DST changes, and in +5:30 / +5:45 zones, every 7 s:
    // consecutive instants share a UTC minute, so most answers come from the kept minute.
    const cases: [string, number][] = [
      ['America/New_York', Date.UTC(2026, 2, 8, 6, 50)],
      ['America/New_York', Date.UTC(2026, 10, 1, 5, 50)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 14, 50)],
      ['Asia/Kolkata', Date.UTC(2026, 10, 29, 18, 20)],
      ['Asia/Kathmandu', Date.UTC(2026, 10, 29, 18, 5)],
    ];
    for (const [tz, start] of cases) {
      for (let at = start; at < start + 40 * 60_000; at += 7_000) {
        expect({ tz, at, day: serviceDayOf(at, tz), minutes: localMinutesOf(at, tz) }).toEqual({ tz, at, ...fresh(at, tz) });
      }
    }
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
