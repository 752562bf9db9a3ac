import { arrivalsPerHalfHour, halfHourSlot, localDayStart, nextDay, sumSlots } from './time-buckets';

const H = 3_600_000;

describe('localDayStart', () => {
  it('is local midnight in the hall time zone', () => {
    expect(localDayStart('2026-11-30', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 29, 16));
    expect(localDayStart('2026-11-30', 'UTC')).toBe(Date.UTC(2026, 10, 30));
    expect(localDayStart('2026-07-01', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 4));
  });

  it('gives a 23-hour day across the spring daylight-saving change', () => {
    const a = localDayStart('2026-03-08', 'America/New_York');
    expect(localDayStart('2026-03-09', 'America/New_York') - a).toBe(23 * H);
  });

  it('steps to the next day across month and year ends', () => {
    expect(nextDay('2026-11-30')).toBe('2026-12-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('half-hour buckets', () => {
  const nine = Date.UTC(2026, 10, 30, 1); // 09:00 in Shanghai
  it('names the local half hour', () => {
    expect(halfHourSlot(nine, 'Asia/Shanghai')).toBe('09:00');
    expect(halfHourSlot(nine + 29 * 60_000 + 59_999, 'Asia/Shanghai')).toBe('09:00');
    expect(halfHourSlot(nine + 30 * 60_000, 'Asia/Shanghai')).toBe('09:30');
    expect(halfHourSlot(nine, 'UTC')).toBe('01:00');
  });

  it('counts arrivals per slot with empty slots in between', () => {
    const r = arrivalsPerHalfHour([nine + 60_000, nine + 5 * 60_000, nine + 95 * 60_000], 'Asia/Shanghai');
    expect(r).toEqual([{ slot: '09:00', count: 2 }, { slot: '09:30', count: 0 }, { slot: '10:00', count: 0 }, { slot: '10:30', count: 1 }]);
    expect(arrivalsPerHalfHour([], 'Asia/Shanghai')).toEqual([]);
  });

  it('sums days slot by slot', () => {
    expect(sumSlots([[{ slot: '09:00', count: 2 }], [{ slot: '09:00', count: 1 }, { slot: '09:30', count: 4 }], []])).toEqual([
      { slot: '09:00', count: 3 }, { slot: '09:30', count: 4 },
    ]);
  });
});
