/** Staffing advice: plain data for the manager page. Times epoch ms, durations ms. */
import type { StaffingEffect } from './staffing';

/**
 * A category under one setup of the hall's windows. `windows`, `expectedWaitMs`, `p10WaitMs`, `p90WaitMs` and
 * `pWithinTarget` are the forecaster's category prediction for that setup (the board's "wait now" for the hall
 * as it is; a what-if for a changed one). `serviceLevel` and `clearsInMs` are steady-state staffing figures
 * (Erlang A, and a fluid drain at the arrival rate now), not predictions.
 */
export interface PredictedEffect extends StaffingEffect {
  /** Open windows whose work profile includes the category: whole windows. */
  windows: number;
  p10WaitMs: number;
  p90WaitMs: number;
  pWithinTarget: number;
}

export interface CategoryAdvice {
  categoryId: string;
  /** Open windows serving the category now (whole windows; a shared window counts for each of its categories). */
  current: number;
  /** The share of open windows' time the staffing model gives the category (a shared window split by load). */
  currentShare: number;
  /** Erlang A windows for the load now, the largest need over the next hour, and to clear the backlog. */
  needNow: number;
  needNextHour: number;
  needBacklog: number;
  /** Advised windows after hysteresis (a staffing figure: may exceed what the hall can staff). */
  advised: number;
  waiting: number;
  arrivalsPerHour: number;
  /** The forecaster's expected arrivals over the next hour. */
  arrivalsNextHour: number;
  /** The category now (the board's wait now), and with every advised action applied together. */
  before: PredictedEffect;
  after: PredictedEffect;
  /** Windows still short after every action the hall allows (0 when the advice meets the need). */
  short: number;
}

export interface ActionEffect {
  categoryId: string;
  before: PredictedEffect;
  after: PredictedEffect;
}

/**
 * One window change. `categoryIds` is the window's whole work profile after it (open and move); `effects`
 * are the forecaster's predictions for the hall with this one change made (a what-if of exactly it).
 */
export type StaffingAction =
  | { kind: 'open'; windowId: string; categoryId: string; categoryIds: string[]; effects: ActionEffect[]; summary: string }
  | {
      kind: 'move'; windowId: string; fromCategoryId: string; fromCategoryIds: string[]; categoryId: string; categoryIds: string[];
      effects: ActionEffect[]; summary: string;
    }
  | { kind: 'close'; windowId: string; categoryId: string; effects: ActionEffect[]; summary: string };

/** What the hall can staff today: windows, clerks on duty, open now, and spare clerks for closed windows. */
export interface StaffLimits {
  windowsInHall: number;
  clerksOnDuty: number;
  open: number;
  spare: number;
}

export interface StaffingAdvice {
  at: number;
  categories: CategoryAdvice[];
  actions: StaffingAction[];
  /** Categories still short after every possible action (no window left to open or move, or no clerk to staff it). */
  unmet: { categoryId: string; windows: number }[];
  staff: StaffLimits;
}

/** A change a manager proposes: window states and/or work profiles. */
export interface WhatIfChange {
  windows: { windowId: string; state?: 'open' | 'paused' | 'closed'; categoryIds?: string[] }[];
}

export interface WhatIfResult {
  categories: {
    categoryId: string;
    before: StaffingEffect & { predictedWaitMs: number; pWithinTarget: number };
    after: StaffingEffect & { predictedWaitMs: number; pWithinTarget: number };
  }[];
}
