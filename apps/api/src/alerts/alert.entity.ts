import type { AlertScope } from '@hallq/contracts';
import { epochMs, type AlertLevel } from '@hallq/queue';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An alert for a manager: raised, escalated in place (raising its level clears the acknowledgement),
 * cleared when the condition ends. Kept afterwards for the day report.
 */
@Entity('alert')
@Index('ix_alert_open', ['hallId', 'clearedAt'])
export class AlertEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  hallId: string;

  @Column({ type: 'varchar', length: 12 })
  scope: AlertScope;

  /** Category id or ticket id. */
  @Column({ type: 'varchar', length: 36 })
  subjectId: string;

  /** What people call it: the category code or the ticket number. */
  @Column({ type: 'varchar', length: 40 })
  subject: string;

  /** predicted_over, over, over_twice; ping_pong for transfers. */
  @Column({ type: 'varchar', length: 16 })
  level: AlertLevel | 'ping_pong';

  @Column({ type: 'varchar', length: 300 })
  message: string;

  @Column({ type: 'bigint', transformer: epochMs })
  raisedAt: number;

  @Column({ type: 'bigint', transformer: epochMs })
  escalatedAt: number;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  acknowledgedAt: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  clearedAt: number | null;
}
