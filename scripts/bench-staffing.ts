/**
 * `npm run bench:staffing`: staffing policies in closed loop on simulated hall-days (issue 15 item 4).
 * libs/forecast's simulator plays each day with libs/queue's routing rule (pickNextTicket), minute by
 * minute, the same citizens under every policy (common random numbers):
 *  (a) the windows as scheduled;
 *  (b) the threshold rule (open a spare window when a category's line per open window passes N, close
 *      it when below M), N and M chosen on separate seeds: the most days meeting the target, then the
 *      fewest window-hours;
 *  (c) hallq's advice (Forecaster.advise, as the api asks it every minute), the forecaster fed four
 *      earlier same weekdays and the day's events as they happen.
 * In (b) and (c) a simulated manager makes a change once it has been wanted for the reaction delay and
 * never opens more windows than clerks on duty (scheduled + spare, minus those at lunch).
 *
 * Options (environment): BENCH_DAYS random halls (default 40), BENCH_TUNE_DAYS halls for choosing N and
 * M (default 20), BENCH_SEED first seed (default 1; tuning seeds start at 10000 + it), BENCH_DELAY_MIN
 * reaction delay (default 5), BENCH_N and BENCH_M the grid (default "0.25,0.5,1,2,3,4,6" and "0,0.25,0.5,1,2"; M = 0 never closes),
 * BENCH_VERBOSE=reported (or a random hall's seed) prints that day's advice and every change made.
 */
import { execSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  advicePolicy, createForecaster, dayMetrics, linePassedTargetAt, quantile, runClosedLoop, simulateHall, thresholdPolicy,
  type ClosedLoopResult, type DayMetrics, type StaffingAdvice, type StaffingPolicy, type ThresholdRule,
} from '@hallq/forecast';
import { DEFAULT_MAX_PRIORITY_STREAK, pickNextTicket } from '@hallq/queue';
import { randomHallDay, reportedCase, type HallDay } from './support/staffing-days';

const MIN = 60_000;
const DAYS = Number(process.env.BENCH_DAYS ?? 40);
const TUNE_DAYS = Number(process.env.BENCH_TUNE_DAYS ?? 20);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const TUNE_SEED = 10_000 + SEED;
const DELAY = Number(process.env.BENCH_DELAY_MIN ?? 5) * MIN;
const GRID_N = (process.env.BENCH_N ?? '0.25,0.5,1,2,3,4,6').split(',').map(Number);
const GRID_M = (process.env.BENCH_M ?? '0,0.25,0.5,1,2').split(',').map(Number);
const VERBOSE = process.env.BENCH_VERBOSE;
const TARGET_SHARE = 0.9;
const MAX_CHANGES = 6;
const POLICIES = ['scheduled', 'threshold', 'advice'] as const;
type PolicyName = (typeof POLICIES)[number];

interface Played {
  metrics: DayMetrics;
  windowHours: number;
  changes: number;
  /** Changes made once the hall stopped issuing tickets (windows closing as the lines empty, or churn). */
  changesAfterClose: number;
  run: ClosedLoopResult;
}
interface Tuned {
  rule: ThresholdRule;
  met: number;
  windowHours: number;
  changes: number;
}

const t0 = performance.now();
printHeader();
const { grid, best } = tuneThreshold();
const days = [reportedCase(), ...range(DAYS).map((i) => randomHallDay(SEED + i))];
const firstSeven: { at: number; advised: number; most: number } = { at: NaN, advised: 0, most: 0 };
let lastAdvice = '';
const results: Record<PolicyName, Played[]> = { scheduled: [], threshold: [], advice: [] };
for (const [i, d] of days.entries()) {
  const verbose = VERBOSE === (i === 0 ? 'reported' : String(d.seed));
  results.scheduled.push(play(d, { decide: () => [] }));
  results.threshold.push(play(d, thresholdPolicy(best.rule)));
  results.advice.push(play(d, advicePolicy(forecasterFor(d), { onAdvice: (a, v) => watch(i, verbose, a, v.now) })));
  if (verbose) printChanges(d);
}
printDays();
printPolicies();
printReportedCase();
printTarget();
console.log();
console.log(
  `${days.length} hall-days x 3 policies + ${grid.length} threshold settings x ${TUNE_DAYS} tuning halls in ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s; load average now ${loadavg()[0].toFixed(2)}`,
);

