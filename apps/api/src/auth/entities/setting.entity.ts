import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Installation-wide values every instance must share, e.g. the demo's generated signing secret. */
@Entity('hallq_setting')
export class SettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 512 })
  value: string;
}
