import { Injectable } from '@nestjs/common';
import { ServiceCategoryEntity, WindowEntity } from '@hallq/queue';
import { DataSource } from 'typeorm';

/** A category's names, as a `called` event carries them. */
export interface CategoryNames {
  zh: string;
  en: string;
}

/**
 * What the live feed reads beside the queue service's hall state: which hall a window is in, and the
 * category names a `called` event needs before this instance has computed the hall's snapshot.
 */
@Injectable()
export class HallFeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The hall of a window; null for an unknown window. */
  async findHallIdOfWindow(windowId: string): Promise<string | null> {
    const w = await this.dataSource.manager.findOne(WindowEntity, { where: { id: windowId }, select: { id: true, hallId: true } });
    return w?.hallId ?? null;
  }

  /** The hall's category names by category code. */
  async findCategoryNames(hallId: string): Promise<Map<string, CategoryNames>> {
    const cats = await this.dataSource.manager.find(ServiceCategoryEntity, { where: { hallId }, select: { code: true, nameZh: true, nameEn: true } });
    return new Map(cats.map((c) => [c.code, { zh: c.nameZh, en: c.nameEn }]));
  }
}
