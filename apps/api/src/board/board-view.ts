import type { HallState } from '@hallq/queue';
import type { DayFigures } from '../reports/day-report';
import type { WaitEstimate } from '../waits/wait-estimator';

/*
 * The manager's board, put together from what the api already knows: the hall now (queue state), today
 * so far (the day report of the current service day) and the forecaster's next hour. Pure: no database,
 * no clock (`state.at` is now), so a known small day is checked figure by figure.
 */

export interface BoardWindow {
  id: string;
  label: string;
  state: string;
  pauseReason: string | null;
  categories: string[];
  current: { number: string; category: string; status: string; calledAt: number | null; startedAt: number | null } | null;
  /** Seconds since the current ticket was started (serving) or called (called); null with no ticket. */
  inServiceSec: number | null;
  servedToday: number;
  openSecToday: number;
  busySecToday: number;
  /** Busy share of today's open time, 0-1; null when the window has not been open today. */
  utilizationToday: number | null;
}

export interface BoardCategory {
  code: string;
  prefix: string;
  nameZh: string;
  nameEn: string;
  waiting: number;
  openWindows: number;
  /** Wait for a ticket taken now (the same figure as the hall screen and GET /state). */
  waitNow: WaitEstimate | null;
  targetWaitSec: number;
  /** Today's tickets of this category called so far: issue to first call, p50 and p90 (s). */
  calledToday: number;
  waitP50TodaySec: number | null;
  waitP90TodaySec: number | null;
  /** The forecaster's next hour: arrivals expected, and the arrival rate now (per hour). */
  forecastNextHour: { arrivals: number; arrivalsPerHourNow: number } | null;
}

export interface Board {
  at: number;
  hall: { id: string; name: string; timeZone: string; serviceDay: string; isOpen: boolean };
  windows: BoardWindow[];
  categories: BoardCategory[];
}

export interface BoardInput {
  state: HallState;
  today: DayFigures;
  waitNow(line: HallState['lines'][number]): WaitEstimate | null;
  /** The forecaster's category prediction by category id, when it has one. */
  forecast(categoryId: string): { arrivalsNextHour: number; arrivalsPerHour: number } | null;
}

export function buildBoard({ state, today, waitNow, forecast }: BoardInput): Board {
  const now = state.at;
  const usage = new Map(today.windows.map((w) => [w.windowId, w]));
  const waits = new Map(today.categories.map((c) => [c.category, c]));
  return {
    at: now,
    hall: { id: state.hall.id, name: state.hall.name, timeZone: state.hall.timeZone, serviceDay: state.hall.serviceDay, isOpen: state.hall.isOpen },
    windows: state.windows.map((w) => {
      const u = usage.get(w.id);
      const c = w.current;
      const since = c ? (c.status === 'serving' ? c.startedAt : c.calledAt) : null;
      return {
        id: w.id, label: w.label, state: w.state, pauseReason: w.pauseReason, categories: w.categories,
        current: c ? { number: c.number, category: c.category, status: c.status, calledAt: c.calledAt, startedAt: c.startedAt } : null,
        inServiceSec: since === null ? null : Math.max(0, Math.round((now - since) / 1000)),
        servedToday: u?.served ?? 0,
        openSecToday: u?.openSec ?? 0,
        busySecToday: u?.busySec ?? 0,
        utilizationToday: u?.utilization ?? null,
      };
    }),
    categories: state.lines.map((l) => {
      const w = waits.get(l.category.code);
      const f = forecast(l.category.id);
      return {
        code: l.category.code, prefix: l.category.prefix, nameZh: l.category.nameZh, nameEn: l.category.nameEn,
        waiting: l.waiting, openWindows: l.openWindows, waitNow: waitNow(l), targetWaitSec: l.category.targetWaitSec,
        calledToday: w?.wait.count ?? 0, waitP50TodaySec: w?.wait.p50Sec ?? null, waitP90TodaySec: w?.wait.p90Sec ?? null,
        forecastNextHour: f ? { arrivals: round1(f.arrivalsNextHour), arrivalsPerHourNow: round1(f.arrivalsPerHour) } : null,
      };
    }),
  };
}

function round1(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 10) / 10 : 0;
}
