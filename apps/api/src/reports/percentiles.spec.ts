import { durationStats, mean, percentile } from './percentiles';

describe('percentile (nearest rank)', () => {
  it('picks observed values', () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([4, 1, 3, 2], 90)).toBe(4);
    expect(percentile([10], 50)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
  });

  it('is null without values and does not reorder its input', () => {
    expect(percentile([], 50)).toBeNull();
    const xs = [3, 1, 2];
    percentile(xs, 50);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('durationStats', () => {
  it('reports milliseconds as seconds with one decimal', () => {
    expect(durationStats([60_000, 120_000, 300_050])).toEqual({ count: 3, meanSec: 160, p50Sec: 120, p90Sec: 300.1 });
    expect(durationStats([])).toEqual({ count: 0, meanSec: null, p50Sec: null, p90Sec: null });
    expect(mean([1, 2])).toBe(1.5);
  });
});
