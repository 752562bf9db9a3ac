import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { QueueService } from '@hallq/queue';
import type { Subscription } from 'rxjs';
import { ClusterEventsService } from './cluster-events.service';

/**
 * A hall or category changed on another instance (a category paused, opening hours moved): this
 * instance's cached hall configuration is dropped when the change arrives on the event bus, so its
 * kiosks are refused at once too, not for up to a second more.
 */
@Injectable()
export class RemoteHallConfigService implements OnModuleInit, OnModuleDestroy {
  private sub?: Subscription;

  constructor(
    private readonly cluster: ClusterEventsService,
    private readonly queue: QueueService,
  ) {}

  onModuleInit(): void {
    this.sub = this.cluster.sequenced.subscribe(({ event, local }) => {
      if (!local && event.kind === 'hall') this.queue.forgetHallConfig(event.hallId);
    });
  }

  onModuleDestroy(): void {
    this.sub?.unsubscribe();
  }
}
