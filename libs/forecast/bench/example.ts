/**
 * The worked example of libs/forecast/README.md, runnable: npx tsx libs/forecast/bench/example.ts
 * (In the api, `rule` is `pickNextTicket` from @hallq/queue; here the reference rule stands in.)
 */
import { createForecaster, referenceRoutingRule, type ForecastEvent, type HallSnapshot } from '../src';

const MIN = 60_000;
const t0 = Date.UTC(2026, 2, 2, 1, 0); // 09:00 in Asia/Shanghai

// 1. One forecaster per hall.
const categories = [
  { id: 'enterprise', targetWaitMs: 20 * MIN, defaultServiceMs: 15 * MIN },
  { id: 'tax', targetWaitMs: 20 * MIN, defaultServiceMs: 9 * MIN },
];
const windows = [
  { id: 'w1', state: 'open' as const, categoryIds: ['enterprise'] },
  { id: 'w2', state: 'open' as const, categoryIds: ['enterprise', 'tax'] },
  { id: 'w3', state: 'closed' as const, categoryIds: ['tax'] },
];
const forecaster = createForecaster({ categories, rule: referenceRoutingRule, maxPriorityStreak: 2, seed: 1 });
forecaster.sync({ categories, windows });

// 2. Feed every queue event, in order (at start-up: replay the ticket_event log the same way).
const events: ForecastEvent[] = [];
for (let i = 0; i < 12; i++) {
  const id = `A${String(i + 1).padStart(3, '0')}`;
  events.push({
    type: 'issued',
    at: t0 + i * 2 * MIN,
    ticketId: id,
    categoryId: i % 4 === 3 ? 'tax' : 'enterprise',
    priority: i === 5 ? 'priority' : 'normal',
  });
}
events.push({ type: 'called', at: t0 + 1 * MIN, ticketId: 'A001', windowId: 'w1' });
events.push({ type: 'started', at: t0 + 2 * MIN, ticketId: 'A001', windowId: 'w1' });
events.push({ type: 'called', at: t0 + 3 * MIN, ticketId: 'A002', windowId: 'w2' });
events.push({ type: 'started', at: t0 + 4 * MIN, ticketId: 'A002', windowId: 'w2' });
events.push({ type: 'finished', at: t0 + 17 * MIN, ticketId: 'A001', windowId: 'w1' });
events.push({ type: 'called', at: t0 + 17 * MIN, ticketId: 'A003', windowId: 'w1' });
events.push({ type: 'started', at: t0 + 18 * MIN, ticketId: 'A003', windowId: 'w1' });
events.sort((a, b) => a.at - b.at);
for (const e of events) forecaster.observe(e);

// 3. Ask, with a plain snapshot of the hall and the time.
const now = t0 + 25 * MIN;
const state: HallSnapshot = {
  categories,
  windows,
  waiting: forecaster.internalSnapshot().waiting, // the api builds this from its own tables
  serving: [
    { id: 'A002', categoryId: 'enterprise', windowId: 'w2', startedAt: t0 + 4 * MIN },
    { id: 'A003', categoryId: 'enterprise', windowId: 'w1', startedAt: t0 + 18 * MIN },
  ],
};
const min = (ms: number) => `${Math.round(ms / MIN)} min`;
for (const p of forecaster.predictTickets(state, now).slice(0, 4)) {
  console.log(
    `${p.ticketId} ${p.categoryId}: ${p.ahead} ahead, wait ${min(p.expectedWaitMs)} (${min(p.p10WaitMs)}-${min(p.p90WaitMs)}), ` +
      `P(called within target) ${p.pWithinTarget.toFixed(2)} [${p.method}]`,
  );
}
for (const c of forecaster.predictCategories(state, now)) {
  console.log(`take a ${c.categoryId} ticket now: ${c.waiting} waiting, wait ${min(c.expectedWaitMs)} (${min(c.p10WaitMs)}-${min(c.p90WaitMs)})`);
}
for (const w of forecaster.predictWindows(state, now)) {
  console.log(`window ${w.windowId} (${w.state}): ${w.callable} callable, next call ${w.nextCallAt === null ? '-' : `in ${min(w.nextCallAt - now)}`}`);
}
const advice = forecaster.advise(state, now);
for (const c of advice.categories) {
  console.log(
    `${c.categoryId}: ${c.current} windows now, advised ${c.advised} ` +
      `(now ${c.needNow}, next hour ${c.needNextHour}, backlog ${c.needBacklog})`,
  );
}
for (const a of advice.actions) console.log(`action: ${a.summary}`);
const wi = forecaster.whatIf(state, { windows: [{ windowId: 'w3', state: 'open', categoryIds: ['enterprise', 'tax'] }] }, now);
for (const c of wi.categories) {
  console.log(`what if w3 opens for both: ${c.categoryId} wait ${min(c.before.predictedWaitMs)} -> ${min(c.after.predictedWaitMs)}`);
}
for (const u of advice.unmet) console.log(`unmet: ${u.categoryId} still needs ${u.windows} more window(s); none left to open or move`);
