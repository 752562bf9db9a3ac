import type {
  AdviceLimits, CategoryPrediction, CategorySnapshot, DayPlanSlot, Forecaster, HallSnapshot, StaffingAdvice, WhatIfChange, WhatIfResult,
} from '@hallq/forecast';
import { DEFAULT_MAX_PRIORITY_STREAK, type HallState } from '@hallq/queue';
import { runInSlices } from '../common/scheduling/run-in-slices';
import { forecastWait, type WaitEstimate } from '../waits/wait-estimator';
import { hallSnapshotOf } from './forecast-events';
import type { Predictions } from './hall-forecast.types';

/** The advice holds the event loop at most about this long at a time. */
const ADVICE_SLICE_MS = 4;

/**
 * One hall's forecast read at one moment (`at`, the hall state's time): every answer (a ticket's wait,
 * a line's wait now, the next hour's arrivals, advice, a what-if, a day plan) comes from the same
 * forecaster state and the same hall. Made by HallForecastService.snapshot; the forecaster stays inside.
 */
export class HallForecastSnapshot {
  readonly #forecaster: Forecaster;
  #view: HallSnapshot | null = null;

  constructor(
    forecaster: Forecaster,
    /** The hall as read for this snapshot. */
    readonly state: HallState,
    /** The last whole-hall prediction (made at predictions.at), if any. */
    readonly predictions: Predictions | null,
  ) {
    this.#forecaster = forecaster;
  }

  get at(): number {
    return this.state.at;
  }

  /** A waiting ticket's remaining wait; undefined when it was not in the last prediction, null when no window serves it. */
  estimate(ticketId: string): WaitEstimate | null | undefined {
    const t = this.predictions?.tickets.get(ticketId);
    return t ? forecastWait(t, this.at - this.predictions!.at) : undefined;
  }

  /** The wait of a ticket taken now in the category; undefined before the first prediction, null when no window serves it. */
  waitNow(categoryId: string): WaitEstimate | null | undefined {
    const c = this.predictions?.categories.get(categoryId);
    return c ? forecastWait(c, this.at - this.predictions!.at) : undefined;
  }

  /** The last prediction for the category (line, wait, arrivals now and over the next hour, mean service). */
  category(categoryId: string): CategoryPrediction | null {
    return this.predictions?.categories.get(categoryId) ?? null;
  }

  /** Forecast arrivals per hour for `steps` steps of `stepMs` from now. */
  arrivalsForecast(categoryId: string, steps: number, stepMs: number): number[] {
    return this.#forecaster.arrivalsForecast(categoryId, this.at, steps, stepMs, this.at);
  }

  /**
   * Staffing advice for the hall now within `limits` (clerks on duty); advances the hall's advice hysteresis.
   * In slices: it makes a prediction per action (a few hundred ms on a long shared line), and the requests
   * around it keep half the event loop.
   */
  async advise(limits: AdviceLimits = {}): Promise<StaffingAdvice> {
    return (await runInSlices(this.#forecaster.adviseSteps(this.view(), this.at, limits), ADVICE_SLICE_MS, 0.5)).value;
  }

  /** The effect of a proposed change of window states or work profiles, before and after. */
  whatIf(change: WhatIfChange): WhatIfResult {
    return this.#forecaster.whatIf(this.view(), change, this.at);
  }

  /** The window plan per slot from `from` to `to` (a coming day), from the weekday-and-slot history. */
  plan(categories: CategorySnapshot[], from: number, to: number): DayPlanSlot[] {
    return this.#forecaster.planDay(categories, from, to);
  }

  private view(): HallSnapshot {
    return (this.#view ??= hallSnapshotOf(this.state, DEFAULT_MAX_PRIORITY_STREAK));
  }
}
