/**
 * Staffing advice and what-ifs. Erlang A (windowsNeeded, after hysteresis) decides how many windows each
 * category needs; the action planner turns that into window changes the hall can staff; and every figure
 * shown with them (a category's wait now, each action's effect, the wait with all actions applied) is the
 * forecaster's own category prediction (`predict`) for the hall as it is or as changed: one model with the
 * board and the what-if. Pure: no clock, no state but the hysteresis passed in.
 */
import type { HallSnapshot } from '../hall/hall.types';
import type { CategoryPrediction } from '../predict/prediction.types';
import { actionSummary } from './action-summary';
import { planChanges, type PlannedChange } from './action-planner';
import type { CategoryAdvice, PredictedEffect, StaffingAction, StaffingAdvice, StaffLimits, WhatIfChange, WhatIfResult } from './advice.types';
import type { StaffingHysteresis } from './hysteresis';
import { runSteps } from '../predict/steps';
import { staffingEffect, windowsNeeded, type CategoryLoadInput } from './staffing';

export type CategoryLoads = Map<string, CategoryLoadInput>;

/** Slack below a whole window (as the planner's): a share of 0.8 counts as the one window it is. */
const SLACK = 0.25;
/** How far ahead a lower need must hold before the advice drops a window. */
const DROP_HORIZON = 2 * 3_600_000;

/** The forecaster's category predictions for a setup of the hall (Forecaster.categoryPredictions at one moment). */
export type PredictCategories = (state: HallSnapshot) => CategoryPrediction[];
/** The same in slices: a generator that pauses (`yield`) so a server can run it a few ms at a time. */
export type PredictCategoriesSteps = (state: HallSnapshot) => Generator<void, CategoryPrediction[], void>;

export interface AdviceLimits {
  /** Clerks on duty today (default: one per window in the hall); open windows never exceed it. */
  clerksOnDuty?: number;
}

/** Each open window's time per category: split over its categories by load. */
export function windowShares(state: HallSnapshot, loads: CategoryLoads, clearWithinMs: number): Map<string, Map<string, number>> {
  const known = new Set(state.categories.map((c) => c.id));
  const weight = (id: string) => {
    const l = loads.get(id);
    return l ? (l.arrivalsPerHour[0] / 3_600_000) * l.meanServiceMs + (l.waiting * l.meanServiceMs) / clearWithinMs : 0;
  };
  const out = new Map<string, Map<string, number>>();
  for (const w of state.windows) {
    if (w.state !== 'open') continue;
    const cats = [...new Set(w.categoryIds.filter((c) => known.has(c)))];
    const total = cats.reduce((a, c) => a + weight(c), 0);
    out.set(w.id, new Map(cats.map((c) => [c, total > 0 ? weight(c) / total : 1 / cats.length])));
  }
  return out;
}

/** Windows serving each category: an open window's time is split over its categories by load. */
export function staffingSupply(state: HallSnapshot, loads: CategoryLoads, clearWithinMs: number): Map<string, number> {
  const out = new Map<string, number>(state.categories.map((c) => [c.id, 0]));
  for (const s of windowShares(state, loads, clearWithinMs).values()) for (const [c, x] of s) out.set(c, (out.get(c) ?? 0) + x);
  return out;
}

/** What the hall can staff: its windows, the clerks on duty (at most one per window), open now and spare. */
export function staffLimits(state: HallSnapshot, limits: AdviceLimits = {}): StaffLimits {
  const windowsInHall = state.windows.length;
  const clerksOnDuty = Math.max(0, Math.min(windowsInHall, Math.floor(limits.clerksOnDuty ?? windowsInHall)));
  const open = state.windows.filter((w) => w.state === 'open').length;
  return { windowsInHall, clerksOnDuty, open, spare: Math.max(0, clerksOnDuty - open) };
}

/**
 * Per category the windows needed now, over the next hour and for the backlog, advised (hysteresis), the
 * actions that fit the hall, and what stays short; waits before and after from `predict`.
 */
export function adviseStaffing(
  state: HallSnapshot, now: number, loads: CategoryLoads, hysteresis: StaffingHysteresis, clearWithinMs: number,
  predict: PredictCategories, limits: AdviceLimits = {},
): StaffingAdvice {
  const steps = function* (s: HallSnapshot): Generator<void, CategoryPrediction[], void> {
    return predict(s);
  };
  return runSteps(adviseStaffingSteps(state, now, loads, hysteresis, clearWithinMs, steps, limits));
}

