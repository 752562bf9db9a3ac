/**
 * How a simulated day went for the citizens, from its ticket records. Waits are offered waits: until
 * the call, or for a ticket that left, until the window would have called it (the simulator times it
 * when the rule reaches it), so a day is not made to look better by people giving up.
 */
import type { SimTicket } from '../simulator/hall-simulator';

export interface DayMetrics {
  tickets: number;
  /** Share of tickets whose offered wait was within their category's target. */
  withinTarget: number;
  /** Whether `withinTarget` reached the target share. */
  meetsTarget: boolean;
  /** Whether every category on its own reached the target share. */
  everyCategoryMeets: boolean;
  meanWaitMs: number;
  p90WaitMs: number;
  /** Share of tickets that left before being called. */
  abandoned: number;
  /** Offered waits, ms (for pooling over days). */
  waitsMs: number[];
}

/** A ticket's offered wait; Infinity when it left and no window ever reached it. */
export function offeredWaitMs(t: SimTicket): number {
  const end = t.calledAt ?? t.offeredCallAt;
  return end === undefined ? Infinity : end - t.issuedAt;
}

export function dayMetrics(tickets: readonly SimTicket[], targetWaitMs: Record<string, number>, targetShare = 0.9): DayMetrics {
  const waits = tickets.map(offeredWaitMs);
  const within = (i: number) => waits[i] <= (targetWaitMs[tickets[i].categoryId] ?? Infinity);
  const byCat = new Map<string, { n: number; ok: number }>();
  tickets.forEach((t, i) => {
    const c = byCat.get(t.categoryId) ?? { n: 0, ok: 0 };
    c.n++;
    if (within(i)) c.ok++;
    byCat.set(t.categoryId, c);
  });
  const ok = tickets.reduce((a, _t, i) => a + (within(i) ? 1 : 0), 0);
  const share = tickets.length ? ok / tickets.length : 1;
  // A wait never ended (no window reached the ticket) counts as the longest seen, for the mean.
  const finite = waits.filter(Number.isFinite);
  const longest = finite.length ? Math.max(...finite) : 0;
  const w = waits.map((x) => (Number.isFinite(x) ? x : longest));
  return {
    tickets: tickets.length,
    withinTarget: share,
    meetsTarget: share >= targetShare,
    everyCategoryMeets: [...byCat.values()].every((c) => c.ok / c.n >= targetShare),
    meanWaitMs: w.length ? w.reduce((a, b) => a + b, 0) / w.length : 0,
    p90WaitMs: quantile(w, 0.9),
    abandoned: tickets.length ? tickets.filter((t) => t.abandonedAt !== undefined).length / tickets.length : 0,
    waitsMs: w,
  };
}

/** The first moment some ticket of the category had waited longer than the target; null if none did. */
export function linePassedTargetAt(tickets: readonly SimTicket[], categoryId: string, targetWaitMs: number): number | null {
  let first = Infinity;
  for (const t of tickets) {
    if (t.categoryId === categoryId && offeredWaitMs(t) > targetWaitMs) first = Math.min(first, t.issuedAt + targetWaitMs);
  }
  return Number.isFinite(first) ? first : null;
}

/** The q-quantile (nearest rank) of xs; 0 for none. */
export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
