import { Injectable, Logger } from '@nestjs/common';
import { JobLockRepository } from './job-lock.repository';
import { RedisService } from './redis.service';

/**
 * Makes scheduled work run on one api instance at a time: a lease row per job in the database
 * (job_lock), so it holds with or without Redis and while Redis is down. The instance that holds the
 * lease renews it on each run; another takes over once a lease has expired (its holder stopped).
 * Times are the wall clock (Date.now), the same on every instance, not the hall clock.
 */
@Injectable()
export class JobLockService {
  private readonly logger = new Logger(JobLockService.name);

  constructor(
    private readonly leases: JobLockRepository,
    private readonly redis: RedisService,
  ) {}

  /** This instance's name in job_lock.holder. */
  get holder(): string {
    return this.redis.instanceId;
  }

  /** Takes or renews the lease on `job` for `leaseMs`; false when another live instance holds it. */
  async acquire(job: string, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    if (await this.leases.renewLease(job, this.holder, now, now + leaseMs)) return true;
    try {
      await this.leases.insertLease(job, this.holder, now + leaseMs);
      return true;
    } catch {
      return false; // the row exists and is another instance's live lease (or one was just inserted)
    }
  }

  /**
   * Runs `work` if this instance holds (or gets) the lease on `job`; returns whether it ran. A failure
   * to reach the lock table skips the run (the database is down; the work needs it anyway).
   */
  async runExclusive(job: string, leaseMs: number, work: () => Promise<void>): Promise<boolean> {
    try {
      if (!(await this.acquire(job, leaseMs))) return false;
    } catch (e) {
      this.logger.warn(`Skipped ${job}: the lock table did not answer (${(e as Error).message})`);
      return false;
    }
    await work();
    return true;
  }
}
