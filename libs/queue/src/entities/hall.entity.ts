import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './column-types';

@Entity('hall')
export class HallEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** IANA zone; the service day and opening hours are read in it. */
  @Column({ type: 'varchar', length: 64, default: 'Asia/Shanghai' })
  timeZone: string;

  /** Local "HH:MM"; equal opensAt and closesAt mean open around the clock. */
  @Column({ type: 'varchar', length: 5, default: '09:00' })
  opensAt: string;

  @Column({ type: 'varchar', length: 5, default: '17:00' })
  closesAt: string;

  /** When true, tickets still waiting at the end of the day stay in line for the next day. */
  @Column({ type: 'boolean', default: false })
  keepLineOvernight: boolean;

  /** The last service day whose leftover tickets were closed out. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  closedOutDay: string | null;

  @Column({ type: 'bigint', transformer: epochMs })
  createdAt: number;
}
