import { erlangB, erlangBLoadForBlocking, erlangC, queueMetrics, windowsRequired } from './erlang';
import { gammaP, logGamma } from './special-functions';

const perMin = (n: number) => n / 60; // arrivals per second from arrivals per minute

describe('Erlang B', () => {
  it('matches the published 1% blocking table (lines -> Erlangs carried)', () => {
    const table: Array<[number, number]> = [[5, 1.361], [10, 4.461], [20, 12.031], [50, 37.901], [100, 84.064]];
    for (const [lines, erlangs] of table) {
      expect(erlangBLoadForBlocking(lines, 0.01)).toBeCloseTo(erlangs, 3);
      expect(erlangB(lines, erlangs)).toBeCloseTo(0.01, 4);
    }
  });

  it('is finite and monotone up to 200 lines and extreme loads', () => {
    expect(erlangB(200, 1)).toBe(0); // underflows gracefully to 0, never NaN
    expect(erlangB(200, 180)).toBeGreaterThan(0);
    expect(erlangB(200, 180)).toBeLessThan(erlangB(199, 180));
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
  });
});

describe('Erlang C', () => {
  // 100 arrivals per 30 min, 3 min mean service: 10 Erlangs.
  const tenErlangs = { arrivalRate: 100 / 1800, meanService: 180, target: 20 };

  it('10 Erlangs, 14 windows: P(wait) 0.1741, occupancy 0.714, P(W <= 20 s) 0.888', () => {
    const m = queueMetrics({ ...tenErlangs, windows: 14 });
    expect(m.pWait).toBeCloseTo(0.1741, 4);
    expect(m.occupancy).toBeCloseTo(0.714, 3);
    // The issue quotes 0.8879; the closed form 1 - C e^{-(c-A) t / s} gives 0.88835, as published for this
    // very example by the CRAN package ErlangC 0.1.0 (README: wait_probability 0.1741319,
    // service_level 0.88835, average_speed_of_answer 7.8359 s, occupancy 0.7142857). Equal to 3 decimals.
    expect(m.serviceLevel).toBeCloseTo(0.88835, 5);
    expect(m.meanWait).toBeCloseTo(7.83594, 5);
    expect(m.serviceLevel).toBeCloseTo(0.888, 3);
  });

  it('10 Erlangs, 15 windows: P(wait) 0.102, service level 0.941', () => {
    const m = queueMetrics({ ...tenErlangs, windows: 15 });
    expect(m.pWait).toBeCloseTo(0.102, 3);
    expect(m.serviceLevel).toBeCloseTo(0.941, 3);
  });

  it('20 Erlangs, 26 windows: P(wait) 0.1434, mean wait 2.87 s (120 s service); 30 windows: 0.025', () => {
    const m = queueMetrics({ arrivalRate: 20 / 120, meanService: 120, windows: 26 });
    expect(m.pWait).toBeCloseTo(0.1434, 4);
    expect(m.meanWait).toBeCloseTo(2.87, 2);
    expect(erlangC(30, 20)).toBeCloseTo(0.025, 3);
  });

  it('is unstable at or above capacity and stable up to 200 windows', () => {
    expect(queueMetrics({ arrivalRate: 1, meanService: 10, windows: 10 }).stable).toBe(false);
    const big = queueMetrics({ arrivalRate: 190, meanService: 1, windows: 200, target: 0.05 });
    expect(big.pWait).toBeGreaterThan(0);
    expect(big.pWait).toBeLessThan(1);
    expect(Number.isFinite(big.meanWait)).toBe(true);
  });
});

