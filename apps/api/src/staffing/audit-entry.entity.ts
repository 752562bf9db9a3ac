import { epochMs } from '@hallq/queue';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only log of manager actions: advice applied or dismissed, windows opened, profiles changed. */
@Entity('audit_entry')
@Index('ix_audit_hall_time', ['hallId', 'at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  hallId: string;

  @Column({ type: 'bigint', transformer: epochMs })
  at: number;

  /** Who acted; "manager" until sign-in names the person. */
  @Column({ type: 'varchar', length: 64 })
  actor: string;

  /** e.g. advice.applied, advice.dismissed. */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'simple-json', nullable: true })
  data: Record<string, unknown> | null;
}
