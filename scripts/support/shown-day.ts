/**
 * A played day as `npm run bench:shown` saves it (JSON, so it can be scored again with `--rescore`), and
 * its conversion to hall time: the api's real-clock times and seconds become hall ms (times `speed`).
 */
import type { ForecastEvent, SimTicket } from '../../libs/forecast/src';
import { CATEGORIES, slotSecondsFor, WINDOWS } from './demo-hall';
import { replayDay, type ReplayRow } from './library-replay';
import type { Sighting, TicketOutcome } from './shown-alerts';
import type { AlertSighting, ShownTicket } from './shown-record';
import type { EstimateRow } from './shown-score';

const MIN = 60_000;

export interface DayRecord {
  meta: {
    commit: string;
    /** Uncommitted changes in the worktree when it ran. */
    dirty: boolean;
    loadAtStart: number[];
    loadAtEnd: number[];
    cores: number;
    speed: number;
    seed: number;
    manager: string;
    startedAt: string;
    realMinutes: number;
  };
  /** Epoch ms of 08:30 hall time, and of the end of the run. */
  realStart: number;
  realEnd: number;
  categories: { id: string; code: string; targetWaitSec: number; defaultServiceSec: number }[];
  tickets: ShownTicket[];
  refused: [string, number][];
  sightings: AlertSighting[];
  polls: number[];
  applied: { at: number; status: number; message: string }[];
  sim: { events: ForecastEvent[]; tickets: SimTicket[] };
}

/** The day in hall time: every estimate with its real wait, ticket outcomes, alert sightings. */
export interface HallDay {
  speed: number;
  /** Hall ms of the end of the run. */
  endMs: number;
  targetMs: Map<string, number>;
  /** What the issue answer showed, for tickets that were called. */
  shown: EstimateRow[];
  /** The same tickets' own estimate read LATER_MS after issue, as a wait from issue (elapsed + remaining). */
  later: EstimateRow[];
  /** The library's replay of the simulator's record (its tickets, its waits). */
  library: EstimateRow[];
  /** Per issued api ticket: how long it was in line and whether that passed its target. */
  outcomes: (TicketOutcome & { inLineMs: number; overAt?: number; called: boolean })[];
  sightings: Sighting[];
  /** Issue answers by where their estimate came from ('forecast', 'stand-in', 'none'). */
  sources: Map<string, number>;
  /** Issue answer latency, real ms, sorted. */
  latencies: number[];
}

export function toHallDay(r: DayRecord): HallDay {
  const { speed } = r.meta;
  const hall = (epochMs: number) => (epochMs - r.realStart) * speed;
  const sec = (s: number) => s * 1000 * speed;
  const targetMs = new Map(r.categories.map((c) => [c.code, sec(c.targetWaitSec)]));
  const shown: EstimateRow[] = [];
  const later: EstimateRow[] = [];
  const outcomes: HallDay['outcomes'] = [];
  const sources = new Map<string, number>();
  for (const t of r.tickets) {
    const target = targetMs.get(t.category)!;
    const source = t.shown?.source ?? 'none';
    sources.set(source, (sources.get(source) ?? 0) + 1);
    const left = t.calledAt ?? t.cancelledAt ?? r.realEnd;
    const inLineMs = (left - t.issuedAt) * speed;
    const over = inLineMs > target;
    outcomes.push({ id: t.id, category: t.category, issuedAt: hall(t.issuedAt), over, inLineMs, called: t.calledAt !== undefined,
      overAt: over ? hall(t.issuedAt) + target : undefined });
    if (t.calledAt === undefined) continue;
    const actualMs = (t.calledAt - t.issuedAt) * speed;
    const base = { id: t.simId, category: t.category, priority: t.priority ?? 'unknown', issuedAt: hall(t.issuedAt), targetMs: target, actualMs };
    if (t.shown) {
      shown.push({ ...base, expectedMs: sec(t.shown.expectedSec), p10Ms: sec(t.shown.lowSec), p90Ms: sec(t.shown.highSec),
        pWithin: t.shown.withinTargetProbability });
    }
    const e = t.later?.estimate;
    if (t.later && e) {
      const elapsed = (t.later.at - t.issuedAt) * speed;
      later.push({ ...base, expectedMs: elapsed + sec(e.expectedSec), p10Ms: elapsed + sec(e.lowSec), p90Ms: elapsed + sec(e.highSec),
        pWithin: e.withinTargetProbability });
    }
  }
  const sightings: Sighting[] = r.sightings.map((s) => ({ ...s, at: hall(s.at), raisedAt: hall(s.raisedAt), escalatedAt: hall(s.escalatedAt) }));
  return {
    speed, endMs: hall(r.realEnd), targetMs, shown, later, library: libraryRows(r, targetMs), outcomes, sightings, sources,
    latencies: r.tickets.map((t) => t.answeredAt - t.sentAt).sort((a, b) => a - b),
  };
}

/**
 * The library forecaster on the simulator's record, with the api's categories as the api had them (the
 * targets it used, in hall time), so that its P(within target) answers the same question.
 */
function libraryRows(r: DayRecord, targetMs: Map<string, number>): EstimateRow[] {
  const priority = new Map(r.sim.tickets.map((t) => [t.id, t.priority]));
  const rows: ReplayRow[] = replayDay({
    events: r.sim.events,
    tickets: r.sim.tickets,
    categories: CATEGORIES.map((c) => ({ id: c.code, targetWaitMs: targetMs.get(c.code) ?? c.targetMin * MIN, defaultServiceMs: c.serviceMin * MIN })),
    windows: WINDOWS.map((w) => ({ id: w.label, state: w.state as 'open' | 'closed', categoryIds: w.categories })),
    slotMs: slotSecondsFor(r.meta.speed) * 1000 * r.meta.speed,
  });
  return rows.flatMap((x) => x.actualMs === undefined ? [] : [{
    id: x.ticketId, category: x.categoryId, priority: priority.get(x.ticketId) ?? 'normal', issuedAt: x.issuedAt, targetMs: x.targetMs,
    expectedMs: x.expectedMs, p10Ms: x.p10Ms, p90Ms: x.p90Ms, pWithin: x.pWithin, actualMs: x.actualMs,
  }]);
}
