import type { SimTicket } from '../simulator/hall-simulator';
import { dayMetrics, linePassedTargetAt, offeredWaitMs, quantile } from './day-metrics';

const MIN = 60_000;

const called = (id: string, categoryId: string, issuedAt: number, waitMin: number): SimTicket =>
  ({ id, categoryId, priority: 'normal', issuedAt, calledAt: issuedAt + waitMin * MIN, waitingAtIssue: 0 });
const left = (id: string, categoryId: string, issuedAt: number, leftMin: number, offeredMin?: number): SimTicket => ({
  id, categoryId, priority: 'normal', issuedAt, abandonedAt: issuedAt + leftMin * MIN, waitingAtIssue: 0,
  offeredCallAt: offeredMin === undefined ? undefined : issuedAt + offeredMin * MIN,
});

describe('day metrics', () => {
  it('counts offered waits against each category\'s target', () => {
    const tickets = [
      called('A1', 'A', 0, 5), called('A2', 'A', 0, 10), called('A3', 'A', 0, 25), left('A4', 'A', 0, 8, 12),
      called('B1', 'B', 0, 40), called('B2', 'B', 0, 50), left('B3', 'B', 0, 70, 90),
    ];
    const m = dayMetrics(tickets, { A: 20 * MIN, B: 60 * MIN });
    expect(offeredWaitMs(tickets[3])).toBe(12 * MIN); // left after 8 min, the window would have called at 12
    expect(m.tickets).toBe(7);
    expect(m.withinTarget).toBeCloseTo(5 / 7, 9); // A3 (25 > 20) and B3 (90 > 60) missed
    expect(m.meetsTarget).toBe(false);
    expect(m.everyCategoryMeets).toBe(false);
    expect(m.abandoned).toBeCloseTo(2 / 7, 9);
    expect(m.meanWaitMs).toBeCloseTo(((5 + 10 + 25 + 12 + 40 + 50 + 90) / 7) * MIN, 6);
    expect(m.p90WaitMs).toBe(90 * MIN);
    expect(dayMetrics(tickets.slice(0, 2), { A: 20 * MIN }, 0.9)).toMatchObject({ withinTarget: 1, meetsTarget: true, everyCategoryMeets: true });
  });

  it('takes a wait no window ever ended as over target, and as the longest wait seen for the mean', () => {
    const m = dayMetrics([called('A1', 'A', 0, 10), left('A2', 'A', 0, 30)], { A: 20 * MIN });
    expect(m.withinTarget).toBe(0.5);
    expect(m.meanWaitMs).toBe(10 * MIN);
  });

  it('says when the line first passed its target', () => {
    const tickets = [called('A1', 'A', 0, 5), called('A2', 'A', 10 * MIN, 25), left('A3', 'A', 5 * MIN, 30, 40), called('B1', 'B', 0, 90)];
    expect(linePassedTargetAt(tickets, 'A', 20 * MIN)).toBe(25 * MIN); // A3 had waited 20 min at 25 min
    expect(linePassedTargetAt(tickets.slice(0, 1), 'A', 20 * MIN)).toBeNull();
  });

  it('quantile by nearest rank', () => {
    expect(quantile([], 0.9)).toBe(0);
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile(Array.from({ length: 10 }, (_, i) => i + 1), 0.9)).toBe(9);
  });
});
