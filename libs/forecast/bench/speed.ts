/** Speed of predictions for a large hall: 1,000 waiting tickets, 40 windows, Monte Carlo included. */
import { createForecaster, referenceRoutingRule, type ForecastEvent, type HallSnapshot, type RoutableTicket, type RoutingRule } from '../src';

const MIN = 60_000;

export function bigHall(now: number): HallSnapshot {
  const cats = ['A', 'B', 'C', 'D', 'E', 'F'];
  const categories = cats.map((id, i) => ({ id, targetWaitMs: (15 + 10 * i) * MIN, defaultServiceMs: (5 + 2 * i) * MIN }));
  const windows = Array.from({ length: 40 }, (_, i) => ({
    id: `w${i + 1}`,
    state: (i < 36 ? 'open' : 'closed') as 'open' | 'closed',
    categoryIds: i % 3 === 0 ? [cats[i % 6], cats[(i + 1) % 6]] : [cats[i % 6]],
  }));
  const waiting = Array.from({ length: 1000 }, (_, i) => ({
    id: `t${i}`,
    categoryId: cats[i % 6],
    priority: (i % 9 === 0 ? 'priority' : 'normal') as 'priority' | 'normal',
    issuedAt: now - (1000 - i) * 6_000,
    targetWindowId: i % 97 === 0 ? `w${(i % 36) + 1}` : null,
  }));
  const serving = windows
    .filter((w) => w.state === 'open')
    .map((w, i) => ({ id: `s${i}`, categoryId: w.categoryIds[0], windowId: w.id, startedAt: now - (i % 7) * MIN }));
  return { categories, windows, waiting, serving };
}

/** A rule shaped like a production one (builds a rank map and buckets per call), for honest timing. */
export const mapBasedRule: RoutingRule = (window, waiting, ctx) => {
  const rank = new Map(window.categoryIds.map((c, i) => [c, i]));
  const directed: RoutableTicket[] = [];
  const priority: RoutableTicket[] = [];
  const normal: RoutableTicket[] = [];
  for (const t of waiting) {
    if (t.targetWindowId) {
      if (t.targetWindowId === window.id) directed.push(t);
    } else if (rank.has(t.categoryId)) (t.priority === 'priority' ? priority : normal).push(t);
  }
  const rel = (t: RoutableTicket) => (ctx.now - t.issuedAt) / (ctx.targetWaitMs[t.categoryId] ?? 1_200_000);
  const best = (xs: RoutableTicket[]) => xs.reduce((b, t) => (rel(t) > rel(b) || (rel(t) === rel(b) && t.issuedAt < b.issuedAt) ? t : b));
  if (directed.length) return best(directed);
  if (priority.length && (normal.length === 0 || window.priorityStreak < ctx.maxPriorityStreak)) return best(priority);
  return normal.length ? best(normal) : undefined;
};

/**
 * Wall time per prediction (median, p90) and CPU time of this process per prediction (median): on a
 * shared machine the CPU time shows our own cost when other work competes for the cores.
 */
export function measureSpeed(rule: RoutingRule = mapBasedRule, reps = 20): { medianMs: number; p90Ms: number; cpuMedianMs: number; runs: number } {
  const now = Date.UTC(2026, 2, 2, 2, 0, 0);
  const state = bigHall(now);
  const f = createForecaster({ categories: state.categories, rule });
  // a little history so the estimators are warm
  const ev: ForecastEvent[] = [];
  for (let i = 0; i < 300; i++) {
    const c = state.categories[i % 6].id;
    const t = now - 3 * 3_600_000 + i * 30_000;
    ev.push({ type: 'issued', at: t, ticketId: `h${i}`, categoryId: c });
    ev.push({ type: 'called', at: t + 10 * MIN, ticketId: `h${i}`, windowId: `w${(i % 36) + 1}` });
    ev.push({ type: 'finished', at: t + 18 * MIN, ticketId: `h${i}` });
  }
  ev.sort((a, b) => a.at - b.at);
  f.observeAll(ev);
  const times: number[] = [];
  const cpu: number[] = [];
  let runs = 0;
  for (let r = 0; r < 10; r++) f.predict({ ...state }, now - 1000 + r); // warm the JIT, as a running api is
  for (let r = 0; r < reps; r++) {
    const s = { ...state }; // fresh object: no cache reuse between repetitions
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f.predict(s, now + r);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    runs = f.usesMonteCarlo(s) ? 1 : 0;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], p90Ms: times[Math.floor(times.length * 0.9)], cpuMedianMs: cpu[Math.floor(cpu.length / 2)], runs };
}

if (require.main === module) {
  console.log('map-based rule', measureSpeed(mapBasedRule));
  console.log('reference rule', measureSpeed(referenceRoutingRule));
}
