import { erf, normalCdf } from './special-functions';

describe('erf and normalCdf', () => {
  it('matches published values of erf within 1.5e-7', () => {
    for (const [x, v] of [[0, 0], [0.5, 0.5204998778], [1, 0.8427007929], [2, 0.9953222650], [3, 0.9999779095]]) {
      expect(Math.abs(erf(x) - v)).toBeLessThan(1.5e-7);
      expect(Math.abs(erf(-x) + v)).toBeLessThan(1.5e-7);
    }
  });

  it('gives the standard normal CDF through erf', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6);
  });
});
