import type { EntityManager } from 'typeorm';
import { HallEntity, ServiceCategoryEntity, WindowEntity } from '../entities';
import { QueueError, hallNotFound } from '../errors/queue-error';

/** A hall by id, or HALL_NOT_FOUND: the one check for every service that is handed a hall id. */
export async function requireHall(em: EntityManager, hallId: string): Promise<HallEntity> {
  const hall = await em.findOne(HallEntity, { where: { id: hallId } });
  if (!hall) throw hallNotFound(hallId);
  return hall;
}

/** A hall's configuration as operations read it (the get* reads throw a 404-coded error), and the writes of its windows' and day's state. */
export class HallRepository {
  getHall(em: EntityManager, hallId: string): Promise<HallEntity> {
    return requireHall(em, hallId);
  }

  async listHallIds(em: EntityManager): Promise<string[]> {
    return (await em.find(HallEntity, { select: { id: true } })).map((h) => h.id);
  }

  findHall(em: EntityManager, hallId: string): Promise<HallEntity | null> {
    return em.findOne(HallEntity, { where: { id: hallId } });
  }

  /** Records that the hall's service days before `today` are closed out. */
  async markClosedOut(em: EntityManager, hallId: string, today: string): Promise<void> {
    await em.update(HallEntity, { id: hallId }, { closedOutDay: today });
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

  /** A window by id alone (the one a ticket names), or null. */
  findWindowById(em: EntityManager, windowId: string): Promise<WindowEntity | null> {
    return em.findOne(WindowEntity, { where: { id: windowId } });
  }

  async setWindowState(em: EntityManager, w: Pick<WindowEntity, 'id' | 'state' | 'pauseReason'>): Promise<void> {
    await em.update(WindowEntity, { id: w.id }, { state: w.state, pauseReason: w.pauseReason });
  }

  /** Calls of the priority class in a row at the window (see nextPriorityStreak). */
  async setPriorityStreak(em: EntityManager, windowId: string, streak: number): Promise<void> {
    await em.update(WindowEntity, { id: windowId }, { priorityStreak: streak });
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
