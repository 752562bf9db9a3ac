/**
 * The queue-length predictor with abandonment (QL_m, Whitt 1999; Ibrahim & Whitt 2009): a ticket with
 * `ahead` tickets before it, served at total rate `serviceRate` with each ticket ahead leaving at rate
 * `abandonRate`, is called after a sum of exponential stages with rates serviceRate + i * abandonRate,
 * i = ahead..0. Returns that offered wait's mean and variance (the QL predictor is abandonRate = 0).
 */
export interface QlmInput {
  /** Tickets that will be called before this one. */
  ahead: number;
  /** Windows free to call right now (they take the first `free` tickets at once). */
  free?: number;
  /** Total rate at which the windows serving the line call tickets, per ms. */
  serviceRate: number;
  /** Patience rate of each ticket ahead, per ms (0 = QL). */
  abandonRate: number;
  /** Rate at which later, higher-priority arrivals overtake this ticket, per ms (default 0). */
  overtakeRate?: number;
}

export interface WaitMoments {
  mean: number;
  variance: number;
}

export function qlmWait(input: QlmInput): WaitMoments {
  const ahead = Math.max(0, input.ahead - (input.free ?? 0));
  if ((input.free ?? 0) > input.ahead) return { mean: 0, variance: 0 };
  if (input.serviceRate <= 0) return { mean: Infinity, variance: Infinity };
  const r = Math.max(input.serviceRate - (input.overtakeRate ?? 0), input.serviceRate * 0.25);
  let mean = 0;
  let variance = 0;
  for (let i = 0; i <= ahead; i++) {
    const rate = r + i * input.abandonRate;
    mean += 1 / rate;
    variance += 1 / (rate * rate);
  }
  return { mean, variance };
}

/**
 * qlmWait for many tickets of one line (same windows, patience and overtaking, different `ahead`):
 * the sums for k tickets ahead extend those for k - 1, so a line of n tickets costs O(n) instead of
 * the O(n^2) of n separate qlmWait calls. Gives exactly qlmWait's numbers (same terms, same order).
 */
export function qlmSeries(line: Omit<QlmInput, 'ahead'>): (ahead: number) => WaitMoments {
  const free = line.free ?? 0;
  const r = Math.max(line.serviceRate - (line.overtakeRate ?? 0), line.serviceRate * 0.25);
  const means: number[] = [];
  const variances: number[] = [];
  let mean = 0;
  let variance = 0;
  return (ahead) => {
    if (free > ahead) return { mean: 0, variance: 0 };
    if (line.serviceRate <= 0) return { mean: Infinity, variance: Infinity };
    const k = Math.floor(Math.max(0, ahead - free));
    for (let i = means.length; i <= k; i++) {
      const rate = r + i * line.abandonRate;
      mean += 1 / rate;
      variance += 1 / (rate * rate);
      means.push(mean);
      variances.push(variance);
    }
    return { mean: means[k], variance: variances[k] };
  };
}
