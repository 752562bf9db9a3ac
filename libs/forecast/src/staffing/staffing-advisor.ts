/**
 * Staffing advice and what-ifs from the loads the forecaster reads (categoryLoad): the windows each
 * category needs, the advised count after hysteresis, and the concrete actions (open window X for K;
 * move window Y from C to K; close window Z) with their expected effect. Pure: no clock, no state but
 * the hysteresis passed in.
 */
import type { HallSnapshot } from '../hall/hall.types';
import type { CategoryPrediction } from '../predict/prediction.types';
import { actionSummary } from './action-summary';
import type { ActionEffect, CategoryAdvice, StaffingAction, StaffingAdvice, WhatIfChange, WhatIfResult } from './advice.types';
import type { StaffingHysteresis } from './hysteresis';
import { staffingEffect, windowsNeeded, type CategoryLoadInput } from './staffing';

export type CategoryLoads = Map<string, CategoryLoadInput>;

/** Windows serving each category: an open window's time is split over its categories by load. */
export function staffingSupply(state: HallSnapshot, loads: CategoryLoads, clearWithinMs: number): Map<string, number> {
  const weight = (id: string) => {
    const l = loads.get(id);
    return l ? (l.arrivalsPerHour[0] / 3_600_000) * l.meanServiceMs + (l.waiting * l.meanServiceMs) / clearWithinMs : 0;
  };
  const out = new Map<string, number>();
  for (const c of state.categories) out.set(c.id, 0);
  for (const w of state.windows) {
    if (w.state !== 'open') continue;
    const cats = w.categoryIds.filter((c) => out.has(c));
    const total = cats.reduce((a, c) => a + weight(c), 0);
    for (const c of cats) out.set(c, (out.get(c) as number) + (total > 0 ? weight(c) / total : 1 / cats.length));
  }
  return out;
}

/** Per category the windows needed now, over the next hour and for the backlog, advised (hysteresis), and the actions. */
export function adviseStaffing(
  state: HallSnapshot, now: number, loads: CategoryLoads, hysteresis: StaffingHysteresis, clearWithinMs: number,
): StaffingAdvice {
  const H = clearWithinMs;
  const supply = staffingSupply(state, loads, H);
  const categories: CategoryAdvice[] = state.categories.map((c) => {
    const load = loads.get(c.id) as CategoryLoadInput;
    const need = windowsNeeded(load, { clearWithinMs: H });
    const strict = () => windowsNeeded({ ...load, targetShare: Math.min(0.99, load.targetShare + 0.05) }, { clearWithinMs: H * 0.8 }).needed;
    const advised = hysteresis.update(c.id, need.needed, strict, now);
    const current = supply.get(c.id) as number;
    return {
      categoryId: c.id,
      current,
      needNow: need.now,
      needNextHour: need.nextHour,
      needBacklog: need.backlog,
      advised,
      waiting: load.waiting,
      arrivalsPerHour: load.arrivalsPerHour[0],
      before: staffingEffect(load, current),
      after: staffingEffect(load, Math.max(advised, current)),
    };
  });
  const { actions, unmet } = planActions(state, categories, loads, supply);
  return { at: now, categories, actions, unmet };
}

