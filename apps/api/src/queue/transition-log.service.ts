import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { QueueEvents } from '@hallq/queue';
import type { Subscription } from 'rxjs';

/** One debug line per committed ticket or window change (never the tracking token). */
@Injectable()
export class TransitionLogService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Queue');
  private sub?: Subscription;

  constructor(private readonly events: QueueEvents) {}

  onModuleInit(): void {
    this.sub = this.events.stream.subscribe((e) => {
      if (e.kind === 'ticket') {
        const at = e.ticket.windowLabel ? ` window ${e.ticket.windowLabel}` : '';
        this.logger.debug(`hall ${e.hallId}: ${e.ticket.number} ${e.type} -> ${e.ticket.status}${at}`);
      } else if (e.kind === 'window') {
        this.logger.debug(`hall ${e.hallId}: window ${e.window.label} ${e.type} -> ${e.window.state}`);
      } else {
        this.logger.debug(`hall ${e.hallId}: ${e.type}`);
      }
    });
  }

  onModuleDestroy(): void {
    this.sub?.unsubscribe();
  }
}
