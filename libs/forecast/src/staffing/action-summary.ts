/**
 * The one-line English summary a staffing action carries (`StaffingAction.summary`), for logs, the
 * benchmark example and tools. The manager page's zh/en words are the api's (apps/api/src/staffing/advice-text.ts).
 */
import type { ActionEffect } from './advice.types';

const MIN = 60_000;

/** "K 1 -> 2 windows, expected wait 40 -> 12 min". */
export function describeEffect(e: ActionEffect): string {
  return `${e.categoryId} ${windowsText(e.before.windows)} -> ${windowsText(e.after.windows)} windows, ` +
    `expected wait ${minutesText(e.before.expectedWaitMs)} -> ${minutesText(e.after.expectedWaitMs)} min`;
}

/** The summary of one action: what to do and the window's whole profile after it, then each category's effect. */
export function actionSummary(
  a: { kind: 'open' | 'move' | 'close'; windowId: string; categoryId: string; fromCategoryIds?: string[]; categoryIds?: string[] },
  effects: ActionEffect[],
): string {
  const serves = a.categoryIds?.length ? ` (serves ${a.categoryIds.join(', ')}${a.categoryIds.length === 1 ? ' only' : ''})` : '';
  const what = a.kind === 'open' ? `Open window ${a.windowId} for ${a.categoryId}${serves}`
    : a.kind === 'move' ? `Move window ${a.windowId} from ${(a.fromCategoryIds ?? []).join(', ')} to ${a.categoryId}${serves}`
      : `Close window ${a.windowId} (${a.categoryId})`;
  return `${what}: ${effects.map(describeEffect).join('; ')}`;
}

/** Whole windows as "2", shares as "1.5". */
export function windowsText(x: number): string {
  return Math.abs(x - Math.round(x)) < 0.05 ? String(Math.round(x)) : x.toFixed(1);
}

/** Whole minutes, or "inf" for a wait that never ends. */
export function minutesText(ms: number): string {
  return Number.isFinite(ms) ? String(Math.round(ms / MIN)) : 'inf';
}
