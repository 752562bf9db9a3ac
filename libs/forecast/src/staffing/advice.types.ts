/** Staffing advice: plain data for the manager page. Times epoch ms, durations ms. */
import type { StaffingEffect } from './staffing';

export interface CategoryAdvice {
  categoryId: string;
  /** Windows serving the category now (a window shared by k busy categories counts by load share). */
  current: number;
  /** Erlang A windows for the load now, the largest need over the next hour, and to clear the backlog. */
  needNow: number;
  needNextHour: number;
  needBacklog: number;
  /** Advised windows after hysteresis. */
  advised: number;
  waiting: number;
  arrivalsPerHour: number;
  /** Expected effect with the current windows and with the advised count. */
  before: StaffingEffect;
  after: StaffingEffect;
}

export interface ActionEffect {
  categoryId: string;
  before: StaffingEffect;
  after: StaffingEffect;
}

export type StaffingAction =
  | { kind: 'open'; windowId: string; categoryId: string; categoryIds: string[]; effects: ActionEffect[]; summary: string }
  | { kind: 'move'; windowId: string; fromCategoryId: string; categoryId: string; categoryIds: string[]; effects: ActionEffect[]; summary: string }
  | { kind: 'close'; windowId: string; categoryId: string; effects: ActionEffect[]; summary: string };

export interface StaffingAdvice {
  at: number;
  categories: CategoryAdvice[];
  actions: StaffingAction[];
  /** Categories still short after every possible action (no window left to open or move). */
  unmet: { categoryId: string; windows: number }[];
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
