// Public API of @hallq/forecast. Everything a caller may use is exported from here, nothing else.
export * from './random/prng';
export * from './queueing/erlang';
export { erf, gammaP, gammaCdfMeanVar, gammaQuantileMeanVar, logGamma, normalCdf } from './queueing/special-functions';
export type * from './hall/routing.types';
export type * from './hall/hall.types';
export * from './simulator/hall-simulator';
export { referenceRoutingRule } from './testing/reference-routing-rule';
export * from './estimators/arrival-rate.estimator';
export * from './estimators/service-time.estimator';
export * from './estimators/abandonment.estimator';
export * from './estimators/wait-calibrator';
export * from './predict/queue-length.predictor';
export { rawPredictions, rawPredictionsSteps, type LineModel, type RawWait, type RawPredictions } from './predict/fast-path';
export type * from './predict/prediction.types';
export { projectLine, type LineProjectionInput, type LinePoint } from './predict/line-projection';
export { Forecaster, createForecaster, type ForecasterOptions } from './forecaster';
export { summarize, summarizeSamples } from './predict/wait-distribution';
export { runSteps } from './predict/steps';
export { monteCarlo, monteCarloSteps, sampleStats, type MonteCarloInput, type MonteCarloModel, type MonteCarloResult } from './predict/monte-carlo';
export * from './staffing/staffing';
export * from './staffing/hysteresis';
export {
  adviseStaffing, adviseStaffingSteps, applyWhatIf, openWindowsOf, staffingSupply, staffLimits, whatIfEffects, windowChange, windowShares,
  type AdviceLimits, type CategoryLoads, type PredictCategories, type PredictCategoriesSteps,
} from './staffing/staffing-advisor';
export { planChanges, type PlanCategory, type PlannedChange, type PlanInput } from './staffing/action-planner';
export { actionSummary, describeEffect } from './staffing/action-summary';
export type * from './staffing/advice.types';
export { planDay, type DayPlanSlot, type PlanCategoryInput } from './staffing/day-plan';
export * from './closed-loop/closed-loop';
export * from './closed-loop/threshold-policy';
export * from './closed-loop/advice-policy';
export * from './closed-loop/day-metrics';
