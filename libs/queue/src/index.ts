export * from './errors/queue-error';
export * from './clock/clock';
export * from './routing/routing-rule.types';
export * from './routing/routing-rule';
export * from './ticket/ticket-state';
export * as lifecycle from './ticket/lifecycle';
export * from './window/window-lifecycle';
export * from './numbering/numbering';
export * from './hall/opening-hours';
export * from './alerts/escalation';
export * from './alerts/alert-text';
export * from './alerts/wanted-alerts';
export * from './alerts/reconcile';
export * from './entities';
export * from './migrations';
export * from './service/views';
export * from './service/queue-events';
export * from './service/queue.service';
export * from './service/hall-admin.service';
// Infrastructure, also in `@hallq/queue/infrastructure`: here only until ratings, reports, auth and forecast
// import it from there (issue 16; their files belong to other steps). Then these two lines go.
export { TransactionRunner, isUniqueViolation } from './service/transaction-runner';
export { requireHall } from './service/hall-repository';
