import { LRUCache } from 'lru-cache';
import { HallEntity, ServiceCategoryEntity } from '../entities';
import { QueueError } from '../errors/queue-error';
import { fetchCurrent } from '../infrastructure/cached-fetch';
import { HallRepository } from './hall-repository';
import type { QueueEvents } from './queue-events';
import type { TransactionRunner } from './transaction-runner';

interface Entry {
  hall: HallEntity;
  byCode: Map<string, ServiceCategoryEntity>;
  byId?: Map<string, string>;
}

/**
 * A hall's configuration (hall row, categories by code) for the ticket-issue hot path. Changes made
 * through this process drop the entry at once; changes made by another instance when its event
 * arrives (the api calls `forget` from the cluster's event bus), and at worst within `ttlMs` (plus one
 * reload) without one.
 *
 * Concurrent misses share one reload, and an entry that has only aged is served while its reload runs:
 * with a plain expiring map, every request arriving in the reload's round trips reloaded too (64 kiosks
 * meant 128 extra queries each second, and a latency spike with them).
 */
export class HallConfigCache {
  private readonly halls = new HallRepository();
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    private readonly tx: TransactionRunner,
    events: QueueEvents,
    ttlMs = 1000,
  ) {
    this.entries = new LRUCache<string, Entry>({
      max: 10_000,
      ttl: ttlMs,
      allowStale: true,
      fetchMethod: (hallId) => this.read(hallId),
    });
    events.stream.subscribe((e) => {
      if (e.kind === 'hall') this.forget(e.hallId);
    });
  }

  /** Drops a hall's entry (also aborting a reload in flight, so what it read before the change is not kept). */
  forget(hallId: string): void {
    this.entries.delete(hallId);
  }

  async category(hallId: string, code: string): Promise<{ hall: HallEntity; category: ServiceCategoryEntity }> {
    const entry = await this.load(hallId);
    const category = entry.byCode.get(code);
    if (!category) throw new QueueError('CATEGORY_NOT_FOUND', { hallId, category: code });
    return { hall: entry.hall, category };
  }

  /** Category code by id (codes change rarely; a renamed code shows within `ttlMs` elsewhere). */
  async codeOf(hallId: string): Promise<(categoryId: string) => string | undefined> {
    const entry = await this.load(hallId);
    if (!entry.byId) entry.byId = new Map([...entry.byCode.values()].map((c) => [c.id, c.code]));
    const byId = entry.byId;
    return (id) => byId.get(id);
  }

  private load(hallId: string): Promise<Entry> {
    return fetchCurrent(this.entries, hallId);
  }

  private async read(hallId: string): Promise<Entry> {
    const em = this.tx.dataSource.manager;
    const hall = await this.halls.getHall(em, hallId);
    const cats = await this.halls.listCategories(em, hallId);
    return { hall, byCode: new Map(cats.map((c) => [c.code, c])) };
  }
}
