/**
 * The library's replay of the demo hall's day (`npm run bench:shown`): a fresh libs/forecast Forecaster,
 * with no history (as the api's on a fresh database), is fed the simulator's own event stream in hall time
 * and predicts each ticket the moment it is issued, from the hall exactly as it was then, as
 * libs/forecast/bench/simulated-days.ts does for its days. Its actual waits are the simulator's.
 */
import {
  createForecaster,
  referenceRoutingRule,
  type CategorySnapshot,
  type ForecastEvent,
  type SimTicket,
  type WindowSnapshot,
} from '../../libs/forecast/src';

/** One ticket's prediction at issue and its wait, ms of hall time. */
export interface ReplayRow {
  ticketId: string;
  categoryId: string;
  issuedAt: number;
  targetMs: number;
  expectedMs: number;
  p10Ms: number;
  p90Ms: number;
  pWithin: number;
  /** Issue to call; undefined when the person gave up or was never called. */
  actualMs?: number;
}

export function replayDay(opts: {
  events: readonly ForecastEvent[];
  tickets: readonly SimTicket[];
  categories: CategorySnapshot[];
  windows: WindowSnapshot[];
  slotMs: number;
}): ReplayRow[] {
  const f = createForecaster({ categories: opts.categories, rule: referenceRoutingRule, slotMs: opts.slotMs });
  f.sync({ categories: opts.categories, windows: opts.windows });
  const byId = new Map(opts.tickets.map((t) => [t.id, t]));
  const target = new Map(opts.categories.map((c) => [c.id, c.targetWaitMs]));
  const rows: ReplayRow[] = [];
  for (const e of opts.events) {
    f.observe(e);
    if (e.type !== 'issued') continue;
    const p = f.predictTickets(f.internalSnapshot(), e.at).find((x) => x.ticketId === e.ticketId);
    const t = byId.get(e.ticketId);
    if (!p || !t || !Number.isFinite(p.expectedWaitMs)) continue;
    rows.push({
      ticketId: t.id, categoryId: t.categoryId, issuedAt: t.issuedAt, targetMs: target.get(t.categoryId) ?? 0,
      expectedMs: p.expectedWaitMs, p10Ms: p.p10WaitMs, p90Ms: p.p90WaitMs, pWithin: p.pWithinTarget,
      actualMs: t.calledAt !== undefined ? t.calledAt - t.issuedAt : undefined,
    });
  }
  return rows;
}
