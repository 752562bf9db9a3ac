import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from './column-types';

/** Append-only history of every ticket and window change, written in the change's transaction. */
@Entity('ticket_event')
@Index('ix_event_hall_time', ['hallId', 'at'])
@Index('ix_event_ticket', ['ticketId'])
export class TicketEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  hallId: string;

  /** Null for window events (opened, paused, profile changed...). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  ticketId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  windowId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  categoryId: string | null;

  /** e.g. issued, called, recalled, started, finished, no_show, cancelled, transferred, closed_out,
   * window.opened, window.paused, window.resumed, window.closed, window.profile_changed. */
  @Column({ type: 'varchar', length: 32 })
  type: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  toStatus: string | null;

  @Column({ type: 'bigint', transformer: epochMs })
  at: number;

  /** Who made the change when it was a member of staff (username) at a window; null for citizens,
   * kiosks and the system. The day report's per-clerk figures come from it. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actor: string | null;

  /** Free-form facts: reason for an out-of-order call or a pause, transfer source and target. */
  @Column({ type: 'simple-json', nullable: true })
  data: Record<string, unknown> | null;
}
