import { performance } from 'node:perf_hooks';
import { HallEntity, ServiceCategoryEntity } from '../entities';
import { QueueError } from '../errors/queue-error';
import { HallRepository } from './hall-repository';
import type { QueueEvents } from './queue-events';
import type { TransactionRunner } from './transaction-runner';

interface Entry {
  loadedAt: number;
  hall: HallEntity;
  byCode: Map<string, ServiceCategoryEntity>;
  byId?: Map<string, string>;
}

/**
 * A hall's configuration (hall row, categories by code) for the ticket-issue hot path. Changes made
 * through this process drop the entry at once; changes made by another instance show within `ttlMs`.
 */
export class HallConfigCache {
  private readonly entries = new Map<string, Entry>();
  private readonly halls = new HallRepository();

  constructor(
    private readonly tx: TransactionRunner,
    events: QueueEvents,
    private readonly ttlMs = 1000,
  ) {
    events.stream.subscribe((e) => {
      if (e.kind === 'hall') this.entries.delete(e.hallId);
    });
  }

  async category(hallId: string, code: string): Promise<{ hall: HallEntity; category: ServiceCategoryEntity }> {
    const entry = await this.load(hallId);
    const category = entry.byCode.get(code);
    if (!category) throw new QueueError('CATEGORY_NOT_FOUND', `Hall has no service category "${code}".`, { hallId, category: code });
    return { hall: entry.hall, category };
  }

  /** Category code by id (codes change rarely; a renamed code shows within `ttlMs` elsewhere). */
  async codeOf(hallId: string): Promise<(categoryId: string) => string | undefined> {
    const entry = await this.load(hallId);
    if (!entry.byId) entry.byId = new Map([...entry.byCode.values()].map((c) => [c.id, c.code]));
    const byId = entry.byId;
    return (id) => byId.get(id);
  }

  private async load(hallId: string): Promise<Entry> {
    const cached = this.entries.get(hallId);
    if (cached && performance.now() - cached.loadedAt < this.ttlMs) return cached;
    const em = this.tx.dataSource.manager;
    const hall = await this.halls.getHall(em, hallId);
    const cats = await this.halls.listCategories(em, hallId);
    const entry = { loadedAt: performance.now(), hall, byCode: new Map(cats.map((c) => [c.code, c])) };
    this.entries.set(hallId, entry);
    return entry;
  }
}
