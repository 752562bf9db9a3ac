import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual, Like, MoreThan, MoreThanOrEqual } from 'typeorm';
import { SignInFailureEntity } from './entities/sign-in-failure.entity';

/** The sign-in back-off's counts: one row per (account or unknown username, address) pair. */
@Injectable()
export class SignInFailuresRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates the pair's row with nothing counted, unless it exists (several instances may race to). */
  async ensurePair(id: string, subject: string): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(SignInFailureEntity).orIgnore()
      .values({ id, subject, failures: 0, lastAt: 0 }).execute();
  }

  /**
   * Counts one check at `now` in one conditional UPDATE that counts and tests the limit together: the
   * count starts again at 1 when the last check was at or before `stale`. False (nothing counted) when
   * the pair has used its `max` checks since `stale`.
   */
  async countCheck(id: string, now: number, max: number, stale: number): Promise<boolean> {
    // `failures` is set before `lastAt`: MySQL evaluates SET left to right, so it must see the old lastAt.
    const r = await this.dataSource.createQueryBuilder().update(SignInFailureEntity)
      .set({ failures: () => 'CASE WHEN lastAt <= :stale THEN 1 ELSE failures + 1 END', lastAt: now })
      .where('id = :id AND (failures < :max OR lastAt <= :stale)', { id, max, stale })
      .setParameters({ stale })
      .execute();
    return r.affected === 1;
  }

  findPair(id: string): Promise<SignInFailureEntity | null> {
    return this.failures.findOneBy({ id });
  }

  async deletePair(id: string): Promise<void> {
    await this.failures.delete({ id });
  }

  /** Every address's row of the subject. */
  async deleteSubject(subject: string): Promise<void> {
    await this.failures.delete({ subject });
  }

  /**
   * Rows of these subjects with at least `max` failures and a last check after `since`. For more than 50
   * subjects, every `account:` subject's such rows (one short query instead of a long IN list).
   */
  findLocked(subjects: string[], max: number, since: number): Promise<SignInFailureEntity[]> {
    return this.failures.find({
      where: { subject: subjects.length > 50 ? Like('account:%') : In(subjects), failures: MoreThanOrEqual(max), lastAt: MoreThan(since) },
    });
  }

  /** Sweeps counts whose last check was at or before `stale` (they have expired). */
  async deleteStale(stale: number): Promise<void> {
    await this.failures.delete({ lastAt: LessThanOrEqual(stale) });
  }

  private get failures() {
    return this.dataSource.getRepository(SignInFailureEntity);
  }
}
