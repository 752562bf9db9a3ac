/**
 * What `npm run bench:shown` prints for a played day (DayRecord): the estimates shown at issue scored
 * beside the library's replay, where their error comes from, the alerts' precision and recall, and the
 * issue's targets met or missed.
 */
import { formatScores } from '../../libs/forecast/bench/scoring';
import { leadTime, lineAlertScore, lineTimelines, ticketAlertScore, type PrecisionRecall } from './shown-alerts';
import { toHallDay, type DayRecord } from './shown-day';
import { LATER_MS } from './shown-record';
import { calibrationBins, formatCalibration, formatGroupErrors, groupErrors, waitScore, type EstimateRow } from './shown-score';

const MIN = 60_000;
/** The issuing day: 16 half hours from 08:30 (demo-hall's CATEGORIES), in 15-minute intervals. */
const INTERVAL_MS = 15 * MIN;
const DAY_INTERVALS = 32;
export const TARGET_RASE = 0.6;
export const TARGET_ALERTS = 0.8;

/** "09:42" for hall ms since 08:30. */
function clock(ms: number): string {
  const m = 8 * 60 + 30 + Math.floor(ms / MIN);
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

const pct = (x: number) => (Number.isNaN(x) ? '-' : `${Math.round(x * 100)}%`);
const f2 = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(2));
const verdict = (x: number, ok: boolean) => (Number.isNaN(x) ? 'MISSED (not measurable: no such interval)' : ok ? 'met' : 'MISSED');
const prLine = (p: PrecisionRecall) => `precision ${f2(p.precision)} (${p.tp}/${p.tp + p.fp}), recall ${f2(p.recall)} (${p.tp}/${p.tp + p.fn})`;

/** The same arrivals in two tables: mean difference and mean absolute difference of a field, hall minutes. */
function paired(a: EstimateRow[], b: EstimateRow[], field: (r: EstimateRow) => number): { n: number; mean: number; mad: number } {
  const other = new Map(b.map((r) => [r.id, r]));
  const d = a.flatMap((r) => (other.has(r.id) ? [(field(r) - field(other.get(r.id)!)) / MIN] : []));
  return { n: d.length, mean: d.reduce((x, y) => x + y, 0) / d.length, mad: d.reduce((x, y) => x + Math.abs(y), 0) / d.length };
}

