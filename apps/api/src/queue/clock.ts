/**
 * The injection token for the queue's Clock (libs/queue): the system clock in production, a settable
 * one in tests (test/support/test-app.ts overrides it). Provided by QueueModule.
 */
export const CLOCK = Symbol('CLOCK');
