import { alertDelayAfterChange, levelRank, lineLevel, ticketLevel } from './escalation';

const MIN = 60_000;

describe('alert escalation', () => {
  it('looks at a hall again soon after a change, later the longer its line, never later than the round', () => {
    expect(alertDelayAfterChange(2000, 0, 30_000)).toBe(2000);
    expect(alertDelayAfterChange(2000, 300, 30_000)).toBe(2000);
    expect(alertDelayAfterChange(2000, 1000, 30_000)).toBe(2000);
    expect(alertDelayAfterChange(2000, 1001, 30_000)).toBe(4000);
    expect(alertDelayAfterChange(2000, 5000, 30_000)).toBe(10_000);
    expect(alertDelayAfterChange(2000, 15_000, 30_000)).toBe(30_000);
    expect(alertDelayAfterChange(45_000, 15_000, 30_000)).toBe(45_000); // a configured delay is a floor
  });

  it('raises a ticket by its wait and its forecast', () => {
    expect(ticketLevel(5 * MIN, 20 * MIN, 15 * MIN)).toBeNull();
    expect(ticketLevel(5 * MIN, 20 * MIN, 25 * MIN)).toBe('predicted_over');
    expect(ticketLevel(21 * MIN, 20 * MIN, null)).toBe('over');
    expect(ticketLevel(41 * MIN, 20 * MIN, 50 * MIN)).toBe('over_twice');
    expect(ticketLevel(20 * MIN, 20 * MIN)).toBeNull(); // exactly at the target is still within it
  });

  it('raises a line by its oldest ticket and by the forecast wait of a ticket taken now', () => {
    const base = { targetMs: 20 * MIN };
    expect(lineLevel({ ...base, oldestWaitMs: null, predictedWaitMs: 5 * MIN })).toBeNull();
    expect(lineLevel({ ...base, oldestWaitMs: 10 * MIN, predictedWaitMs: 30 * MIN })).toBe('predicted_over');
    expect(lineLevel({ ...base, oldestWaitMs: 25 * MIN, predictedWaitMs: 1 * MIN })).toBe('over');
    expect(lineLevel({ ...base, oldestWaitMs: 45 * MIN })).toBe('over_twice');
  });

  it('orders the levels', () => {
    expect(levelRank('predicted_over')).toBeLessThan(levelRank('over'));
    expect(levelRank('over')).toBeLessThan(levelRank('over_twice'));
  });
});
