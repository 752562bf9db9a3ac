import { BackgroundLane, restAfter } from './background-lane';

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('background pacing', () => {
  it('rests three times as long as it ran at a share of a quarter, and never less than 1 ms', () => {
    expect(restAfter(8, 0.25)).toBe(24);
    expect(restAfter(10, 0.5)).toBe(10);
    expect(restAfter(0, 0.25)).toBe(1);
  });

  it('a lane rests in proportion to the run since its last rest', async () => {
    const lane = new BackgroundLane(0.25);
    spin(10);
    let t = performance.now();
    await lane.rest();
    expect(performance.now() - t).toBeGreaterThanOrEqual(29);
    // Right after a rest nothing has run: the next rest is short.
    t = performance.now();
    await lane.rest();
    expect(performance.now() - t).toBeLessThan(20);
  });
});
