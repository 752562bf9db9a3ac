import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { HallEntity, QueueService } from '@hallq/queue';
import { DataSource } from 'typeorm';
import { JobLockService } from '../cluster/job-lock.service';

const EVERY_MS = 60_000;

/**
 * Closes out yesterday's leftover tickets soon after each hall's local midnight. Operations also do it
 * lazily, so this job only makes sure screens and reports turn over even in a quiet hall. Runs on one
 * api instance of the cluster at a time (JobLockService).
 */
@Injectable()
export class CloseOutJob {
  private readonly logger = new Logger(CloseOutJob.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly locks: JobLockService,
  ) {}

  /** Returns whether it ran on this instance. */
  @Interval(EVERY_MS)
  async run(): Promise<boolean> {
    try {
      return await this.locks.runExclusive('close-out', EVERY_MS - 2000, async () => {
        const halls = await this.dataSource.manager.find(HallEntity, { select: { id: true } });
        for (const h of halls) {
          try {
            const n = await this.queue.closeOutIfDue(h.id);
            if (n) this.logger.log(`Closed out ${n} unserved tickets of hall ${h.id}`);
          } catch (e) {
            this.logger.warn(`Close-out of hall ${h.id} failed: ${(e as Error).message}`);
          }
        }
      });
    } catch (e) {
      // The database is away (docs/faults.md): one line, and the next round tries again.
      this.logger.warn(`Close-out skipped: ${(e as Error).message}`);
      return false;
    }
  }
}
