import { Inject, Injectable } from '@nestjs/common';
import {
  QueueError, RatingEntity, requireHall, ServiceCategoryEntity, TicketEntity, TransactionRunner, WindowEntity, type Clock, type RatingSource,
} from '@hallq/queue';
import { isUniqueViolation } from '@hallq/queue';
import { Between, type EntityManager } from 'typeorm';
import { CLOCK } from '../queue/clock';
import { dayRange } from '../reports/day-range';
import type { RateTicketDto, RatingResponseDto } from './dto/rate-ticket.dto';
import { summarizeRatings } from './rating-summary';

/** How long after finishing a ticket the counter-side pad may still rate it: the citizen is at the counter. */
export const PAD_RATING_WINDOW_MS = 10 * 60_000;

/** Citizens' ratings (好差评) of finished tickets: one per ticket, from the phone page or the counter pad (the phone's wins). */
@Injectable()
export class RatingsService {
  constructor(
    private readonly tx: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The phone page: the ticket found by its tracking token. */
  rateByToken(token: string, dto: RateTicketDto): Promise<RatingResponseDto> {
    return this.tx.run(async (em) => {
      const t = await em.findOne(TicketEntity, { where: { token } });
      if (!t) throw new QueueError('TICKET_NOT_FOUND', { reason: 'TRACKING_CODE' });
      if (t.status !== 'done') {
        throw new QueueError('ILLEGAL_TRANSITION', {
          reason: 'NOT_RATEABLE', ticketId: t.id, number: t.number, status: t.status,
        });
      }
      return this.save(em, t, dto, 'phone');
    });
  }

  /** The counter-side pad: the ticket this window finished last, if within PAD_RATING_WINDOW_MS. */
  rateAtWindow(hallId: string, windowId: string, dto: RateTicketDto): Promise<RatingResponseDto> {
    return this.tx.run(async (em) => {
      const w = await em.findOne(WindowEntity, { where: { id: windowId, hallId } });
      if (!w) {
        await requireHall(em, hallId);
        throw new QueueError('WINDOW_NOT_FOUND', { hallId, windowId });
      }
      const t = await em.findOne(TicketEntity, { where: { windowId: w.id, status: 'done' }, order: { finishedAt: 'DESC' } });
      const now = this.clock.now();
      if (!t || t.finishedAt === null || now - t.finishedAt > PAD_RATING_WINDOW_MS) {
        throw new QueueError('WINDOW_IDLE', {
          reason: 'NOTHING_TO_RATE', label: w.label, minutes: PAD_RATING_WINDOW_MS / 60_000, windowId: w.id, lastFinishedAt: t?.finishedAt ?? null,
        });
      }
      return this.save(em, t, dto, 'pad');
    });
  }

  /** Count, mean, distribution and reasons per window and per category over service days from..to. */
  async summary(hallId: string, from: string, to: string) {
    dayRange(from, to);
    const em = this.tx.dataSource.manager;
    await requireHall(em, hallId);
    const [rows, wins, cats] = await Promise.all([
      em.find(RatingEntity, { where: { hallId, serviceDay: Between(from, to) } }),
      em.find(WindowEntity, { where: { hallId } }),
      em.find(ServiceCategoryEntity, { where: { hallId }, order: { sortOrder: 'ASC', prefix: 'ASC' } }),
    ]);
    const byLabel = (a: WindowEntity, b: WindowEntity) => a.label.localeCompare(b.label, 'en', { numeric: true });
    return {
      from, to,
      overall: summarizeRatings(rows),
      windows: wins.sort(byLabel).map((w) => ({ windowId: w.id, window: w.label, ...summarizeRatings(rows.filter((r) => r.windowId === w.id)) })),
      categories: cats.map((c) => ({ category: c.code, nameZh: c.nameZh, nameEn: c.nameEn, ...summarizeRatings(rows.filter((r) => r.categoryId === c.id)) })),
    };
  }

  /**
   * One rating per ticket, and the citizen's own wins: the pad stands at the counter, where the clerk can
   * reach it (or use the same route with their own token), so a pad rating only stands until the citizen
   * rates the ticket on the phone, which replaces it. A phone rating is never replaced.
   */
  private async save(em: EntityManager, t: TicketEntity, dto: RateTicketDto, source: RatingSource): Promise<RatingResponseDto> {
    const r = em.create(RatingEntity, {
      ticketId: t.id, hallId: t.hallId, windowId: t.windowId, categoryId: t.categoryId, serviceDay: t.serviceDay,
      score: dto.score, reasons: dto.reasons ?? [], comment: dto.comment?.trim() || null, at: this.clock.now(), source,
    });
    // The phone replaces a pad rating in one conditional update (guarded by source = 'pad').
    const replacePad = async () => source === 'phone' && (await em.update(RatingEntity, { ticketId: t.id, source: 'pad' }, {
      score: r.score, reasons: r.reasons, comment: r.comment, at: r.at, source,
    })).affected === 1;
    if (!(await replacePad())) {
      if (await em.findOne(RatingEntity, { where: { ticketId: t.id } })) throw alreadyRated(t);
      try {
        await em.insert(RatingEntity, r);
      } catch (e) {
        // Two submissions at once (a double tap; a pad rating just ahead of the phone's): the unique index keeps one.
        if (!isUniqueViolation(e)) throw e;
        if (!(await replacePad())) throw alreadyRated(t);
      }
    }
    const [w, c] = await Promise.all([
      t.windowId ? em.findOne(WindowEntity, { where: { id: t.windowId } }) : null,
      em.findOne(ServiceCategoryEntity, { where: { id: t.categoryId } }),
    ]);
    return {
      ticketId: t.id, number: t.number, score: r.score, reasons: r.reasons, comment: r.comment,
      window: w?.label ?? null, category: c?.code ?? '', at: r.at, source,
    };
  }
}

function alreadyRated(t: TicketEntity): QueueError {
  return new QueueError('DUPLICATE', { reason: 'ALREADY_RATED', number: t.number, ticketId: t.id });
}
