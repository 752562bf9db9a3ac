import { summarizeRatings } from './rating-summary';

describe('summarizeRatings', () => {
  it('counts scores and reasons and gives the mean', () => {
    const s = summarizeRatings([
      { score: 5, reasons: [] },
      { score: 2, reasons: ['waited_too_long', 'sent_between_windows'] },
      { score: 2, reasons: ['waited_too_long'] },
    ]);
    expect(s).toEqual({
      count: 3,
      mean: 3,
      distribution: { '1': 0, '2': 2, '3': 0, '4': 0, '5': 1 },
      reasons: { waited_too_long: 2, asked_again_for_data: 0, hard_to_find_service: 0, sent_between_windows: 1, not_resolved: 0 },
    });
  });

  it('rounds the mean to two decimals and has none without ratings', () => {
    expect(summarizeRatings([{ score: 1, reasons: [] }, { score: 2, reasons: [] }, { score: 2, reasons: [] }]).mean).toBe(1.67);
    expect(summarizeRatings([])).toMatchObject({ count: 0, mean: null });
  });
});
