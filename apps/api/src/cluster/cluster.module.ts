import { Module } from '@nestjs/common';
import { ClusterEventsService } from './cluster-events.service';
import { JobLockRepository } from './job-lock.repository';
import { JobLockService } from './job-lock.service';
import { RedisService } from './redis.service';
import { RemoteHallConfigService } from './remote-hall-config.service';
import { TicketEventCountsRepository } from './ticket-event-counts.repository';

/**
 * What several api instances share: Redis (when REDIS_URL is set), the cluster-wide event stream with
 * each hall's seq, and the lock that makes scheduled work run once. Alone, it is a pass-through.
 */
@Module({
  providers: [RedisService, ClusterEventsService, JobLockService, RemoteHallConfigService, JobLockRepository, TicketEventCountsRepository],
  exports: [RedisService, ClusterEventsService, JobLockService],
})
export class ClusterModule {}
