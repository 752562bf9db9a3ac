import { Inject, Injectable } from '@nestjs/common';
import { hallNotFound, type Clock } from '@hallq/queue';
import { AppError } from '../common/errors/app-error';
import type { Observable } from 'rxjs';
import { CLOCK } from '../queue/clock';
import { AlertChanges } from './alert-changes';
import { alertView, type AlertChange, type AlertView } from './alert.view';
import { AlertsRepository } from './alerts.repository';

export type { AlertChange, AlertView } from './alert.view';

/**
 * A hall's alerts for managers: the list, the acknowledgement, and the stream of every change for /live.
 * AlertsJob raises, escalates and clears them.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly feed: AlertChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every alert change (raised, escalated, cleared, acknowledged), as it happens. */
  get changes(): Observable<AlertChange> {
    return this.feed.stream;
  }

  async list(hallId: string, openOnly: boolean): Promise<AlertView[]> {
    await this.requireHall(hallId);
    return (await this.alerts.findForHall(hallId, openOnly)).map(alertView);
  }

  async acknowledge(hallId: string, alertId: string): Promise<AlertView> {
    await this.requireHall(hallId);
    const a = await this.alerts.findInHall(hallId, alertId);
    if (!a) throw new AppError('ALERT_NOT_FOUND', { alertId });
    if (a.acknowledgedAt === null) await this.alerts.markAcknowledged(a, this.clock.now());
    const fresh = alertView(await this.alerts.findById(a.id));
    this.feed.publish({ type: 'acknowledged', alert: fresh });
    return fresh;
  }

  private async requireHall(hallId: string): Promise<void> {
    if (!(await this.alerts.hallExists(hallId))) throw hallNotFound(hallId);
  }
}
