import type { LRUCache } from 'lru-cache';

/** lru-cache fails the waiters of a fetch whose entry was dropped meanwhile with these reasons. */
const DROPPED = new Set(['deleted', 'evicted', 'replaced']);

/**
 * `cache.fetch(key)`, fetched again when the entry was dropped while the fetch ran (an invalidation
 * arriving mid-read): those waiters then get what was read after the change, not an error.
 */
export async function fetchCurrent<K extends {}, V extends {}>(cache: LRUCache<K, V>, key: K): Promise<V> {
  for (let attempt = 1; ; attempt++) {
    try {
      const v = await cache.fetch(key);
      if (v !== undefined) return v;
      if (attempt >= 3) throw new Error(`no value could be fetched for ${String(key)}`);
    } catch (e) {
      const dropped = e instanceof Error && e.constructor === Error && DROPPED.has(e.message);
      if (!dropped || attempt >= 3) throw e;
    }
  }
}
