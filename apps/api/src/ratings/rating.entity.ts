import type { RatingReason, RatingSource } from '@hallq/contracts';
import { epochMs } from '@hallq/queue';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A citizen's rating (1-5) of a finished ticket; one per ticket, kept with the window and category that served it. */
@Entity('rating')
@Index('ix_rating_hall_day', ['hallId', 'serviceDay'])
export class RatingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index('uq_rating_ticket', { unique: true })
  @Column({ type: 'varchar', length: 36 })
  ticketId: string;

  @Column({ type: 'varchar', length: 36 })
  hallId: string;

  /** The window that finished the ticket. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  windowId: string | null;

  /** The category the ticket was served in (after any transfer). */
  @Column({ type: 'varchar', length: 36 })
  categoryId: string;

  /** The ticket's service day, so reports select ratings by the same days as tickets. */
  @Column({ type: 'varchar', length: 10 })
  serviceDay: string;

  @Column({ type: 'int' })
  score: number;

  @Column({ type: 'simple-json' })
  reasons: RatingReason[];

  @Column({ type: 'varchar', length: 200, nullable: true })
  comment: string | null;

  @Column({ type: 'bigint', transformer: epochMs })
  at: number;

  /** A pad rating stands until the citizen rates the same ticket on the phone, which replaces it. */
  @Column({ type: 'varchar', length: 8, default: 'phone' })
  source: RatingSource;
}
