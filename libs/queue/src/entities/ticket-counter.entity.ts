import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last number issued per (hall, category, service day). The row is the lock that keeps numbers unique. */
@Entity('ticket_counter')
export class TicketCounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  hallId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  categoryId: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  serviceDay: string;

  @Column({ type: 'int' })
  lastSeq: number;
}
