/**
 * `@hallq/queue/infrastructure`: persistence and caching helpers and the database adapters of the domain's
 * ports, not domain. The lib's own repositories use the helpers and so does the api (bulk inserts of alerts,
 * the credentials cache); the api hands the adapters to QueueService. The domain's public face
 * (`@hallq/queue`, index.ts) does not carry them.
 */
export { insertRows } from './insert-rows';
export { fetchCurrent } from './cached-fetch';
export { issuingAdapters } from './issuing-adapters';
