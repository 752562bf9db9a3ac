import { QueueError } from '@hallq/queue';
import { checkServiceDay, parseServiceDay } from './service-day';

describe('service days', () => {
  it('takes real days from 2000-01-01 to 2099-12-31, as days since 1970-01-01', () => {
    expect(checkServiceDay('1970-01-01', 'd')).toMatchObject({ problem: 'd must be a day from 2000-01-01 to 2099-12-31; got "1970-01-01".' });
    expect(checkServiceDay('2000-01-01', 'd')).toEqual({ day: 10957 });
    expect(checkServiceDay('2099-12-31', 'd')).toEqual({ day: Date.UTC(2099, 11, 31) / 86_400_000 });
    expect(checkServiceDay('2028-02-29', 'd')).toEqual({ day: Date.UTC(2028, 1, 29) / 86_400_000 });
  });

  it('does not read year 0001 as 1901 (Date.UTC does), and says which bound a far day misses', () => {
    expect(checkServiceDay('0001-01-01', 'from')).toMatchObject({ problem: 'from must be a day from 2000-01-01 to 2099-12-31; got "0001-01-01".' });
    expect(checkServiceDay('9999-12-31', 'to')).toMatchObject({ problem: 'to must be a day from 2000-01-01 to 2099-12-31; got "9999-12-31".' });
  });

  it('refuses what is no calendar day, naming the field', () => {
    for (const bad of ['2026-02-30', '2027-02-29', '0000-00-00', '2026-13-01', '2026-1-01', '+02026-11-30', '2026-11-30T00:00', '', ' 2026-11-30']) {
      expect(checkServiceDay(bad, 'date')).toMatchObject({ problem: `date must be a date as YYYY-MM-DD, e.g. 2026-11-30; got "${bad}".` });
    }
    expect(checkServiceDay(undefined, 'date')).toMatchObject({ problem: 'date must be a date as YYYY-MM-DD, e.g. 2026-11-30; got undefined.' });
    expect(() => parseServiceDay('2026-02-30', 'date')).toThrow(QueueError);
  });
});
