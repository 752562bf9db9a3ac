// Public API of @hallq/forecast. Everything a caller may use is exported from here, nothing else.
export * from './random/prng';
export * from './queueing/erlang';
export { gammaP, gammaCdfMeanVar, gammaQuantileMeanVar, logGamma, normalCdf } from './queueing/special-functions';
export type * from './hall/routing.types';
export type * from './hall/hall.types';
export * from './simulator/hall-simulator';
export { referenceRoutingRule } from './testing/reference-routing-rule';
