import { epochMs } from '@hallq/queue';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many clerks a manager says are on duty in a hall on one service day: the advice never opens more
 * windows than that. One row per hall, good for its `serviceDay` only; on another day (no row set that
 * day) the hall counts as fully staffed, one clerk per window.
 */
@Entity('staff_on_duty')
export class StaffOnDutyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  hallId: string;

  @Column({ type: 'varchar', length: 10 })
  serviceDay: string;

  @Column({ type: 'int' })
  clerksOnDuty: number;

  @Column({ type: 'bigint', transformer: epochMs })
  setAt: number;

  @Column({ type: 'varchar', length: 64 })
  setBy: string;
}
