import type { PredictedEffect, StaffingAction, StaffingAdvice } from '@hallq/forecast';
import type { CategoryView } from '@hallq/queue';
import { actionText, headline, shortHeadline, type Named, type Texts } from './advice-text';

/**
 * GET /advice as the manager page reads it, from the forecaster's advice: whole windows, waits in minutes
 * (the forecaster's predictions), each action in words with the work profile it sets, and per category at
 * most one headline: 'more' or 'fewer' (the category after all its actions together, every one listed),
 * or 'short' (more is needed than the hall can staff: what is still possible and what else would help).
 * No headline without an action but the 'short' one; a hall that fits its load has none. Pure.
 */
export function adviceView(
  a: StaffingAdvice, cats: Map<string, CategoryView>, wins: Map<string, { id: string; label: string }>, clerksSetToday: boolean,
) {
  const named = (id: string): Named => cats.get(id) ?? { nameZh: id, nameEn: id };
  const code = (id: string) => cats.get(id)?.code ?? id;
  return {
    at: a.at,
    staff: { ...a.staff, clerksSetToday },
    categories: a.categories.map((c) => {
      const cat = named(c.categoryId);
      const before = effectView(c.before);
      const after = effectView(c.after);
      const raises = a.actions.filter((x) => x.kind !== 'close' && x.categoryId === c.categoryId);
      const closes = a.actions.filter((x) => x.kind === 'close' && x.categoryId === c.categoryId);
      const kind = c.short > 0 ? 'short' as const : raises.length ? 'more' as const : closes.length ? 'fewer' as const : null;
      let text: Texts | null = null;
      if (kind === 'short') {
        text = shortHeadline(cat, {
          advised: c.advised, windowsInHall: a.staff.windowsInHall, clerksOnDuty: a.staff.clerksOnDuty, waiting: c.waiting,
          before, after, clearsInMin: after.clearsInMin, actions: raises.length > 0,
        });
      } else if (kind) {
        text = headline(cat, before, after, {
          nextHour: c.needNextHour > Math.max(c.needNow, c.needBacklog), arrivalsPerHour: c.arrivalsPerHour, opensOnly: raises.every((x) => x.kind === 'open'),
        });
      }
      return {
        category: code(c.categoryId), nameZh: cat.nameZh, nameEn: cat.nameEn,
        current: c.current, advised: c.advised, needNow: c.needNow, needNextHour: c.needNextHour, needBacklog: c.needBacklog, short: c.short,
        waiting: c.waiting, arrivalsPerHour: round1(c.arrivalsPerHour), before, after, headline: text, headlineKind: kind,
      };
    }),
    actions: a.actions.map((x) => actionView(x, named, code, wins, a.actions.length > 1)),
    unmet: a.unmet.map((u) => ({ category: code(u.categoryId), windows: u.windows })),
  };
}

function actionView(
  x: StaffingAction, named: (id: string) => Named, code: (id: string) => string, wins: Map<string, { label: string }>, alone: boolean,
) {
  const label = wins.get(x.windowId)?.label ?? x.windowId;
  const effects = x.effects.map((e) => ({ category: code(e.categoryId), before: effectView(e.before), after: effectView(e.after) }));
  const from = x.kind === 'move' ? x.fromCategoryIds : [];
  const profile = x.kind === 'close' ? [] : x.categoryIds;
  return {
    kind: x.kind,
    windowId: x.windowId,
    windowLabel: label,
    category: code(x.categoryId),
    fromCategory: x.kind === 'move' ? code(x.fromCategoryId) : undefined,
    fromCategories: x.kind === 'move' ? from.map(code) : undefined,
    categories: x.kind === 'close' ? undefined : profile.map(code),
    effects,
    message: actionText(
      x.kind, label, named(x.categoryId), from.map(named), profile.map(named),
      x.effects.map((e) => ({ ...named(e.categoryId), before: effectView(e.before), after: effectView(e.after) })), alone,
    ),
  };
}

/**
 * A category under one setup: whole windows and the forecaster's wait (minutes, range, P(within target));
 * serviceLevel and clearsInMin are steady-state staffing figures at the arrival rate now.
 */
export function effectView(e: PredictedEffect) {
  return {
    windows: e.windows,
    expectedWaitMin: minutes(e.expectedWaitMs),
    lowWaitMin: Number.isFinite(e.p10WaitMs) ? Math.floor(Math.round(e.p10WaitMs / 1000) / 60) : null,
    highWaitMin: minutes(e.p90WaitMs),
    pWithinTarget: round2(e.pWithinTarget),
    serviceLevel: round2(e.serviceLevel),
    clearsInMin: minutes(e.clearsInMs),
  };
}

/** Whole minutes as every page shows a wait (seconds, then the minute begun): the board's "wait now" reads the same. */
export function minutes(ms: number): number | null {
  return Number.isFinite(ms) ? Math.ceil(Math.round(ms / 1000) / 60) : null;
}
function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
