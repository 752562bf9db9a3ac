import { runInSlices } from './run-in-slices';

function* busy(slices: number, msEach: number, log: string[]): Generator<void, string, void> {
  for (let i = 0; i < slices; i++) {
    const until = performance.now() + msEach;
    while (performance.now() < until);
    log.push(`step ${i}`);
    yield;
  }
  return 'done';
}

describe('runInSlices', () => {
  it('returns the generator result and lets other work run between slices', async () => {
    const log: string[] = [];
    // Other work queued while the computation runs: it must get in before the end, not after.
    const timer = new Promise<void>((r) => setTimeout(() => (log.push('timer'), r()), 0));
    const { value, cpuMs } = await runInSlices(busy(12, 2, log), 5);
    await timer;
    expect(value).toBe('done');
    const at = log.indexOf('timer');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(log.length - 1);
    // Up to 3 steps of 2 ms fit in a 5 ms slice, and a timer gets its turn in the rest after the first.
    expect(at).toBeLessThanOrEqual(3);
    expect(cpuMs).toBeGreaterThanOrEqual(20);
  });

  it('rests between slices so that the computation takes about its share of the time', async () => {
    const started = performance.now();
    const { cpuMs } = await runInSlices(busy(12, 2, []), 5, 0.25);
    const wall = performance.now() - started;
    // About 24 ms of work in five slices, and a rest of three times each slice after all but the last.
    expect(wall).toBeGreaterThanOrEqual(2.5 * cpuMs);
  });

  it('runs a generator that never pauses in one go', async () => {
    function* quick(): Generator<void, number, void> {
      return 42;
    }
    await expect(runInSlices(quick(), 5)).resolves.toMatchObject({ value: 42 });
  });
});