// ---------------------------------------------------------------- playing

function play(d: HallDay, policy: StaffingPolicy): Played {
  const run = runClosedLoop({
    sim: { ...d.day, rule: pickNextTicket, maxPriorityStreak: DEFAULT_MAX_PRIORITY_STREAK },
    policy, categories: d.categories, spareClerks: d.spareClerks, breaks: d.breaks, reactionDelayMs: DELAY,
  });
  const targets = Object.fromEntries(d.day.categories.map((c) => [c.id, c.targetWaitMs]));
  return {
    metrics: dayMetrics(run.tickets, targets, TARGET_SHARE), windowHours: run.windowHours, run,
    changes: run.applied.length, changesAfterClose: count(run.applied, (a) => a.at >= d.day.end),
  };
}

/** The hall's forecaster as the api builds it, rebuilt from the earlier same weekdays. */
function forecasterFor(d: HallDay) {
  const f = createForecaster({
    categories: d.categories, rule: pickNextTicket, maxPriorityStreak: DEFAULT_MAX_PRIORITY_STREAK, utcOffsetMinutes: 480, slotMs: 30 * MIN,
  });
  f.sync({ categories: d.categories, windows: d.day.windows });
  for (const h of d.history) {
    f.observeAll(simulateHall({ ...h, rule: pickNextTicket, maxPriorityStreak: DEFAULT_MAX_PRIORITY_STREAK }).events);
  }
  f.sync({ categories: d.categories, windows: d.day.windows });
  return f;
}

/** Records when the advice first asked for 7 windows on the reported case; prints a verbose day's advice as it changes. */
function watch(day: number, verbose: boolean, a: StaffingAdvice, now: number): void {
  if (day === 0) {
    const n = a.categories[0].advised;
    firstSeven.most = Math.max(firstSeven.most, n);
    if (n >= 7 && Number.isNaN(firstSeven.at)) Object.assign(firstSeven, { at: now, advised: n });
  }
  if (!verbose) return;
  // A line when the advised counts or the actions change.
  const key = a.categories.map((c) => c.advised).join() + a.actions.map((x) => `${x.kind} ${x.windowId} ${x.categoryId}`).join();
  if (key === lastAdvice) return;
  lastAdvice = key;
  const counts = a.categories.map((c) => `${c.categoryId} ${c.current.toFixed(1)}->${c.advised} (${c.waiting} waiting)`).join(', ');
  console.log(`  ${clock(now)} advice: ${counts} | ${a.actions.map((x) => `${x.kind} ${x.windowId} ${x.categoryId}`).join('; ') || 'no action'}`);
}

/** Tries every N, M of the grid on the tuning halls; the best meets the target on the most days, then uses the fewest window-hours. */
function tuneThreshold(): { grid: Tuned[]; best: Tuned } {
  const tuneDays = range(TUNE_DAYS).map((i) => randomHallDay(TUNE_SEED + i));
  const grid: Tuned[] = [];
  for (const openAbove of GRID_N) {
    for (const closeBelow of GRID_M) {
      if (closeBelow >= openAbove) continue;
      const rule = { openAbove, closeBelow };
      const played = tuneDays.map((d) => play(d, thresholdPolicy(rule)));
      const met = count(played, (p) => p.metrics.meetsTarget);
      grid.push({ rule, met, windowHours: mean(played.map((p) => p.windowHours)), changes: mean(played.map((p) => p.changes)) });
    }
  }
  const best = [...grid].sort((a, b) => b.met - a.met || a.windowHours - b.windowHours || a.changes - b.changes)[0];
  console.log(`Threshold rule, N and M chosen on ${TUNE_DAYS} tuning halls (the most days meeting the target, then the fewest window-hours):`);
  console.log(table(['N (open above)', 'M (close below)', 'days met', 'window-h/day', 'changes/day'], grid.map((g) => [
    String(g.rule.openAbove), String(g.rule.closeBelow), `${g.met}/${TUNE_DAYS}${g === best ? ' *' : ''}`,
    g.windowHours.toFixed(1), g.changes.toFixed(1),
  ])));
  console.log(`chosen: N = ${best.rule.openAbove}, M = ${best.rule.closeBelow}`);
  console.log();
  return { grid, best };
}

