export * from './errors';
export * from './error-messages';
export * from './live';
