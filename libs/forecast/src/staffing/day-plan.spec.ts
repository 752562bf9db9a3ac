import { windowsRequired } from '../queueing/erlang';
import { Forecaster } from '../forecaster';
import { planDay } from './day-plan';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('day plan', () => {
  it('needs, in a long steady stretch, what Erlang A needs for that steady rate', () => {
    const c = {
      categoryId: 'A', arrivalsPerHour: Array(20).fill(30), meanServiceMs: 10 * MIN, serviceCv: 1,
      meanPatienceMs: 40 * MIN, targetWaitMs: 20 * MIN, targetShare: 0.9,
    };
    const plan = planDay(0, 30 * MIN, [c]);
    const steady = windowsRequired({ arrivalRate: 30 / HOUR, meanService: 10 * MIN, meanPatience: 40 * MIN, target: 20 * MIN, serviceLevel: 0.9 });
    expect(plan).toHaveLength(20);
    expect(plan[19].categories[0].windows).toBe(steady);
    expect(plan[19].totalWindows).toBe(steady);
    expect(plan[1].start).toBe(30 * MIN);
  });

  it('plans tomorrow from the weekday-and-slot history: more windows in the morning peak', () => {
    // Two weeks of a hall (UTC+8): 8 tickets an hour all day, 40 an hour from 09:00 to 11:00 local.
    const f = new Forecaster({ utcOffsetMinutes: 480, categories: [{ id: 'A', targetWaitMs: 20 * MIN, defaultServiceMs: 12 * MIN }] });
    const midnightLocal = Date.UTC(2026, 10, 2) - 8 * HOUR; // Monday 2 Nov 2026, 00:00 in Shanghai
    for (let d = 0; d < 14; d++) {
      let due = 0;
      for (let m = 8 * 60; m < 17 * 60; m += 1) {
        due += (m >= 9 * 60 && m < 11 * 60 ? 40 : 8) / 60;
        for (; due >= 1; due--) f.arrivals.observeArrival('A', midnightLocal + d * DAY + m * MIN);
      }
    }
    const tomorrow = midnightLocal + 14 * DAY; // Monday again
    const plan = f.planDay([{ id: 'A', targetWaitMs: 20 * MIN, defaultServiceMs: 12 * MIN }], tomorrow + 8 * HOUR, tomorrow + 17 * HOUR);
    expect(plan).toHaveLength(18);
    const at = (h: number, m = 0) => plan.find((s) => s.start === tomorrow + h * HOUR + m * MIN)!;
    expect(at(9, 30).categories[0].arrivalsPerHour).toBeGreaterThan(30);
    expect(at(14).categories[0].arrivalsPerHour).toBeLessThan(12);
    expect(at(10).totalWindows).toBeGreaterThan(at(14).totalWindows + 3);
    expect(at(14).totalWindows).toBeGreaterThan(0);
  });
});
