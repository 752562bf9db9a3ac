import { forecastWait, standInWait } from './wait-estimator';

describe('wait estimates as the API shows them', () => {
  const p = { expectedWaitMs: 600_000, p10WaitMs: 240_000, p90WaitMs: 1_100_000, pWithinTarget: 0.8764 };

  it('shows a fresh forecast in seconds, with P(within target) to two decimals', () => {
    expect(forecastWait(p, 0)).toEqual({ expectedSec: 600, lowSec: 240, highSec: 1100, withinTargetProbability: 0.88, source: 'forecast' });
  });

  it('runs the wait down by the time since the prediction, never below zero', () => {
    expect(forecastWait(p, 300_000)).toMatchObject({ expectedSec: 300, lowSec: 0, highSec: 800 });
    expect(forecastWait(p, -5_000)).toMatchObject({ expectedSec: 600 }); // a prediction "from the future" counts as fresh
  });

  it('has no wait for a line no window serves, and twice the mean for an open-ended range', () => {
    expect(forecastWait({ ...p, expectedWaitMs: Infinity }, 0)).toBeNull();
    expect(forecastWait({ ...p, p90WaitMs: Infinity }, 0)).toMatchObject({ highSec: 1200 });
  });

  it('stands in with people ahead over open windows until the forecaster has loaded', () => {
    expect(standInWait(3, 2, 600)).toEqual({ expectedSec: 900, lowSec: 540, highSec: 1260, source: 'stand-in' });
    expect(standInWait(3, 0, 600)).toBeNull();
  });
});
