/**
 * `@hallq/queue/infrastructure`: the database and caching side of the lib, not domain: the transaction
 * runner, the database adapters of the domain's ports, and helpers the lib's repositories use and so does
 * the api (bulk inserts of alerts, the credentials cache, the one "hall exists" check, unique-index
 * violations). The api builds QueueService from the runner and the adapters.
 */
export { insertRows } from './insert-rows';
export { fetchCurrent } from './cached-fetch';
export { issuingAdapters } from './issuing-adapters';
export { TransactionRunner, isUniqueViolation } from '../service/transaction-runner';
export { requireHall } from '../service/hall-repository';
