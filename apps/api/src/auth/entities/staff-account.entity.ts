import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '@hallq/queue';

export type StaffRole = 'admin' | 'manager' | 'clerk';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'manager', 'clerk'];

/** A person who signs in: an admin, a manager of some halls, or a clerk of some windows. */
@Entity('staff_account')
export class StaffAccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  role: StaffRole;

  /** Halls a manager runs; for a clerk, the halls of their windows. Empty for an admin (all halls). */
  @Column({ type: 'simple-json' })
  hallIds: string[];

  /** Windows a clerk may work at. */
  @Column({ type: 'simple-json' })
  windowIds: string[];

  /** argon2id, with its parameters and salt in the string. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  /** Failed sign-ins in a row; reset by a good one. */
  @Column({ type: 'int', default: 0 })
  failedSignIns: number;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  lockedUntil: number | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @Column({ type: 'bigint', transformer: epochMs })
  createdAt: number;
}
