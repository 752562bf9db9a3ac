// Public API of @hallq/forecast. Everything a caller may use is exported from here, nothing else.
export * from './random/prng';
export * from './queueing/erlang';
export { gammaP, gammaCdfMeanVar, gammaQuantileMeanVar, logGamma, normalCdf } from './queueing/special-functions';
export type * from './hall/routing.types';
export type * from './hall/hall.types';
export * from './simulator/hall-simulator';
export { referenceRoutingRule } from './testing/reference-routing-rule';
export * from './estimators/arrival-rate.estimator';
export * from './estimators/service-time.estimator';
export * from './estimators/abandonment.estimator';
export * from './estimators/wait-calibrator';
export * from './predict/queue-length.predictor';
export { rawPredictions, type LineModel, type RawWait, type RawPredictions } from './predict/fast-path';
export type * from './predict/prediction.types';
export { Forecaster, createForecaster, summarize, type ForecasterOptions } from './forecaster';
export { monteCarlo, sampleStats, type MonteCarloInput, type MonteCarloModel, type MonteCarloResult } from './predict/monte-carlo';
