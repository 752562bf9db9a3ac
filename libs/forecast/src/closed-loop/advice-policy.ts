/**
 * hallq's staffing advice as a policy: the hall's forecaster learns the day's events as they happen and
 * is asked for advice at each decision, as the api asks it (Forecaster.advise on the hall now). Its
 * actions become window commands unchanged, except that a window whose clerk is on a break cannot be
 * opened: the manager opens the next free window instead, with the profile the advice would give it.
 * The advisor itself is not changed here; this only plays it.
 */
import type { Forecaster } from '../forecaster';
import type { StaffingAction, StaffingAdvice } from '../staffing/advice.types';
import { freeWindowFor, type PolicyView, type StaffingPolicy, type WindowCommand } from './closed-loop';

export interface AdvicePolicyOptions {
  /** Called with each advice (e.g. to record when it first asked for a number of windows). */
  onAdvice?: (advice: StaffingAdvice, view: PolicyView) => void;
}

export function advicePolicy(forecaster: Forecaster, opts: AdvicePolicyOptions = {}): StaffingPolicy {
  return {
    decide(view) {
      forecaster.observeAll(view.events);
      // The clerks on duty, as the api passes the hall's staff setting.
      const advice = forecaster.advise(view.hall, view.now, { clerksOnDuty: view.staffOnDuty });
      opts.onAdvice?.(advice, view);
      return adviceCommands(advice.actions, view);
    },
  };
}

/** The advice's actions as window commands for the hall as it is (breaks taken into account). */
export function adviceCommands(actions: readonly StaffingAction[], view: PolicyView): WindowCommand[] {
  const used = new Set(actions.map((a) => a.windowId).filter((id) => !view.onBreak.has(id)));
  const out: WindowCommand[] = [];
  for (const a of actions) {
    if (a.kind === 'close') {
      out.push({ kind: 'close', windowId: a.windowId });
    } else if (a.kind === 'move') {
      out.push({ kind: 'move', windowId: a.windowId, categoryIds: a.categoryIds });
    } else if (!view.onBreak.has(a.windowId)) {
      out.push({ kind: 'open', windowId: a.windowId, categoryIds: a.categoryIds });
    } else {
      const free = freeWindowFor(view, a.categoryId, used);
      if (!free) continue;
      used.add(free.windowId);
      out.push(free);
    }
  }
  return out;
}