describe('Erlang A (M/M/c+M)', () => {
  it('tends to Erlang C as patience grows', () => {
    const c = queueMetrics({ arrivalRate: perMin(4), meanService: 180, windows: 14, target: 60 });
    const a = queueMetrics({ arrivalRate: perMin(4), meanService: 180, windows: 14, target: 60, meanPatience: 1e12 });
    expect(a.pWait).toBeCloseTo(c.pWait, 8);
    expect(a.meanWait).toBeCloseTo(c.meanWait, 6);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 6);
    expect(a.pAbandon).toBeLessThan(1e-9);
  });

  // Exact identity (Mandelbaum & Zeltyn, "The Palm/Erlang-A Queue, with Applications to Call Centers",
  // Technion 2005, section 3): when patience rate = service rate the number in system is Poisson(A),
  // as in M/M/inf. So P(wait) = P(Poisson(A) >= c) and P(abandon) = E[(N - c)+] / A.
  it('matches the closed form when patience rate equals service rate (N ~ Poisson(A))', () => {
    for (const [A, c] of [[8, 8], [10, 14], [50, 45], [150, 160]] as Array<[number, number]>) {
      const m = queueMetrics({ arrivalRate: A / 100, meanService: 100, meanPatience: 100, windows: c });
      let pGe = 0;
      let excess = 0;
      for (let k = c; k < c + 2000; k++) {
        const p = Math.exp(-A + k * Math.log(A) - logGamma(k + 1));
        pGe += p;
        excess += (k - c) * p;
      }
      expect(m.pWait).toBeCloseTo(pGe, 10);
      expect(m.pAbandon).toBeCloseTo(excess / A, 10);
      // Offered wait with theta = mu, j ahead: c mu + i mu stages; its distribution sums up to Erlang-style
      // terms; service level must lie between P(no wait) and 1 and grow with the target.
      const sl1 = queueMetrics({ arrivalRate: A / 100, meanService: 100, meanPatience: 100, windows: c, target: 5 }).serviceLevel;
      const sl2 = queueMetrics({ arrivalRate: A / 100, meanService: 100, meanPatience: 100, windows: c, target: 20 }).serviceLevel;
      expect(sl1).toBeGreaterThan(1 - pGe);
      expect(sl2).toBeGreaterThan(sl1);
    }
  });

  it('single window, offered wait with one ahead is Exp(mu)+Exp(mu+theta): service level by hand', () => {
    // c = 1, lambda tiny so the queue holds at most one: P(wait) ~ rho, and with 0 ahead V ~ Exp(mu).
    const lambda = 1e-4;
    const m = queueMetrics({ arrivalRate: lambda, meanService: 1, meanPatience: 2, windows: 1, target: 1 });
    // pi_1 ~ lambda, V ~ Exp(1): SL ~ 1 - lambda e^{-1}
    expect(1 - m.serviceLevel).toBeCloseTo(lambda * Math.exp(-1), 7);
    // P(abandon) = theta E[Q] / lambda ~ theta * pi_2 / lambda = theta * lambda / (mu + theta)
    expect(m.pAbandon).toBeCloseTo((0.5 * lambda) / 1.5, 7);
  });

  it('obeys P(abandon) = theta E[W] and stays finite when overloaded with 200 windows', () => {
    const m = queueMetrics({ arrivalRate: 3, meanService: 100, meanPatience: 300, windows: 200, target: 20 });
    expect(m.pAbandon).toBeCloseTo(m.meanWait / 300, 12);
    // 300 Erlangs on 200 windows: about a third must abandon in the fluid limit.
    expect(m.pAbandon).toBeGreaterThan(0.3);
    expect(m.pAbandon).toBeLessThan(0.36);
    expect(m.occupancy).toBeGreaterThan(0.99);
    expect(m.serviceLevel).toBeGreaterThanOrEqual(0);
  });
});

describe('windows required', () => {
  it('finds the minimum windows for 80% within 20 s at 10 Erlangs (Erlang C): 14 (13 gives 0.79)', () => {
    const need = windowsRequired({ arrivalRate: 100 / 1800, meanService: 180, target: 20, serviceLevel: 0.8 });
    const sl = (c: number) => queueMetrics({ arrivalRate: 100 / 1800, meanService: 180, windows: c, target: 20 }).serviceLevel;
    expect(sl(need)).toBeGreaterThanOrEqual(0.8);
    expect(sl(need - 1)).toBeLessThan(0.8);
    expect(need).toBe(14);
  });

  it('needs fewer windows with abandonment (Erlang A) than Erlang C', () => {
    const base = { arrivalRate: 1 / 60, meanService: 15 * 60, target: 20 * 60, serviceLevel: 0.9 };
    const c = windowsRequired(base);
    const a = windowsRequired({ ...base, meanPatience: 30 * 60 });
    expect(a).toBeLessThanOrEqual(c);
    expect(c).toBeGreaterThan(15);
  });
});

describe('special functions', () => {
  it('incomplete gamma', () => {
    expect(gammaP(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(gammaP(3, 2)).toBeCloseTo(1 - Math.exp(-2) * (1 + 2 + 2), 12);
    expect(gammaP(50, 60)).toBeGreaterThan(0.9);
  });
});
