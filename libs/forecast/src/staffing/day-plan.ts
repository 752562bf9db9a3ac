import { windowsRequired } from '../queueing/erlang';
import { modifiedOfferedLoad } from './staffing';


/** What the plan needs to know of a category: its history-based arrival profile and fitted service. */
export interface PlanCategoryInput {
  categoryId: string;
  /** Expected arrivals per hour at the start of each slot (from the weekday-and-slot profile). */
  arrivalsPerHour: number[];
  meanServiceMs: number;
  serviceCv: number;
  meanPatienceMs: number;
  targetWaitMs: number;
  targetShare: number;
}

export interface DayPlanSlot {
  start: number;
  /** Per category: expected arrivals per hour and windows needed for the target in that slot. */
  categories: { categoryId: string; arrivalsPerHour: number; windows: number }[];
  /** Sum over categories (windows dedicated per category; shared profiles can do with fewer). */
  totalWindows: number;
}

/**
 * Windows needed per slot for a coming day: the lagged (modified) offered load of each slot's expected
 * arrivals, then the fewest windows meeting the target under Erlang A. Pure.
 */
export function planDay(from: number, stepMs: number, categories: PlanCategoryInput[]): DayPlanSlot[] {
  const steps = Math.max(0, ...categories.map((c) => c.arrivalsPerHour.length));
  const perCategory = categories.map((c) => {
    const rates = c.arrivalsPerHour.map((r) => (Number.isFinite(r) && r > 0 ? r : 0));
    const s = c.meanServiceMs;
    const mol = modifiedOfferedLoad(rates.length ? rates : [0], stepMs, s, c.serviceCv);
    return rates.map((r, i) => ({
      categoryId: c.categoryId,
      arrivalsPerHour: Math.round(r * 10) / 10,
      windows:
        mol[i] <= 0
          ? 0
          : windowsRequired({ arrivalRate: mol[i] / s, meanService: s, meanPatience: c.meanPatienceMs, target: c.targetWaitMs, serviceLevel: c.targetShare }),
    }));
  });
  return Array.from({ length: steps }, (_, i) => {
    const cats = perCategory.map((p) => p[i]).filter((x) => x !== undefined);
    return { start: from + i * stepMs, categories: cats, totalWindows: cats.reduce((n, c) => n + c.windows, 0) };
  });
}

