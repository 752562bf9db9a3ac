import { QueueError } from '@hallq/queue';
import { dayRange } from './day-range';

describe('dayRange', () => {
  it('lists the days from from to to, across a month end', () => {
    expect(dayRange('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(dayRange('2026-11-30', '2026-11-30')).toEqual(['2026-11-30']);
  });

  it('refuses dates that do not exist or are not YYYY-MM-DD', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', '30.11.2026', '', '2026-11-30T00:00']) {
      expect(() => dayRange(bad, '2026-12-01')).toThrow(/from must be a date as YYYY-MM-DD/);
    }
    expect(() => dayRange('2026-11-30', 'tomorrow')).toThrow(/to must be a date/);
  });

  it('refuses from after to, and ranges over the limit, as INVALID_INPUT', () => {
    expect(() => dayRange('2026-12-02', '2026-12-01')).toThrow(/is after to/);
    expect(dayRange('2026-01-01', '2026-04-03')).toHaveLength(93);
    let err: unknown;
    try {
      dayRange('2026-01-01', '2026-04-04');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueueError);
    expect((err as QueueError).code).toBe('INVALID_INPUT');
    expect((err as QueueError).message).toMatch(/94 days; at most 93/);
  });
});
