/** What the manager page reads from the REST api (OpenAPI at /api/docs-json). */
export interface StateTicket {
  id: string;
  number: string;
  category: string;
  priority: 'normal' | 'priority';
  status: string;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
}

export interface HallStateView {
  at: number;
  hall: { id: string; name: string; serviceDay: string; isOpen: boolean; timeZone: string };
  lines: {
    category: { code: string; prefix: string; nameZh: string; nameEn: string; targetWaitSec: number; active: boolean };
    waiting: number;
    openWindows: number;
    waitNow: { expectedSec: number; lowSec: number; highSec: number } | null;
  }[];
  windows: { id: string; label: string; state: string; pauseReason: string | null; categories: string[]; current: StateTicket | null }[];
}

/** GET /api/halls/:hallId/board: the hall now with today's figures and the next hour's forecast. */
export interface Board {
  at: number;
  hall: { id: string; name: string; serviceDay: string; isOpen: boolean; timeZone: string };
  windows: {
    id: string; label: string; state: string; pauseReason: string | null; categories: string[];
    current: { number: string; category: string; status: string; calledAt: number | null; startedAt: number | null } | null;
    inServiceSec: number | null; servedToday: number; openSecToday: number; busySecToday: number; utilizationToday: number | null;
  }[];
  categories: {
    code: string; prefix: string; nameZh: string; nameEn: string; waiting: number; openWindows: number;
    waitNow: { expectedSec: number; lowSec: number; highSec: number } | null; targetWaitSec: number;
    calledToday: number; waitP50TodaySec: number | null; waitP90TodaySec: number | null;
    forecastNextHour: { arrivals: number; arrivalsPerHourNow: number } | null;
  }[];
}

/** GET /api/halls/:hallId/board/today: today's line and wait per category, and the next hour's forecast. */
export interface Today {
  at: number;
  from: number;
  stepSec: number;
  hall: { id: string; timeZone: string; serviceDay: string };
  categories: {
    code: string; prefix: string; nameZh: string; nameEn: string; targetWaitSec: number;
    actual: { at: number; waiting: number; waitSec: number | null; called: number }[];
    forecast: { at: number; waiting: number; waitSec: number | null }[];
  }[];
}

/**
 * A category under one setup of the windows: whole open windows and the forecaster's wait (the board's
 * "wait now" for the hall as it is); serviceLevel and clearsInMin are steady-state staffing figures.
 */
export interface Effect { windows: number; expectedWaitMin: number | null; serviceLevel: number; clearsInMin?: number | null; pWithinTarget?: number }
export interface Texts { zh: string; en: string }

export interface AdviceAction {
  kind: 'open' | 'move' | 'close';
  windowId: string;
  windowLabel: string;
  category: string;
  fromCategory?: string;
  /** The window's whole work profile after the action: what Apply sets. */
  categories?: string[];
  message: Texts;
}

/** Today's staff: windows in the hall, clerks on duty (set by the manager, else one per window), open and spare. */
export interface Staff { windowsInHall: number; clerksOnDuty: number; open: number; spare: number; clerksSetToday: boolean }

export interface Advice {
  at: number;
  staff?: Staff;
  categories: {
    category: string; current: number; advised: number; waiting: number; before: Effect; after: Effect; short?: number;
    headline: Texts | null;
    /** more / fewer windows (with the actions listed), or short: more than the hall can staff. */
    headlineKind?: 'more' | 'fewer' | 'short' | null;
  }[];
  actions: AdviceAction[];
}

/** An alert (REST and the manager feed): the wire contract's. */
export type { AlertBody as Alert } from '@hallq/contracts';

export interface WhatIfResult {
  categories: {
    category: string;
    before: Effect & { predictedWaitMin: number | null; pWithinTarget: number };
    after: Effect & { predictedWaitMin: number | null; pWithinTarget: number };
  }[];
}

/** GET /api/halls/:hallId/plan: windows each category needs per half hour of a coming day. */
export interface DayPlan {
  date: string;
  stepMinutes: number;
  windowsInHall: number;
  peakWindows: number;
  slots: { start: number; local: string; totalWindows: number; categories: { category: string; arrivalsPerHour: number; windows: number }[] }[];
}
