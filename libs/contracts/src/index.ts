export * from './errors';
export * from './error-messages';
export * from './live';
export * from './tickets';
export * from './reports';
export * from './alerts';
export * from './ratings';
