import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('service_category')
@Index('uq_category_code', ['hallId', 'code'], { unique: true })
@Index('uq_category_prefix', ['hallId', 'prefix'], { unique: true })
export class ServiceCategoryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  hallId: string;

  /** Stable code used by kiosks and the API, e.g. "enterprise". */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  /** Ticket number prefix, e.g. "A" gives A001. */
  @Column({ type: 'varchar', length: 3 })
  prefix: string;

  @Column({ type: 'varchar', length: 120 })
  nameZh: string;

  @Column({ type: 'varchar', length: 120 })
  nameEn: string;

  /** Target: `targetShare` of tickets called within `targetWaitSec`. */
  @Column({ type: 'int' })
  targetWaitSec: number;

  @Column({ type: 'float', default: 0.9 })
  targetShare: number;

  /** Documents to bring, shown on the kiosk and the phone page. */
  @Column({ type: 'simple-json' })
  materials: string[];

  /** Mean service time assumed until the hall has its own history. */
  @Column({ type: 'int' })
  defaultServiceSec: number;

  /** A paused category issues no tickets (the kiosk shows it closed). */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'int', default: 0 })
  sortOrder: number;
}
