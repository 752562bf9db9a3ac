import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { QueueService } from '@hallq/queue';
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
    private readonly queue: QueueService,
    private readonly locks: JobLockService,
  ) {}

  /** Returns whether it ran on this instance. */
  @Interval(EVERY_MS)
  async run(): Promise<boolean> {
    try {
      return await this.locks.runExclusive('close-out', EVERY_MS - 2000, async () => {
        for (const hallId of await this.queue.closeOutHallIds()) {
          try {
            const n = await this.queue.closeOutIfDue(hallId);
            if (n) this.logger.log(`Closed out ${n} unserved tickets of hall ${hallId}`);
          } catch (e) {
            this.logger.warn(`Close-out of hall ${hallId} failed: ${(e as Error).message}`);
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
