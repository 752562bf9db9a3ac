import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '@hallq/queue';

/**
 * Failed sign-ins in a row for one (account or unknown username, address) pair: the lock-out is per
 * pair, so wrong passwords from one place never lock the person out everywhere else.
 */
@Entity('sign_in_failure')
export class SignInFailureEntity {
  /** sha256 of subject and address (hex): one row per pair, whatever the lengths. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  /** `account:<id>` for a real account, `name:<username>` for an unknown one (so an admin's unlock finds the rows). */
  @Index('ix_sign_in_failure_subject')
  @Column({ type: 'varchar', length: 80 })
  subject: string;

  /** Password checks counted (reserved before the check, kept when it fails). */
  @Column({ type: 'int' })
  failures: number;

  /** When the last counted check began: the count expires, and a lock ends, a lock period after it. */
  @Column({ type: 'bigint', transformer: epochMs })
  lastAt: number;
}
