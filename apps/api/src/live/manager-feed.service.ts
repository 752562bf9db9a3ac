import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Clock } from '@hallq/queue';
import type { Subscription } from 'rxjs';
import { AlertsService, type AlertView } from '../alerts/alerts.service';
import { CLOCK } from '../queue/clock';
import { LiveSocketRepository } from './live-socket.repository';

/**
 * The manager's part of /live: every alert change (raised, escalated, cleared, acknowledged) from the
 * alerts service goes to the hall's manager room as an `alert` event, so a manager page never polls.
 */
@Injectable()
export class ManagerFeedService implements OnModuleInit, OnModuleDestroy {
  private subscription: Subscription | null = null;

  constructor(
    private readonly alerts: AlertsService,
    private readonly sockets: LiveSocketRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.subscription = this.alerts.changes.subscribe((c) => this.sockets.emitAlert(c.alert.hallId, c));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** The hall's open alerts now; throws QueueError HALL_NOT_FOUND for an unknown hall. */
  async openAlerts(hallId: string): Promise<{ hallId: string; at: number; alerts: AlertView[] }> {
    return { hallId, at: this.clock.now(), alerts: await this.alerts.list(hallId, true) };
  }
}
