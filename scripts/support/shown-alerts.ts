/**
 * The manager page's "over target" alerts scored against the tickets that really went over their target
 * (`npm run bench:shown`). Hall time, ms since 08:30. The definitions (also in docs/benchmarks.md):
 *
 * - A ticket WENT OVER when it was in line longer than its category's target: called after issue + target,
 *   or still waiting then (it gave up later, or the day ended with it waiting).
 * - LINE ALERTS, per category and 15-minute interval of the issuing day: the interval is PREDICTED when a
 *   poll of GET /halls/:id/alerts during it found the category's line alert up at a counted level; it is
 *   OVER when at least one ticket of the category issued in it went over. Precision = predicted intervals
 *   that were over / predicted intervals; recall = over intervals that were predicted / over intervals.
 * - TICKET ALERTS, per ticket: PREDICTED when its own alert was seen at "predicted over target" (raised
 *   before its wait passed the target); scored against whether it went over.
 */

export type Level = 'predicted_over' | 'over' | 'over_twice' | 'ping_pong';

/** An open alert at one poll, in hall time. */
export interface Sighting {
  at: number;
  scope: string;
  subjectId: string;
  subject: string;
  level: Level;
  raisedAt: number;
  escalatedAt: number;
}

export interface TicketOutcome {
  id: string;
  category: string;
  issuedAt: number;
  over: boolean;
}

export interface PrecisionRecall {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
}

function pr(tp: number, fp: number, fn: number, tn: number): PrecisionRecall {
  return { tp, fp, fn, tn, precision: tp + fp ? tp / (tp + fp) : NaN, recall: tp + fn ? tp / (tp + fn) : NaN };
}

/** A category's day in intervals: the highest alert level seen in each, and whether a ticket issued in it went over. */
export interface LineTimeline {
  category: string;
  /** Per interval: '.' no alert, 'p' predicted over target, 'O' over, '2' over twice the target. */
  alert: string;
  /** Per interval: ' ' no ticket issued, '.' none went over, '#' at least one went over. */
  over: string;
}

const MARK: Record<string, string> = { predicted_over: 'p', over: 'O', over_twice: '2' };
const RANK = '.pO2';

export function lineTimelines(opts: {
  categories: string[];
  sightings: readonly Sighting[];
  tickets: readonly TicketOutcome[];
  intervals: number;
  intervalMs: number;
}): LineTimeline[] {
  const slot = (t: number) => Math.floor(t / opts.intervalMs);
  return opts.categories.map((category) => {
    const alert = new Array<string>(opts.intervals).fill('.');
    for (const s of opts.sightings) {
      const i = slot(s.at);
      const m = MARK[s.level];
      if (s.scope !== 'category' || s.subject !== category || !m || i < 0 || i >= opts.intervals) continue;
      if (RANK.indexOf(m) > RANK.indexOf(alert[i])) alert[i] = m;
    }
    const over = new Array<string>(opts.intervals).fill(' ');
    for (const t of opts.tickets) {
      const i = slot(t.issuedAt);
      if (t.category !== category || i < 0 || i >= opts.intervals) continue;
      over[i] = t.over || over[i] === '#' ? '#' : '.';
    }
    return { category, alert: alert.join(''), over: over.join('') };
  });
}

/** Precision and recall of line alerts per category and interval; `counted` are the marks ('p', 'O', '2') that predict. */
export function lineAlertScore(timelines: readonly LineTimeline[], counted: string): PrecisionRecall {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const l of timelines) {
    for (let i = 0; i < l.alert.length; i++) {
      const predicted = counted.includes(l.alert[i]);
      const over = l.over[i] === '#';
      if (predicted && over) tp++;
      else if (predicted) fp++;
      else if (over) fn++;
      else tn++;
    }
  }
  return pr(tp, fp, fn, tn);
}

/** Whether a ticket's own alert was ever at "predicted over target" (seen so, or seen over after being raised lower). */
export function ticketAlertPredicted(sightings: readonly Sighting[]): Set<string> {
  const out = new Set<string>();
  for (const s of sightings) {
    if (s.scope !== 'ticket') continue;
    if (s.level === 'predicted_over' || (s.level === 'over' && s.escalatedAt > s.raisedAt)) out.add(s.subjectId);
  }
  return out;
}

export function ticketAlertScore(tickets: readonly TicketOutcome[], sightings: readonly Sighting[]): PrecisionRecall {
  const predicted = ticketAlertPredicted(sightings);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const t of tickets) {
    const p = predicted.has(t.id);
    if (p && t.over) tp++;
    else if (p) fp++;
    else if (t.over) fn++;
    else tn++;
  }
  return pr(tp, fp, fn, tn);
}

/** When a category's line alert was first seen, and when its first ticket went over its target (null: never). */
export function leadTime(category: string, sightings: readonly Sighting[], tickets: readonly (TicketOutcome & { overAt?: number })[]) {
  const firstAlert = sightings.filter((s) => s.scope === 'category' && s.subject === category).reduce((a, s) => Math.min(a, s.raisedAt), Infinity);
  const firstOver = tickets.filter((t) => t.category === category && t.overAt !== undefined).reduce((a, t) => Math.min(a, t.overAt!), Infinity);
  return { alertAt: Number.isFinite(firstAlert) ? firstAlert : null, overAt: Number.isFinite(firstOver) ? firstOver : null };
}