// ---------------------------------------------------------------- printing

function printHeader(): void {
  const dirty = git('status --porcelain --untracked-files=no') ? ' (with uncommitted changes)' : '';
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`bench:staffing at ${git('rev-parse --short HEAD')}${dirty}, ${new Date().toISOString()}`);
  console.log(`load average ${load} on ${cpus().length} cores; node ${process.version}`);
  console.log(
    `routing rule: libs/queue pickNextTicket (max priority streak ${DEFAULT_MAX_PRIORITY_STREAK}); ` +
      `decisions every minute; reaction delay ${DELAY / MIN} min`,
  );
  console.log(`seeds: reported case 15; random halls ${SEED}..${SEED + DAYS - 1}; threshold tuning halls ${TUNE_SEED}..${TUNE_SEED + TUNE_DAYS - 1}`);
  console.log();
}

function printChanges(d: HallDay): void {
  const i = days.indexOf(d);
  for (const p of ['threshold', 'advice'] as const) {
    const applied = results[p][i].run.applied.map(({ at, command: c }) => `${clock(at)} ${c.kind} ${c.windowId}${c.categoryIds ? ` [${c.categoryIds}]` : ''}`);
    console.log(`  ${d.name}, changes made for the ${p} policy: ${applied.join(', ') || 'none'}`);
  }
  console.log();
}

function printDays(): void {
  console.log('Per hall-day (share within target a/b/c; window-hours a/b/c; changes b/c):');
  console.log(table(['day', 'tickets', 'within target a / b / c', 'window-h a / b / c', 'changes b / c'], days.map((d, i) => {
    const [a, b, c] = POLICIES.map((p) => results[p][i]);
    return [
      i === 0 ? 'reported case' : `hall ${d.seed}`, String(a.metrics.tickets),
      [a, b, c].map((x) => pct(x.metrics.withinTarget) + (x.metrics.meetsTarget ? '' : '-')).join(' / '),
      [a, b, c].map((x) => x.windowHours.toFixed(1)).join(' / '),
      `${b.changes} / ${c.changes}`,
    ];
  })));
  console.log(`("-" after a share: the day missed the target share of ${pct(TARGET_SHARE)})`);
  console.log();
}

function printPolicies(): void {
  const label: Record<PolicyName, string> = {
    scheduled: '(a) windows as scheduled',
    threshold: `(b) threshold rule N=${best.rule.openAbove}, M=${best.rule.closeBelow}`,
    advice: `(c) hallq's advice, ${DELAY / MIN}-min manager`,
  };
  console.log(
    `Per policy over ${days.length} hall-days (the reported case and ${DAYS} random halls); waits are offered waits ` +
      '(to the call, or to when a window would have called one who left):',
  );
  const head = [
    'policy', 'days meeting target', 'every category met', 'within target (mean of days)', 'mean wait', 'p90 wait', 'abandoned',
    'window-h/day', 'changes/day (max)', 'of them after closing',
  ];
  console.log(table(head, POLICIES.map((p) => {
    const r = results[p];
    const waits = r.flatMap((x) => x.metrics.waitsMs);
    const tickets = sum(r.map((x) => x.metrics.tickets));
    return [
      label[p], `${count(r, (x) => x.metrics.meetsTarget)}/${r.length}`, `${count(r, (x) => x.metrics.everyCategoryMeets)}/${r.length}`,
      pct(mean(r.map((x) => x.metrics.withinTarget))), minutes(mean(waits)), minutes(quantile(waits, 0.9)),
      pct(sum(r.map((x) => x.metrics.abandoned * x.metrics.tickets)) / tickets), mean(r.map((x) => x.windowHours)).toFixed(1),
      `${mean(r.map((x) => x.changes)).toFixed(1)} (${Math.max(...r.map((x) => x.changes))})`,
      mean(r.map((x) => x.changesAfterClose)).toFixed(1),
    ];
  })));
  console.log();
}

