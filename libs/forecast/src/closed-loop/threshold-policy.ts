/**
 * The staffing rule halls and peer products use: when a category's line per open window serving it
 * passes `openAbove`, open a spare window for it; when every category a spare window serves is below
 * `closeBelow` per open window, close it again. The windows open as scheduled stay open (at a line of
 * zero the rule would otherwise close them however busy their clerks are). One opening per category
 * and one closing per hall at a decision; the manager's reaction delay does the rest.
 */
import { freeWindowFor, type PolicyView, type StaffingPolicy, type WindowCommand } from './closed-loop';

export interface ThresholdRule {
  /** Open a window when waiting / open windows of a category exceeds this. */
  openAbove: number;
  /** Close a window when waiting / open windows is below this for every category it serves. */
  closeBelow: number;
}

/** The rule as a policy: the windows open at its first decision are the schedule it keeps. */
export function thresholdPolicy(rule: ThresholdRule): StaffingPolicy {
  let scheduled: Set<string> | null = null;
  return {
    decide(view) {
      scheduled ??= new Set(view.hall.windows.filter((w) => w.state === 'open').map((w) => w.id));
      return thresholdCommands(view, rule, scheduled);
    },
  };
}

/** The rule's commands now; `scheduled`: windows it never closes. */
export function thresholdCommands(view: PolicyView, rule: ThresholdRule, scheduled: ReadonlySet<string>): WindowCommand[] {
  const { hall, onBreak } = view;
  const open = hall.windows.filter((w) => w.state === 'open');
  const waiting = new Map<string, number>();
  for (const t of hall.waiting) waiting.set(t.categoryId, (waiting.get(t.categoryId) ?? 0) + 1);
  const serving = (k: string) => open.filter((w) => w.categoryIds.includes(k)).length;
  const perWindow = (k: string) => {
    const n = waiting.get(k) ?? 0;
    const c = serving(k);
    return c ? n / c : n > 0 ? Infinity : 0;
  };
  const out: WindowCommand[] = [];
  const used = new Set<string>();
  const busiest = hall.categories.map((c) => c.id).sort((a, b) => perWindow(b) - perWindow(a));
  let clerks = view.staffOnDuty - open.length; // a clerk free to sit at each window opened
  for (const k of busiest) {
    if (clerks <= 0) break;
    if (!(perWindow(k) > rule.openAbove)) continue;
    const spare = freeWindowFor(view, k, used);
    if (!spare) break;
    used.add(spare.windowId);
    clerks--;
    out.push(spare);
  }
  if (out.length) return out;
  // Close the narrowest spare window, latest in the hall's order first, whose every category is quiet and keeps a window.
  const closable = open
    .filter((w) => !scheduled.has(w.id) && !onBreak.has(w.id) && w.categoryIds.length > 0)
    .filter((w) => w.categoryIds.every((k) => serving(k) >= 2 && perWindow(k) < rule.closeBelow));
  const pick = closable.sort((x, y) => x.categoryIds.length - y.categoryIds.length || hall.windows.indexOf(y) - hall.windows.indexOf(x))[0];
  return pick ? [{ kind: 'close', windowId: pick.id }] : [];
}
