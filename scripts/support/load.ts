import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  label: string;
  concurrency: number;
  /** Operations completed inside the measured window. */
  ok: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Completions per second of the measured window, in order: shows a slowdown as the tables grow. */
  perSecondSeries: number[];
  firstError?: string;
}

/**
 * Closed-loop load: `concurrency` callers each run `op` back to back for warm-up + duration. Only
 * operations that start after the warm-up and finish before the end count, for throughput and for
 * the latency percentiles.
 */
export async function runClosedLoop(opts: {
  label: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  op: (caller: number, i: number) => Promise<void>;
}): Promise<LoadResult> {
  const t0 = performance.now();
  const from = t0 + opts.warmupMs;
  const to = from + opts.durationMs;
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  const series = new Array<number>(Math.ceil(opts.durationMs / 1000)).fill(0);
  let errors = 0;
  let firstError: string | undefined;
  const record = (ms: number) => {
    if (n === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[n++] = ms;
  };
  // BENCH_TRACE=file: every measured operation's start (ms into the window) and latency, to find stalls.
  const trace = process.env.BENCH_TRACE ? ['startMs,latencyMs'] : undefined;
  const caller = async (c: number) => {
    for (let i = 0; ; i++) {
      const start = performance.now();
      if (start >= to) return;
      try {
        await opts.op(c, i);
        const end = performance.now();
        if (start >= from && end <= to) {
          record(end - start);
          trace?.push(`${(start - from).toFixed(1)},${(end - start).toFixed(1)}`);
          series[Math.floor((end - from) / 1000)]++;
        }
      } catch (e) {
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
        if (errors > 1000) throw new Error(`${opts.label}: too many errors; first: ${firstError}`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, c) => caller(c)));
  if (trace) {
    writeFileSync(
      `${process.env.BENCH_TRACE}.${opts.label.replace(/\W+/g, '-')}.csv`,
      `# window start, epoch ms: ${Math.round(performance.timeOrigin + from)}\n${trace.join('\n')}\n`,
    );
  }
  const sorted = latencies.slice(0, n).sort();
  const pct = (p: number) => percentileOfSorted(sorted, p);
  const seconds = opts.durationMs / 1000;
  return {
    label: opts.label,
    concurrency: opts.concurrency,
    ok: n,
    errors,
    seconds,
    perSecond: n / seconds,
    p50Ms: pct(50),
    p99Ms: pct(99),
    maxMs: n ? sorted[n - 1] : NaN,
    perSecondSeries: series,
    firstError,
  };
}

/** The p-th percentile (nearest rank) of values already sorted ascending; NaN when there are none. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  return n ? sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] : NaN;
}

/** The p-th percentile (nearest rank) of `xs`, in any order. */
export function percentile(xs: readonly number[], p: number): number {
  return percentileOfSorted([...xs].sort((a, b) => a - b), p);
}

/** Polls `ok` every 2 ms; false when it still does not hold after `ms` (the benches report, not throw). */
export async function waitFor(ok: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) return false;
    await new Promise((r) => setTimeout(r, 2));
  }
  return true;
}
