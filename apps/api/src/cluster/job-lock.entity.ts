import { epochMs } from '@hallq/queue';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A lease on a piece of scheduled work (alerts, close-out), so that with several api instances it runs
 * on one of them at a time: `holder` may run it until `expiresAt` (epoch ms, wall clock) and renews it.
 */
@Entity('job_lock')
export class JobLockEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 128 })
  holder: string;

  @Column({ type: 'bigint', transformer: epochMs })
  expiresAt: number;
}