/** adviseStaffing in slices: it pauses wherever a prediction does (one per action, and two more). */
export function* adviseStaffingSteps(
  state: HallSnapshot, now: number, loads: CategoryLoads, hysteresis: StaffingHysteresis, clearWithinMs: number,
  predict: PredictCategoriesSteps, limits: AdviceLimits = {},
): Generator<void, StaffingAdvice, void> {
  const H = clearWithinMs;
  type Setup = { state: HallSnapshot; supply: Map<string, number>; predicted: Map<string, CategoryPrediction> };
  function* setup(s: HallSnapshot): Generator<void, Setup, void> {
    const predicted = yield* predict(s);
    return { state: s, supply: staffingSupply(s, loads, H), predicted: new Map(predicted.map((p) => [p.categoryId, p])) };
  }
  const effectIn = (x: Setup, c: string): PredictedEffect => {
    const p = x.predicted.get(c);
    const e = staffingEffect(loads.get(c) as CategoryLoadInput, x.supply.get(c) ?? 0);
    return {
      windows: p?.openWindows ?? openWindowsOf(x.state, c),
      expectedWaitMs: p?.expectedWaitMs ?? Infinity,
      p10WaitMs: p?.p10WaitMs ?? Infinity,
      p90WaitMs: p?.p90WaitMs ?? Infinity,
      pWithinTarget: p?.pWithinTarget ?? 0,
      serviceLevel: e.serviceLevel,
      clearsInMs: e.clearsInMs,
    };
  };
  const current = yield* setup(state);
  const staff = staffLimits(state, limits);
  const needs = state.categories.map((c) => {
    const load = loads.get(c.id) as CategoryLoadInput;
    const need = windowsNeeded(load, { clearWithinMs: H });
    const p = current.predicted.get(c.id);
    const wait = p?.expectedWaitMs ?? Infinity;
    // The staffing model clears a backlog within H; when the forecaster (the board's wait now) has a line
    // over its target today, it gets at least one window more than it has, so the page never shows a red
    // wait with nothing advised.
    const over = load.waiting > 0 && wait > c.targetWaitMs ? Math.ceil((current.supply.get(c.id) ?? 0) - SLACK) + 1 : 0;
    // A drop must keep a margin over the next two hours, not one: a window closed for the lunch dip is
    // opened again for the afternoon, two changes for an hour's idle clerk (at lunch half of them are away).
    const strict = () =>
      windowsNeeded({ ...load, targetShare: Math.min(0.99, load.targetShare + 0.05) }, { clearWithinMs: H * 0.8, horizonMs: DROP_HORIZON }).needed;
    const arrivalsNextHour = p?.arrivalsNextHour ?? load.arrivalsPerHour[0];
    // No more citizens expected (the hall has stopped issuing) and the windows open clear the line: its
    // windows stay as they are until it empties; opening or moving one now would change nobody's day much.
    const supply = current.supply.get(c.id) ?? 0;
    const ending = arrivalsNextHour < 0.5 && load.arrivalsPerHour.every((r) => r < 0.5) && clearsWithin(load, supply, H);
    const whole = Math.ceil(supply - SLACK);
    const advised = ending ? hysteresis.update(c.id, whole, whole, now) : hysteresis.update(c.id, Math.max(need.needed, over), strict, now);
    return { category: c, load, need, advised, wait, arrivalsNextHour, ending };
  });
  const plan = planChanges({
    state,
    shares: windowShares(state, loads, H),
    spareClerks: staff.spare,
    categories: needs.map((n) => ({
      categoryId: n.category.id,
      advised: n.advised,
      needed: !n.ending && (n.load.waiting > 0 || n.arrivalsNextHour >= 0.5),
      ending: n.ending,
      withinTarget: n.wait <= n.category.targetWaitMs,
      urgency: Math.min(1e9, n.wait / Math.max(1, n.category.targetWaitMs)),
      waiting: n.load.waiting,
    })),
  });
  const actions: StaffingAction[] = [];
  for (const ch of plan.changes) {
    const changed = yield* setup(applyWhatIf(state, { windows: [windowChange(ch)] }));
    const cats = ch.kind === 'move' ? [ch.categoryId, ...ch.fromCategoryIds] : [ch.categoryId];
    const effects = cats.map((c) => ({ categoryId: c, before: effectIn(current, c), after: effectIn(changed, c) }));
    const summary = actionSummary(ch, effects);
    actions.push(ch.kind === 'move' ? { ...ch, fromCategoryId: ch.fromCategoryIds[0], effects, summary } : { ...ch, effects, summary });
  }
  const all = plan.changes.length === 0 ? current : yield* setup(applyWhatIf(state, { windows: plan.changes.map(windowChange) }));
  const short = new Map(plan.unmet.map((u) => [u.categoryId, u.windows]));
  const categories: CategoryAdvice[] = needs.map((n) => ({
    categoryId: n.category.id,
    current: openWindowsOf(state, n.category.id),
    currentShare: current.supply.get(n.category.id) ?? 0,
    needNow: n.need.now,
    needNextHour: n.need.nextHour,
    needBacklog: n.need.backlog,
    advised: n.advised,
    waiting: n.load.waiting,
    arrivalsPerHour: n.load.arrivalsPerHour[0],
    arrivalsNextHour: n.arrivalsNextHour,
    before: effectIn(current, n.category.id),
    after: effectIn(all, n.category.id),
    short: short.get(n.category.id) ?? 0,
  }));
  return { at: now, categories, actions, unmet: plan.unmet, staff };
}

