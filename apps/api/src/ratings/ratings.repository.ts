import { Injectable } from '@nestjs/common';
import { ServiceCategoryEntity, TicketEntity, WindowEntity, type HallEntity } from '@hallq/queue';
import { isUniqueViolation, requireHall } from '@hallq/queue/infrastructure';
import { Between, DataSource, type EntityManager } from 'typeorm';
import { RatingEntity } from './rating.entity';

/** The fields a phone rating writes over a pad rating of the same ticket. */
export type RatingChange = Pick<RatingEntity, 'score' | 'reasons' | 'comment' | 'at' | 'source'>;

/**
 * The rating table and what rating a ticket reads. Methods taking `em` run in the caller's transaction
 * (RatingsService, one per rating); the summary's reads stand alone.
 */
@Injectable()
export class RatingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The hall, or HALL_NOT_FOUND; in the caller's transaction when `em` is given. */
  requireHall(hallId: string, em: EntityManager = this.dataSource.manager): Promise<HallEntity> {
    return requireHall(em, hallId);
  }

  findTicketByToken(em: EntityManager, token: string): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { token } });
  }

  findWindowInHall(em: EntityManager, hallId: string, windowId: string): Promise<WindowEntity | null> {
    return em.findOne(WindowEntity, { where: { id: windowId, hallId } });
  }

  /** The ticket the window finished last (the pad's candidate), if any. */
  findLastFinishedAtWindow(em: EntityManager, windowId: string): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { windowId, status: 'done' }, order: { finishedAt: 'DESC' } });
  }

  /** Overwrites the ticket's pad rating in one conditional update (source = 'pad'); false when there was none. */
  async replacePadRating(em: EntityManager, ticketId: string, change: RatingChange): Promise<boolean> {
    return (await em.update(RatingEntity, { ticketId, source: 'pad' }, change)).affected === 1;
  }

  async hasRating(em: EntityManager, ticketId: string): Promise<boolean> {
    return (await em.findOne(RatingEntity, { where: { ticketId } })) !== null;
  }

  /** Inserts the rating; false when the ticket's unique index already holds one (a submission just ahead). */
  async insertRating(em: EntityManager, rating: Omit<RatingEntity, 'id'>): Promise<boolean> {
    try {
      await em.insert(RatingEntity, rating);
      return true;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return false;
    }
  }

  /** The window's label and the category's code a rating answer names. */
  async labelsOf(em: EntityManager, windowId: string | null, categoryId: string): Promise<{ window: string | null; category: string }> {
    const [w, c] = await Promise.all([
      windowId ? em.findOne(WindowEntity, { where: { id: windowId } }) : null,
      em.findOne(ServiceCategoryEntity, { where: { id: categoryId } }),
    ]);
    return { window: w?.label ?? null, category: c?.code ?? '' };
  }

  ratingsOfDays(hallId: string, from: string, to: string): Promise<RatingEntity[]> {
    return this.dataSource.manager.find(RatingEntity, { where: { hallId, serviceDay: Between(from, to) } });
  }

  windowsOfHall(hallId: string): Promise<WindowEntity[]> {
    return this.dataSource.manager.find(WindowEntity, { where: { hallId } });
  }

  /** In the hall's display order. */
  categoriesOfHall(hallId: string): Promise<ServiceCategoryEntity[]> {
    return this.dataSource.manager.find(ServiceCategoryEntity, { where: { hallId }, order: { sortOrder: 'ASC', prefix: 'ASC' } });
  }
}
