import { alertDelayAfterChange, levelRank, lineLevel, PREDICTED_OVER_BELOW, ticketLevel } from './escalation';

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

  it('raises a ticket by its wait, and by its forecast only when it is unlikely to be called within target', () => {
    expect(ticketLevel(5 * MIN, 20 * MIN, 0.6)).toBeNull();
    expect(ticketLevel(5 * MIN, 20 * MIN, 0.4)).toBeNull(); // more likely over than not, but not 4 in 5 (the rule changed on purpose)
    expect(ticketLevel(5 * MIN, 20 * MIN, 0.1)).toBe('predicted_over');
    expect(ticketLevel(5 * MIN, 20 * MIN, PREDICTED_OVER_BELOW)).toBeNull();
    expect(ticketLevel(21 * MIN, 20 * MIN, null)).toBe('over');
    expect(ticketLevel(41 * MIN, 20 * MIN, 0)).toBe('over_twice');
    expect(ticketLevel(20 * MIN, 20 * MIN)).toBeNull(); // exactly at the target is still within it
  });

  it('raises a line by the chance of a ticket joining it now, and by its oldest ticket while joiners are likely late', () => {
    const base = { targetMs: 20 * MIN };
    expect(lineLevel({ ...base, oldestWaitMs: null, joiningPWithinTarget: 0.9 })).toBeNull();
    expect(lineLevel({ ...base, oldestWaitMs: 10 * MIN, joiningPWithinTarget: 0.4 })).toBeNull();
    expect(lineLevel({ ...base, oldestWaitMs: 10 * MIN, joiningPWithinTarget: 0.05 })).toBe('predicted_over');
    expect(lineLevel({ ...base, oldestWaitMs: 25 * MIN, joiningPWithinTarget: 0.05 })).toBe('over');
    expect(lineLevel({ ...base, oldestWaitMs: 45 * MIN, joiningPWithinTarget: 0 })).toBe('over_twice');
    // The end of a rush: the oldest is late but the tickets joining now are called within target. The line
    // alert clears (the oldest keeps its own ticket alert); before, it stayed at "over" (changed on purpose).
    expect(lineLevel({ ...base, oldestWaitMs: 25 * MIN, joiningPWithinTarget: 0.9 })).toBeNull();
    expect(lineLevel({ ...base, oldestWaitMs: 45 * MIN, joiningPWithinTarget: 0.5 })).toBeNull();
    // No forecast for the line: by its oldest ticket alone.
    expect(lineLevel({ ...base, oldestWaitMs: 25 * MIN })).toBe('over');
    expect(lineLevel({ ...base, oldestWaitMs: 45 * MIN, joiningPWithinTarget: null })).toBe('over_twice');
    expect(lineLevel({ ...base, oldestWaitMs: 10 * MIN })).toBeNull();
  });

  it('orders the levels', () => {
    expect(levelRank('predicted_over')).toBeLessThan(levelRank('over'));
    expect(levelRank('over')).toBeLessThan(levelRank('over_twice'));
  });
});
