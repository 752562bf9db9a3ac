import { Inject, Injectable } from '@nestjs/common';
import type { RatingSource } from '@hallq/contracts';
import { QueueError, type Clock, type TicketEntity, type WindowEntity } from '@hallq/queue';
import { TransactionRunner } from '@hallq/queue/infrastructure';
import { CLOCK } from '../queue/clock';
import { dayRange } from '../reports/day-range';
import type { RateTicketDto, RatingResponseDto } from './dto/rate-ticket.dto';
import { summarizeRatings } from './rating-summary';
import { RatingsRepository } from './ratings.repository';

/** The running transaction, as TransactionRunner.run hands it to its work (and the repository takes it). */
type Tx = Parameters<Parameters<TransactionRunner['run']>[0]>[0];

/** How long after finishing a ticket the counter-side pad may still rate it: the citizen is at the counter. */
export const PAD_RATING_WINDOW_MS = 10 * 60_000;

/** Citizens' ratings (好差评) of finished tickets: one per ticket, from the phone page or the counter pad (the phone's wins). */
@Injectable()
export class RatingsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ratings: RatingsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The phone page: the ticket found by its tracking token. */
  rateByToken(token: string, dto: RateTicketDto): Promise<RatingResponseDto> {
    return this.tx.run(async (em) => {
      const t = await this.ratings.findTicketByToken(em, token);
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
      const w = await this.ratings.findWindowInHall(em, hallId, windowId);
      if (!w) {
        await this.ratings.requireHall(hallId, em);
        throw new QueueError('WINDOW_NOT_FOUND', { hallId, windowId });
      }
      const t = await this.ratings.findLastFinishedAtWindow(em, w.id);
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
    await this.ratings.requireHall(hallId);
    const [rows, wins, cats] = await Promise.all([
      this.ratings.ratingsOfDays(hallId, from, to),
      this.ratings.windowsOfHall(hallId),
      this.ratings.categoriesOfHall(hallId),
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
  private async save(em: Tx, t: TicketEntity, dto: RateTicketDto, source: RatingSource): Promise<RatingResponseDto> {
    const r = {
      ticketId: t.id, hallId: t.hallId, windowId: t.windowId, categoryId: t.categoryId, serviceDay: t.serviceDay,
      score: dto.score, reasons: dto.reasons ?? [], comment: dto.comment?.trim() || null, at: this.clock.now(), source,
    };
    // The phone replaces a pad rating (the repository's update is guarded by source = 'pad').
    const replacePad = async () => source === 'phone' && this.ratings.replacePadRating(em, t.id, {
      score: r.score, reasons: r.reasons, comment: r.comment, at: r.at, source,
    });
    if (!(await replacePad())) {
      if (await this.ratings.hasRating(em, t.id)) throw alreadyRated(t);
      // Two submissions at once (a double tap; a pad rating just ahead of the phone's): the unique index keeps one.
      if (!(await this.ratings.insertRating(em, r)) && !(await replacePad())) throw alreadyRated(t);
    }
    const labels = await this.ratings.labelsOf(em, t.windowId, t.categoryId);
    return {
      ticketId: t.id, number: t.number, score: r.score, reasons: r.reasons, comment: r.comment,
      window: labels.window, category: labels.category, at: r.at, source,
    };
  }
}

function alreadyRated(t: TicketEntity): QueueError {
  return new QueueError('DUPLICATE', { reason: 'ALREADY_RATED', number: t.number, ticketId: t.id });
}
