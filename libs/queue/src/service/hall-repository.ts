import type { EntityManager } from 'typeorm';
import { HallEntity, ServiceCategoryEntity, WindowEntity } from '../entities';
import { QueueError, hallNotFound } from '../errors/queue-error';

/** A hall by id, or HALL_NOT_FOUND: the one check for every service that is handed a hall id. */
export async function requireHall(em: EntityManager, hallId: string): Promise<HallEntity> {
  const hall = await em.findOne(HallEntity, { where: { id: hallId } });
  if (!hall) throw hallNotFound(hallId);
  return hall;
}

/** Reads of a hall's configuration that every operation needs; each throws a 404-coded error. */
export class HallRepository {
  getHall(em: EntityManager, hallId: string): Promise<HallEntity> {
    return requireHall(em, hallId);
  }

  listCategories(em: EntityManager, hallId: string): Promise<ServiceCategoryEntity[]> {
    return em.find(ServiceCategoryEntity, { where: { hallId }, order: { sortOrder: 'ASC', prefix: 'ASC' } });
  }

  async getCategoryByCode(em: EntityManager, hallId: string, code: string): Promise<ServiceCategoryEntity> {
    const c = await em.findOne(ServiceCategoryEntity, { where: { hallId, code } });
    if (!c) throw new QueueError('CATEGORY_NOT_FOUND', { hallId, category: code });
    return c;
  }

  async getCategory(em: EntityManager, hallId: string, idOrCode: string): Promise<ServiceCategoryEntity> {
    const c =
      (await em.findOne(ServiceCategoryEntity, { where: { hallId, id: idOrCode } })) ??
      (await em.findOne(ServiceCategoryEntity, { where: { hallId, code: idOrCode } }));
    if (!c) throw new QueueError('CATEGORY_NOT_FOUND', { hallId, category: idOrCode });
    return c;
  }

  listWindows(em: EntityManager, hallId: string): Promise<WindowEntity[]> {
    return em.find(WindowEntity, { where: { hallId } });
  }

  /** With `lock`, the row stays locked (MySQL) until the transaction ends: one operation per window at a time. */
  async getWindow(em: EntityManager, hallId: string, windowId: string, lock = false): Promise<WindowEntity> {
    const w = await em.findOne(WindowEntity, {
      where: { id: windowId, hallId },
      ...(lock && isMysql(em) ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!w) throw new QueueError('WINDOW_NOT_FOUND', { hallId, windowId });
    return w;
  }
}

export function isMysql(em: EntityManager): boolean {
  const t = em.connection.options.type;
  return t === 'mysql' || t === 'mariadb';
}

/** Sorts windows by label the way people read them: 2 before 10. */
export function byLabel(a: { label: string }, b: { label: string }): number {
  return a.label.localeCompare(b.label, 'en', { numeric: true });
}
