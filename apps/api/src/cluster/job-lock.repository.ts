import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobLockEntity } from './job-lock.entity';

/** The job_lock table: one lease row per scheduled job. */
@Injectable()
export class JobLockRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Extends the lease to `expiresAt` for `holder` if it is already theirs or has expired at `now`; false when another live holder has it. */
  async renewLease(job: string, holder: string, now: number, expiresAt: number): Promise<boolean> {
    const renewed = await this.dataSource
      .createQueryBuilder()
      .update(JobLockEntity)
      .set({ holder, expiresAt })
      .where('name = :job AND (expiresAt <= :now OR holder = :holder)', { job, now, holder })
      .execute();
    return !!renewed.affected;
  }

  /** Inserts the job's first lease; throws when the row exists (another instance inserted it). */
  async insertLease(job: string, holder: string, expiresAt: number): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(JobLockEntity).values({ name: job, holder, expiresAt }).updateEntity(false).execute();
  }
}