function printReportedCase(): void {
  const d = days[0];
  const cat = d.day.categories[0];
  const adv = results.advice[0];
  const passed = linePassedTargetAt(adv.run.tickets, cat.id, cat.targetWaitMs);
  const passedScheduled = linePassedTargetAt(results.scheduled[0].run.tickets, cat.id, cat.targetWaitMs);
  const opened = adv.run.applied.filter((x) => x.command.kind === 'open').map((x) => `${x.command.windowId} at ${clock(x.at)}`);
  const seven = Number.isNaN(firstSeven.at) ? null : firstSeven;
  console.log(`Reported case (${d.name}; opens 9:00):`);
  const asked = seven ? `${clock(seven.at)} (advised ${seven.advised}; at most ${seven.most})` : `never (at most ${firstSeven.most})`;
  console.log(`  advice first asked for 7 windows: ${asked}`);
  console.log(
    `  line passed its target (a ticket waiting over ${cat.targetWaitMs / MIN} min): ${passed ? clock(passed) : 'never'} with the advice; ` +
      `${passedScheduled ? clock(passedScheduled) : 'never'} with the 4 scheduled windows`,
  );
  console.log(`  windows the manager opened on the advice: ${opened.join(', ') || 'none'}; ${adv.changes} changes in all`);
  const ok = !!seven && (passed === null || seven.at < passed);
  console.log(`  advice reaches 7 before the line passes its target: ${ok ? 'MET' : 'MISSED'}`);
  console.log();
}

function printTarget(): void {
  const b = results.threshold;
  const c = results.advice;
  const metB = count(b, (x) => x.metrics.meetsTarget);
  const metC = count(c, (x) => x.metrics.meetsTarget);
  const noMore = count(c, (x, i) => x.windowHours <= b[i].windowHours);
  const most = Math.max(...c.map((x) => x.changes));
  const over = count(c, (x) => x.changes > MAX_CHANGES);
  const checks: [string, boolean][] = [
    [`days meeting the target share (${pct(TARGET_SHARE)} within target): advice ${metC} >= threshold ${metB}`, metC >= metB],
    [`days with no more window-hours than the threshold rule: ${noMore}/${c.length} = ${pct(noMore / c.length)} >= 90%`, noMore / c.length >= 0.9],
    [
      `window changes per hall-day: at most ${most} (mean ${mean(c.map((x) => x.changes)).toFixed(1)}; ` +
        `${over} day${over === 1 ? '' : 's'} over ${MAX_CHANGES}; ${count(c, (x) => x.changes - x.changesAfterClose > MAX_CHANGES)} counting ` +
        `only those before closing time) <= ${MAX_CHANGES}`,
      most <= MAX_CHANGES,
    ],
  ];
  console.log(
    "Target (issue 15): hallq's advice meets the target share on at least as many days as the threshold rule, with no more window-hours " +
      'on at least 90% of days, and at most 6 window changes per hall-day:',
  );
  for (const [text, ok] of checks) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${text}`);
  console.log(`  => ${checks.every(([, ok]) => ok) ? 'MET' : 'MISSED'}`);
}

// ---------------------------------------------------------------- helpers

function git(args: string): string {
  try {
    return execSync(`git ${args}`, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
function count<T>(xs: T[], f: (x: T, i: number) => boolean): number {
  return xs.filter(f).length;
}
function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
function mean(xs: number[]): number {
  return xs.length ? sum(xs) / xs.length : 0;
}
function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
function minutes(ms: number): string {
  return `${(ms / MIN).toFixed(1)} min`;
}
/** Local time (UTC+8) of an epoch ms. */
function clock(at: number): string {
  const m = Math.floor((((at / MIN + 480) % 1440) + 1440) % 1440);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((x, i) => (i ? x.padStart(w[i]) : x.padEnd(w[i]))).join(' | ')} |`;
  const rule = `|${w.map((n, i) => (i ? `${'-'.repeat(n + 1)}:` : '-'.repeat(n + 2))).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}
