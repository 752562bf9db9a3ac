import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PriorityClass } from '../routing/routing-rule.types';
import type { Channel, TicketStatus } from '../ticket/ticket-state';
import { epochMs } from './column-types';

@Entity('ticket')
@Index('uq_ticket_number', ['hallId', 'issuedCategoryId', 'serviceDay', 'seq'], { unique: true })
@Index('uq_ticket_idempotency', ['hallId', 'idempotencyKey'], { unique: true })
@Index('ix_ticket_line', ['hallId', 'status', 'categoryId', 'targetWindowId', 'priority', 'issuedAt'])
@Index('ix_ticket_window', ['windowId', 'status'])
@Index('ix_ticket_day', ['hallId', 'serviceDay'])
export class TicketEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_ticket_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  token: string;

  @Column({ type: 'varchar', length: 36 })
  hallId: string;

  /** The category the ticket is in now (a transfer changes it). */
  @Column({ type: 'varchar', length: 36 })
  categoryId: string;

  /** The category that issued the number; with serviceDay and seq it is unique. */
  @Column({ type: 'varchar', length: 36 })
  issuedCategoryId: string;

  @Column({ type: 'varchar', length: 10 })
  serviceDay: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 12 })
  number: string;

  @Column({ type: 'varchar', length: 12 })
  priority: PriorityClass;

  @Column({ type: 'varchar', length: 12 })
  channel: Channel;

  @Column({ type: 'varchar', length: 12 })
  status: TicketStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  windowId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  targetWindowId: string | null;

  @Column({ type: 'bigint', transformer: epochMs })
  issuedAt: number;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  calledAt: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  startedAt: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  finishedAt: number | null;

  @Column({ type: 'int', default: 0 })
  recallCount: number;

  @Column({ type: 'int', default: 0 })
  transferCount: number;

  @Column({ type: 'varchar', length: 100 })
  idempotencyKey: string;

  /** Hash of the issuing request; a retry with the same key but another body is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;
}
