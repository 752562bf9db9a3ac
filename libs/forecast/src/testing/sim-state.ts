/** Test helper: the hall snapshot at `now` from a simulation's ticket records. */
import type { CategorySnapshot, HallSnapshot, WindowSnapshot } from '../hall/hall.types';
import type { SimResult } from '../simulator/hall-simulator';

export function snapshotAt(res: SimResult, now: number, categories: CategorySnapshot[], windows: WindowSnapshot[]): HallSnapshot {
  const waiting = res.tickets.filter(
    (t) => t.issuedAt <= now && !(t.calledAt !== undefined && t.calledAt <= now) && !(t.abandonedAt !== undefined && t.abandonedAt <= now),
  );
  const serving = res.tickets.filter((t) => t.calledAt !== undefined && t.calledAt <= now && (t.serviceEnd === undefined || t.serviceEnd > now));
  return {
    categories,
    windows,
    waiting: waiting.map((t) => ({ id: t.id, categoryId: t.categoryId, priority: t.priority, issuedAt: t.issuedAt })),
    serving: serving.map((t) => ({ id: t.id, categoryId: t.categoryId, windowId: t.windowId as string, startedAt: t.serviceStart as number })),
  };
}