/** Turns advised counts into actions: open closed windows, move windows from categories with a whole one to spare, close spare ones. */
export function planActions(
  state: HallSnapshot, advice: CategoryAdvice[], loads: CategoryLoads, supply: Map<string, number>,
): { actions: StaffingAction[]; unmet: { categoryId: string; windows: number }[] } {
  const have = new Map(supply);
  const want = new Map(advice.map((a) => [a.categoryId, a.advised]));
  const surplus = (c: string) => Math.floor((have.get(c) ?? 0) - (want.get(c) ?? 0) + 1e-9);
  const deficit = (c: string) => Math.ceil((want.get(c) ?? 0) - (have.get(c) ?? 0) - 0.25);
  const used = new Set<string>();
  const actions: StaffingAction[] = [];
  const unmet: { categoryId: string; windows: number }[] = [];
  const effect = (c: string, delta: number): ActionEffect => {
    const load = loads.get(c) as CategoryLoadInput;
    const before = have.get(c) ?? 0;
    return { categoryId: c, before: staffingEffect(load, before), after: staffingEffect(load, before + delta) };
  };
  // Most urgent first: predicted wait relative to target.
  const urgency = (a: CategoryAdvice) => a.before.expectedWaitMs / (loads.get(a.categoryId)?.targetWaitMs ?? 1);
  const order = [...advice].sort((a, b) => urgency(b) - urgency(a));
  for (const a of order) {
    const k = a.categoryId;
    let need = deficit(k);
    while (need > 0) {
      const closed = state.windows
        .filter((w) => w.state !== 'open' && !used.has(w.id))
        .sort((x, y) => rankOf(x.categoryIds, k) - rankOf(y.categoryIds, k));
      if (closed.length) {
        const w = closed[0];
        const categoryIds = w.categoryIds.includes(k) ? w.categoryIds : [k];
        const e = effect(k, 1);
        const summary = actionSummary({ kind: 'open', windowId: w.id, categoryId: k }, [e]);
        actions.push({ kind: 'open', windowId: w.id, categoryId: k, categoryIds, effects: [e], summary });
        have.set(k, (have.get(k) ?? 0) + 1);
        used.add(w.id);
        need--;
        continue;
      }
      const donor = state.windows
        .filter((w) => w.state === 'open' && !used.has(w.id) && w.categoryIds.length > 0 && w.categoryIds[0] !== k && surplus(w.categoryIds[0]) >= 1)
        .sort((x, y) => surplus(y.categoryIds[0]) - surplus(x.categoryIds[0]))[0];
      if (!donor) break;
      const from = donor.categoryIds[0];
      const effects = [effect(k, 1), effect(from, -1)];
      actions.push({
        kind: 'move', windowId: donor.id, fromCategoryId: from, categoryId: k, categoryIds: [k], effects,
        summary: actionSummary({ kind: 'move', windowId: donor.id, categoryId: k, fromCategoryId: from }, effects),
      });
      have.set(k, (have.get(k) ?? 0) + 1);
      have.set(from, (have.get(from) ?? 0) - 1);
      used.add(donor.id);
      need--;
    }
    if (need > 0) unmet.push({ categoryId: k, windows: need });
  }
  // Windows no category needs: close those dedicated to a category with a whole window to spare.
  for (const w of state.windows) {
    if (w.state !== 'open' || used.has(w.id) || w.categoryIds.length !== 1) continue;
    const c = w.categoryIds[0];
    // Never close on a line: only when the category's waiting tickets fit its advised windows.
    if (!want.has(c) || surplus(c) < 1 || (loads.get(c)?.waiting ?? 0) > (want.get(c) ?? 0)) continue;
    if ((have.get(c) ?? 0) - 1 < Math.max(1, want.get(c) ?? 0)) continue;
    const e = effect(c, -1);
    const summary = actionSummary({ kind: 'close', windowId: w.id, categoryId: c }, [e]);
    actions.push({ kind: 'close', windowId: w.id, categoryId: c, effects: [e], summary });
    have.set(c, (have.get(c) ?? 0) - 1);
    used.add(w.id);
  }
  return { actions, unmet };
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

/** Before and after a change: the staffing effect of each category's supply and the predicted wait of a ticket taken now. */
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
        before: { ...staffingEffect(load, sBefore.get(c.id) ?? 0), predictedWaitMs: b?.expectedWaitMs ?? Infinity, pWithinTarget: b?.pWithinTarget ?? 0 },
        after: { ...staffingEffect(load, sAfter.get(c.id) ?? 0), predictedWaitMs: a?.expectedWaitMs ?? Infinity, pWithinTarget: a?.pWithinTarget ?? 0 },
      };
    }),
  };
}

function rankOf(ids: string[], k: string): number {
  const i = ids.indexOf(k);
  return i < 0 ? 100 + ids.length : i;
}
