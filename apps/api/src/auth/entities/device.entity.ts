import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '@hallq/queue';

export type DeviceKind = 'kiosk' | 'screen';
export const DEVICE_KINDS: readonly DeviceKind[] = ['kiosk', 'screen'];

/**
 * A kiosk or hall screen with a token of its own: a kiosk may issue tickets in its hall, a screen may
 * watch its hall, nothing more. Only the SHA-256 of the token is kept; the token is shown once.
 */
@Entity('device')
@Index('ix_device_hall', ['hallId'])
export class DeviceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  hallId: string;

  @Column({ type: 'varchar', length: 12 })
  kind: DeviceKind;

  @Column({ type: 'varchar', length: 100 })
  label: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'bigint', transformer: epochMs })
  createdAt: number;

  @Column({ type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  revokedAt: number | null;
}
