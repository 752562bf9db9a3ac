import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '@hallq/queue';

/** One sign-in. The bearer token names it, so signing out (or disabling the account) ends it at once. */
@Entity('staff_session')
@Index('ix_staff_session_account', ['accountId'])
export class StaffSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'bigint', transformer: epochMs })
  createdAt: number;

  @Column({ type: 'bigint', transformer: epochMs })
  expiresAt: number;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  revokedAt: number | null;
}
