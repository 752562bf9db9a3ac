import { levelRank, lineLevel, ticketLevel } from './escalation';

const MIN = 60_000;

describe('alert escalation', () => {
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
