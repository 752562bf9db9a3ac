/**
 * The window changes that bring each category to the windows it is advised, within what the hall can
 * staff: first windows moved from categories within their target that keep enough without them (no
 * extra clerk), then closed or paused windows opened while clerks on duty are spare. Whatever is still
 * short is reported as unmet, never advised. An opened or moved window serves the one category it is
 * for, so it adds one whole window to it. Windows close only when nothing is to be opened. Pure.
 */
import type { HallSnapshot } from '../hall/hall.types';

export interface PlanCategory {
  categoryId: string;
  /** Advised windows (Erlang, after hysteresis). */
  advised: number;
  /** Whether anyone waits or is expected over the next hour: no window goes to a category nobody needs. */
  needed: boolean;
  /** The predicted wait now is within the target: its windows may be lent to another category. */
  withinTarget: boolean;
  /** Predicted wait now relative to the target: the most urgent category is served first. */
  urgency: number;
  waiting: number;
  /** No more arrivals expected and its line clears with the windows open: its windows stay as they are. */
  ending?: boolean;
}

export type PlannedChange =
  | { kind: 'open'; windowId: string; categoryId: string; categoryIds: string[] }
  | { kind: 'move'; windowId: string; categoryId: string; categoryIds: string[]; fromCategoryIds: string[] }
  | { kind: 'close'; windowId: string; categoryId: string };

export interface PlanInput {
  state: HallSnapshot;
  categories: PlanCategory[];
  /** Each open window's time per category (a shared window split by load). */
  shares: Map<string, Map<string, number>>;
  /** Clerks on duty not at an open window: how many closed or paused windows may open. */
  spareClerks: number;
}

/** Slack below a whole window a deficit tolerates (a share of 0.8 for 1 advised is not short). */
const SLACK = 0.25;
/** A line no window serves has an endless predicted wait: it counts as this many times its target. */
const MAX_URGENCY = 10;

export function planChanges(input: PlanInput): { changes: PlannedChange[]; unmet: { categoryId: string; windows: number }[] } {
  const { state, shares } = input;
  const byId = new Map(input.categories.map((c) => [c.categoryId, c]));
  const have = new Map<string, number>(input.categories.map((c) => [c.categoryId, 0]));
  for (const s of shares.values()) for (const [c, x] of s) have.set(c, (have.get(c) ?? 0) + x);
  const want = (c: string) => byId.get(c)?.advised ?? 0;
  const deficit = (c: string) => Math.max(0, Math.ceil(want(c) - (have.get(c) ?? 0) - SLACK));
  const used = new Set<string>();
  const changes: PlannedChange[] = [];
  const unmet: { categoryId: string; windows: number }[] = [];
  let spare = Math.max(0, input.spareClerks);

  // A window can be lent when every category it serves is within target and keeps its advised windows without it.
  const lendable = (w: HallSnapshot['windows'][number], to: string) => {
    const s = shares.get(w.id);
    if (w.state !== 'open' || used.has(w.id) || !s || s.size === 0 || w.categoryIds.includes(to)) return false;
    if ([...s.keys()].some((c) => byId.get(c)?.ending)) return false;
    return [...s].every(([c, x]) => {
      // Every category keeps a window (a citizen may still come for it), and its advised count.
      return byId.get(c)?.withinTarget !== false && (have.get(c) ?? 0) - x >= Math.max(want(c), 1) - 1e-9;
    });
  };
  const slack = (w: HallSnapshot['windows'][number]) =>
    Math.min(...[...(shares.get(w.id) ?? new Map<string, number>())].map(([c, x]) => (have.get(c) ?? 0) - x - want(c)));

  // One window at a time to the line most urgent now: its wait against target, scaled down as it gains
  // windows (the wait falls about as capacity grows), so two short lines share what the hall has rather
  // than the first taking all of it and the second reading "cannot be met".
  const base = new Map(have);
  const score = (c: PlanCategory) => Math.min(c.urgency, MAX_URGENCY) * Math.max(base.get(c.categoryId) ?? 0, 0.5) / Math.max(have.get(c.categoryId) ?? 0, 0.5);
  const blocked = new Set<string>();
  for (;;) {
    const cat = input.categories
      .filter((c) => c.needed && !blocked.has(c.categoryId) && deficit(c.categoryId) > 0)
      .sort((a, b) => score(b) - score(a))[0];
    if (!cat) break;
    const k = cat.categoryId;
    const donor = state.windows.filter((w) => lendable(w, k)).sort((x, y) => slack(y) - slack(x))[0];
    if (donor) {
      const from = [...(shares.get(donor.id) as Map<string, number>)];
      changes.push({ kind: 'move', windowId: donor.id, categoryId: k, categoryIds: [k], fromCategoryIds: from.map(([c]) => c) });
      for (const [c, x] of from) have.set(c, (have.get(c) ?? 0) - x);
      used.add(donor.id);
    } else {
      const closed = state.windows
        .filter((w) => w.state !== 'open' && !used.has(w.id))
        // A closed window before a paused one: a paused window's clerk is on a break (lunch), a spare clerk is free now.
        .sort((x, y) => Number(x.state === 'paused') - Number(y.state === 'paused') || rankOf(x.categoryIds, k) - rankOf(y.categoryIds, k))[0];
      if (!closed || spare <= 0) {
        blocked.add(k);
        continue;
      }
      changes.push({ kind: 'open', windowId: closed.id, categoryId: k, categoryIds: [k] });
      spare--;
      used.add(closed.id);
    }
    have.set(k, (have.get(k) ?? 0) + 1);
  }
  for (const c of input.categories) if (c.needed && deficit(c.categoryId) > 0) unmet.push({ categoryId: c.categoryId, windows: deficit(c.categoryId) });
  // Closing while opening would send one clerk home and call another in: a move does both, so only close
  // when nothing opens; and never on a line (the waiting must fit the advised windows).
  if (!changes.some((c) => c.kind === 'open')) {
    for (const w of state.windows) {
      if (w.state !== 'open' || used.has(w.id) || w.categoryIds.length !== 1) continue;
      const c = w.categoryIds[0];
      const cat = byId.get(c);
      if (!cat || cat.ending || !cat.withinTarget || cat.waiting > want(c)) continue;
      if ((have.get(c) ?? 0) - 1 < Math.max(1, want(c))) continue;
      changes.push({ kind: 'close', windowId: w.id, categoryId: c });
      have.set(c, (have.get(c) ?? 0) - 1);
      used.add(w.id);
    }
  }
  return { changes, unmet };
}

function rankOf(ids: string[], k: string): number {
  const i = ids.indexOf(k);
  return i < 0 ? 100 + ids.length : i;
}