/** The what-if change a planned action makes: exactly the window state and whole profile it states. */
export function windowChange(ch: PlannedChange): WhatIfChange['windows'][number] {
  return ch.kind === 'close' ? { windowId: ch.windowId, state: 'closed' } : { windowId: ch.windowId, state: 'open', categoryIds: [...ch.categoryIds] };
}

/** The hall with a proposed change of window states and work profiles applied. */
export function applyWhatIf(state: HallSnapshot, change: WhatIfChange): HallSnapshot {
  return {
    ...state,
    windows: state.windows.map((w) => {
      const c = change.windows.find((x) => x.windowId === w.id);
      return c ? { ...w, state: c.state ?? w.state, categoryIds: c.categoryIds ? [...c.categoryIds] : [...w.categoryIds] } : w;
    }),
  };
}

/**
 * Before and after a change: whole open windows serving each category and the forecaster's predicted wait
 * of a ticket taken now; serviceLevel and clearsInMs are the steady-state staffing figures of each setup.
 */
export function whatIfEffects(input: {
  state: HallSnapshot;
  changed: HallSnapshot;
  loads: CategoryLoads;
  clearWithinMs: number;
  predictedBefore: CategoryPrediction[];
  predictedAfter: CategoryPrediction[];
}): WhatIfResult {
  const { state, changed, loads, clearWithinMs } = input;
  const sBefore = staffingSupply(state, loads, clearWithinMs);
  const sAfter = staffingSupply(changed, loads, clearWithinMs);
  const pBefore = new Map(input.predictedBefore.map((p) => [p.categoryId, p]));
  const pAfter = new Map(input.predictedAfter.map((p) => [p.categoryId, p]));
  return {
    categories: state.categories.map((c) => {
      const load = loads.get(c.id) as CategoryLoadInput;
      const b = pBefore.get(c.id);
      const a = pAfter.get(c.id);
      return {
        categoryId: c.id,
        before: {
          ...staffingEffect(load, sBefore.get(c.id) ?? 0), windows: openWindowsOf(state, c.id),
          predictedWaitMs: b?.expectedWaitMs ?? Infinity, pWithinTarget: b?.pWithinTarget ?? 0,
        },
        after: {
          ...staffingEffect(load, sAfter.get(c.id) ?? 0), windows: openWindowsOf(changed, c.id),
          predictedWaitMs: a?.expectedWaitMs ?? Infinity, pWithinTarget: a?.pWithinTarget ?? 0,
        },
      };
    }),
  };
}

/** Whether `windows` (shares) call the line waiting, and those in service, within `withinMs`. */
function clearsWithin(load: CategoryLoadInput, windows: number, withinMs: number): boolean {
  if (load.waiting === 0) return true;
  return windows > 0 && ((load.waiting + 0.5 * load.inService) * load.meanServiceMs) / windows <= withinMs;
}

/** Open windows whose profile includes the category. */
export function openWindowsOf(state: HallSnapshot, categoryId: string): number {
  return state.windows.filter((w) => w.state === 'open' && w.categoryIds.includes(categoryId)).length;
}
