import { createRng, lognormalFromMeanCv, sampleExponential, sampleLognormal } from '../random/prng';
import { AbandonmentEstimator } from './abandonment.estimator';
import { ArrivalRateEstimator } from './arrival-rate.estimator';
import { ServiceTimeEstimator } from './service-time.estimator';
import { WaitCalibrator } from './wait-calibrator';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// 2024-01-01 00:00 in Asia/Shanghai (UTC+8) was a Monday.
const MONDAY = Date.UTC(2024, 0, 1) - 8 * HOUR;

function poissonDay(rng: () => number, dayStart: number, ratePerHour: (h: number) => number, emit: (t: number) => void): void {
  for (let h = 8; h < 17; h++) {
    const r = ratePerHour(h);
    let t = dayStart + h * HOUR;
    for (;;) {
      t += (-Math.log(1 - rng()) / r) * HOUR;
      if (t >= dayStart + (h + 1) * HOUR) break;
      emit(t);
    }
  }
}

describe('ArrivalRateEstimator', () => {
  const profile = (h: number) => (h >= 9 && h < 11 ? 40 : 12);

  it('learns the weekday / slot profile and corrects it by today so far', () => {
    const rng = createRng(5);
    const est = new ArrivalRateEstimator({ slotMs: 30 * MIN });
    for (let week = 0; week < 8; week++) poissonDay(() => rng.next(), MONDAY + week * 7 * DAY, profile, (t) => est.observeArrival('A', t));
    // Today (a Monday) runs at double the usual rate until 10:00.
    const today = MONDAY + 8 * 7 * DAY;
    poissonDay(() => rng.next(), today, (h) => (h < 10 ? 2 * profile(h) : 0), (t) => t < today + 10 * HOUR && est.observeArrival('A', t));
    const now = today + 10 * HOUR;
    expect(est.profileRatePerHour('A', today + 9.5 * HOUR)).toBeGreaterThan(34);
    expect(est.profileRatePerHour('A', today + 9.5 * HOUR)).toBeLessThan(46);
    expect(est.profileRatePerHour('A', today + 14 * HOUR)).toBeGreaterThan(9);
    expect(est.profileRatePerHour('A', today + 14 * HOUR)).toBeLessThan(16);
    const factor = est.todayFactor('A', now);
    expect(factor).toBeGreaterThan(1.6);
    expect(factor).toBeLessThan(2.3);
    expect(est.ratePerHour('A', now + 30 * MIN, now)).toBeGreaterThan(60);
    // a Tuesday with no Tuesday history falls back to the all-weekday profile
    expect(est.profileRatePerHour('A', today + DAY + 9.5 * HOUR)).toBeGreaterThan(30);
    expect(est.forecast('A', now, 4, 15 * MIN, now)).toHaveLength(4);
  });

  it('uses today alone on a cold start', () => {
    const est = new ArrivalRateEstimator();
    for (let i = 0; i < 20; i++) est.observeArrival('B', MONDAY + 9 * HOUR + i * 3 * MIN); // 20/h
    expect(est.ratePerHour('B', MONDAY + 10 * HOUR, MONDAY + 10 * HOUR)).toBeCloseTo(20, 0);
  });
});

describe('ServiceTimeEstimator', () => {
  it('stays near the prior when thin and fits the lognormal when rich, per window too', () => {
    const est = new ServiceTimeEstimator({ decay: 1 });
    const rng = createRng(9);
    expect(est.estimate('A', 10 * MIN).meanMs).toBeCloseTo(10 * MIN, -3);
    est.observe('A', 'w1', 30 * MIN);
    est.observe('A', 'w1', 30 * MIN);
    const thin = est.estimate('A', 10 * MIN).meanMs;
    expect(thin).toBeGreaterThan(10 * MIN);
    expect(thin).toBeLessThan(15 * MIN); // two samples move it only a little
    const { mu, sigma } = lognormalFromMeanCv(6 * MIN, 0.8);
    for (let i = 0; i < 4000; i++) est.observe('A', i % 2 ? 'w2' : 'w3', sampleLognormal(rng, mu, sigma) * (i % 2 ? 1.5 : 1));
    const fit = est.estimate('A', 10 * MIN);
    expect(fit.meanMs / MIN).toBeGreaterThan(6.8);
    expect(fit.meanMs / MIN).toBeLessThan(7.8);
    expect(est.estimate('A', 10 * MIN, 'w2').meanMs / MIN).toBeCloseTo(9, 0);
    expect(est.estimate('A', 10 * MIN, 'w3').meanMs / MIN).toBeCloseTo(6, 0);
    expect(est.estimate('A', 10 * MIN, 'w3').cv).toBeCloseTo(0.8, 1);
  });
});

describe('AbandonmentEstimator', () => {
  it('estimates the patience rate as abandonments / time waited (censored exponential)', () => {
    const est = new AbandonmentEstimator({ priorWeight: 0 });
    const rng = createRng(2);
    for (let i = 0; i < 20000; i++) {
      const patience = sampleExponential(rng, 20 * MIN);
      const offered = sampleExponential(rng, 10 * MIN);
      est.observe('A', Math.min(patience, offered), patience < offered);
    }
    expect(est.meanPatienceMs('A') / MIN).toBeGreaterThan(19);
    expect(est.meanPatienceMs('A') / MIN).toBeLessThan(21);
  });
});

describe('WaitCalibrator', () => {
  it('recovers a linear relation online and predicts the raw value before it has data', () => {
    const cal = new WaitCalibrator(3, { forgetting: 1, minSamples: 50 });
    expect(cal.predict('normal', [1, 7, 0]).mean).toBe(7);
    const rng = createRng(4);
    for (let i = 0; i < 3000; i++) {
      const x = [1, rng.next() * 10, rng.next() * 5];
      cal.update('normal', x, 2 + 0.5 * x[1] + 0.3 * x[2] + (rng.next() - 0.5));
    }
    const p = cal.predict('normal', [1, 4, 2]);
    expect(p.calibrated).toBe(true);
    expect(p.mean).toBeCloseTo(2 + 2 + 0.6, 1);
    expect(cal.toJSON().normal.weights[1]).toBeCloseTo(0.5, 1);
  });
});
