/**
 * `@hallq/queue/infrastructure`: persistence and caching helpers, not domain. The lib's own repositories
 * use them and so does the api (bulk inserts of alerts, the credentials cache); the domain's public face
 * (`@hallq/queue`, index.ts) does not carry them.
 */
export { insertRows } from './insert-rows';
export { fetchCurrent } from './cached-fetch';
