import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import type { SignInFailureEntity } from './entities/sign-in-failure.entity';
import { SignInFailuresRepository } from './sign-in-failures.repository';

export type Reservation = { ok: true; id: string } | { ok: false; retryAfterSec: number };

/** Old rows (counts that have expired) are swept once every this many reservations. */
const SWEEP_EVERY = 200;

/**
 * Lock-out per (account or unknown username, address): at most HALLQ_SIGNIN_MAX_FAILURES password checks
 * per pair in a row, then none for HALLQ_SIGNIN_LOCK_MINUTES after the last one. A check is counted
 * before it runs, by one conditional UPDATE that counts and tests the limit together, so parallel
 * requests and several instances can never run more checks than the limit (the database is the truth,
 * with or without Redis). A right password clears the pair's count.
 */
@Injectable()
export class SignInBackoffService {
  private reservations = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly failures: SignInFailuresRepository,
  ) {}

  static subjectOf(accountId: string | null, username: string): string {
    return accountId ? `account:${accountId}` : `name:${username}`.slice(0, 80);
  }

  /** Counts one password check for this pair, or refuses it (with the seconds until the lock ends). */
  async reserve(subject: string, address: string, now: number): Promise<Reservation> {
    const id = createHash('sha256').update(`${subject}\n${address}`).digest('hex');
    const { max, lockMs } = this.limits();
    const stale = now - lockMs;
    await this.failures.ensurePair(id, subject);
    const counted = await this.failures.countCheck(id, now, max, stale);
    if (++this.reservations % SWEEP_EVERY === 0) await this.failures.deleteStale(stale);
    if (counted) return { ok: true, id };
    return { ok: false, retryAfterSec: await this.retryAfter(id, now) };
  }

  /** After a wrong password: the seconds left when that failure used up the pair's checks, else null. */
  async lockedAfterFailure(id: string, now: number): Promise<number | null> {
    const row = await this.failures.findPair(id);
    return row && row.failures >= this.limits().max ? this.retryAfter(id, now, row) : null;
  }

  /** A right password: the pair starts again from nothing. */
  async clear(id: string): Promise<void> {
    await this.failures.deletePair(id);
  }

  /** An admin's unlock: every address's count for this account. */
  async unlock(accountId: string): Promise<void> {
    await this.failures.deleteSubject(SignInBackoffService.subjectOf(accountId, ''));
  }

  /** Until when each of these accounts is locked from at least one address (the latest such end). */
  async lockedUntil(accountIds: string[], now: number): Promise<Map<string, number>> {
    const { max, lockMs } = this.limits();
    const out = new Map<string, number>();
    if (!accountIds.length) return out;
    const subjects = accountIds.map((a) => SignInBackoffService.subjectOf(a, ''));
    const rows = await this.failures.findLocked(subjects, max, now - lockMs);
    for (const r of rows) {
      const account = r.subject.slice('account:'.length);
      out.set(account, Math.max(out.get(account) ?? 0, r.lastAt + lockMs));
    }
    return out;
  }

  private async retryAfter(id: string, now: number, known?: SignInFailureEntity): Promise<number> {
    const row = known ?? (await this.failures.findPair(id));
    const until = (row?.lastAt ?? now) + this.limits().lockMs;
    return Math.max(1, Math.ceil((until - now) / 1000));
  }

  private limits(): { max: number; lockMs: number } {
    return { max: this.config.auth.maxFailedSignIns, lockMs: this.config.auth.lockMinutes * 60_000 };
  }
}