/** Prints the report; returns whether every target was met. */
export function report(r: DayRecord, say: (s: string) => void): boolean {
  const d = toHallDay(r);
  const m = r.meta;
  say('');
  say(`bench:shown at ${m.commit}${m.dirty ? ' (with uncommitted changes)' : ''}, ${m.startedAt}; seed ${m.seed}, ${m.speed}x, manager: ${m.manager}; ` +
    `${m.realMinutes.toFixed(1)} real minutes`);
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  say(`  load average at start ${load(m.loadAtStart)}, at end ${load(m.loadAtEnd)} (${m.cores} cores)`);
  const called = d.outcomes.filter((o) => o.called).length;
  const gaveUp = r.tickets.filter((t) => t.cancelledAt !== undefined && t.calledAt === undefined).length;
  const lat = (q: number) => d.latencies[Math.min(d.latencies.length - 1, Math.floor(q * d.latencies.length))] ?? NaN;
  say(`  day: ${r.sim.tickets.length} simulated arrivals, ${r.tickets.length} tickets issued on the api (${r.refused.length} refused), ` +
    `${called} called, ${gaveUp} gave up, ${r.tickets.length - called - gaveUp} other (waiting at the end, or a cancel that came after the call)`);
  say(`  estimates in the issue answers: ${[...d.sources].map(([k, v]) => `${v} ${k}`).join(', ')}; issue answer p50 ${lat(0.5)} ms, ` +
    `p90 ${lat(0.9)} ms (real); targets as the api had them: ${[...d.targetMs].map(([k, v]) => `${k} ${v / MIN} min`).join(', ')} (hall)`);
  for (const a of r.applied) say(`  manager applied at ${clock((a.at - r.realStart) * m.speed)} (${a.status}): ${a.message}`);
  say('');

  const shown = waitScore(`api shown at issue, n ${d.shown.length}`, d.shown, true);
  const stillWaiting = new Set(d.later.map((x) => x.id));
  say(formatScores('Wait estimates against the wait each ticket really had (issue to call), hall seconds; * = the target\'s figure', [
    shown,
    waitScore(`library replay, n ${d.library.length}`, d.library),
    waitScore(`api shown at issue, n ${stillWaiting.size}`, d.shown.filter((x) => stillWaiting.has(x.id))),
    waitScore(`api own, ${LATER_MS / 1000} s later, n ${d.later.length}`, d.later),
  ]));
  say('  (api rows: the api\'s tickets and their waits on the api; library: the simulator\'s record of the same arrivals, replayed through a');
  say('   fresh libs/forecast Forecaster in hall time, each ticket predicted at its issue from the hall as it was. The last two rows: the');
  say(`   tickets still waiting ${LATER_MS / 1000} real s after issue, as shown at issue and as the api estimated them then (elapsed + remaining).`);
  say('   calib = expected calibration error of P(called within target), 10 bins; p10-p90 = share of waits inside the range shown.)');
  const sl = paired(d.shown, d.library, (x) => x.expectedMs);
  const sa = paired(d.shown, d.library, (x) => x.actualMs);
  const ls = paired(d.later, d.shown, (x) => x.expectedMs);
  say(`  same arrivals, api minus library: estimate ${sl.mean.toFixed(2)} min on average (|.| ${sl.mad.toFixed(2)}), ` +
    `real wait ${sa.mean.toFixed(2)} min (|.| ${sa.mad.toFixed(2)}), n ${sl.n}`);
  say(`  own estimate ${LATER_MS / 1000} s later minus the one shown at issue: ${ls.mean.toFixed(2)} min on average (|.| ${ls.mad.toFixed(2)}), n ${ls.n}`);
  say('');
  say(formatCalibration('Called within target, by the P(within target) shown at issue (api):', calibrationBins(d.shown)));
  say(formatCalibration('The same for the library replay:', calibrationBins(d.library)));
  say('');
  say(formatGroupErrors('Where the error of the estimates shown comes from, by category:', groupErrors(d.shown, (x) => x.category)));
  const hour = (x: EstimateRow) => `${clock(Math.floor(x.issuedAt / (60 * MIN)) * 60 * MIN)}-${clock((Math.floor(x.issuedAt / (60 * MIN)) + 1) * 60 * MIN)}`;
  say(formatGroupErrors('...by priority class:', groupErrors(d.shown, (x) => x.priority)));
  const changes = r.applied.filter((a) => a.status < 300).map((a) => (a.at - r.realStart) * m.speed);
  const changed = (x: EstimateRow) => changes.some((c) => c > x.issuedAt && c < x.issuedAt + x.actualMs);
  say(formatGroupErrors('...by whether the manager opened or moved a window while the ticket waited:',
    groupErrors(d.shown, (x) => (changed(x) ? 'window change meanwhile' : 'no change meanwhile'))));
  say(formatGroupErrors('...by hall hour of issue:', groupErrors(d.shown, hour).sort((a, b) => a.key.localeCompare(b.key))));
  say(formatGroupErrors('...the library replay by hall hour of issue:', groupErrors(d.library, hour).sort((a, b) => a.key.localeCompare(b.key))));
  say('');

  const timelines = lineTimelines({
    categories: r.categories.map((c) => c.code), sightings: d.sightings, tickets: d.outcomes, intervals: DAY_INTERVALS, intervalMs: INTERVAL_MS,
  });
  say('Alerts. A ticket went over when it was in line longer than its target (called later, or still waiting then). Per category and');
  say('15-minute interval from 08:30 to 16:30: "alert" is the highest level of the line alert seen by the polls of GET /halls/:id/alerts');
  say(`(every second, ${m.speed / 60} hall min; p predicted over target, O over, 2 over twice), "over" whether a ticket issued in the interval`);
  say('went over (#) or not (.), blank when none was issued. An interval is predicted when the alert was up at any level.');
  const w = Math.max(...timelines.map((l) => l.category.length));
  say(`  ${''.padEnd(w + 8)}${Array.from({ length: DAY_INTERVALS / 8 }, (_, i) => clock(i * 120 * MIN).padEnd(8)).join('')}`);
  for (const l of timelines) {
    say(`  ${l.category.padEnd(w)} alert |${l.alert}|`);
    say(`  ${''.padEnd(w)}  over |${l.over}|`);
  }
  const line = lineAlertScore(timelines, 'pO2');
  const early = lineAlertScore(timelines, 'p');
  const tickets = ticketAlertScore(d.outcomes, d.sightings);
  say(`  line alerts (any level): ${prLine(line)}`);
  say(`  line alerts at "predicted over target" only: ${prLine(early)}`);
  say(`  ticket alerts (a ticket's own "predicted over target", against that ticket going over): ${prLine(tickets)}`);
  for (const c of r.categories) {
    const lt = leadTime(c.code, d.sightings, d.outcomes);
    if (lt.alertAt === null && lt.overAt === null) continue;
    say(`  ${c.code}: line alert first raised ${lt.alertAt === null ? 'never' : clock(lt.alertAt)}, first ticket over its target ` +
      `${lt.overAt === null ? 'never' : clock(lt.overAt)}`);
  }
  say('');

  const ok = [shown.rase <= TARGET_RASE, line.precision >= TARGET_ALERTS, line.recall >= TARGET_ALERTS];
  say(`Targets (issue 15 item 5), ${m.commit}, load average ${m.loadAtStart[0].toFixed(2)} at start:`);
  say(`  RASE of the estimates shown at issue ${shown.rase.toFixed(3)} <= ${TARGET_RASE}: ${verdict(shown.rase, ok[0])} ` +
    `(n ${shown.n}; MAE ${(shown.mae / 60).toFixed(1)} min, ` +
    `bias ${(shown.bias / 60).toFixed(1)} min; library replay of the same day ${f2(waitScore('', d.library).rase)})`);
  say(`  line alert precision ${f2(line.precision)} >= ${TARGET_ALERTS}: ${verdict(line.precision, ok[1])}; ` +
    `recall ${f2(line.recall)} >= ${TARGET_ALERTS}: ${verdict(line.recall, ok[2])}`);
  say(`  (share called within target: ${pct(d.outcomes.filter((o) => !o.over).length / d.outcomes.length)} of the api's tickets)`);
  return ok.every(Boolean);
}
