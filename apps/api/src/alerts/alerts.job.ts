import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { alertDelayAfterChange, alertMessage, QueueEvents, QueueService, reconcileAlerts, wantedAlertSteps, type Clock, type WantedAlert } from '@hallq/queue';
import type { Subscription } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { JobLockService } from '../cluster/job-lock.service';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { runInSlices } from '../common/scheduling/run-in-slices';
import { HallForecastService } from '../forecast/hall-forecast.service';
import { CLOCK } from '../queue/clock';
import { AlertChanges } from './alert-changes';
import { alertView, type AlertChange } from './alert.view';
import { AlertsRepository } from './alerts.repository';

const EVALUATE_EVERY_MS = 30_000;

/**
 * Raises, escalates and clears alerts per category line and per waiting ticket (wantedAlerts and
 * reconcileAlerts in libs/queue, forecasts from the hall's forecaster): every 30 s, and soon after a
 * change to a hall. Each round runs on one api instance of the cluster (JobLockService), one at a time
 * per hall, and publishes its changes after its commit (AlertChanges).
 */
@Injectable()
export class AlertsJob implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AlertsJob.name);
  private sub?: Subscription;
  /** Halls with an evaluation due after a change, and each hall's evaluation in progress (one at a time). */
  private readonly due = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<AlertChange[]>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertsRepository,
    private readonly feed: AlertChanges,
    private readonly queue: QueueService,
    private readonly forecasts: HallForecastService,
    private readonly locks: JobLockService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly events: QueueEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Besides the 30 s round, a change to a hall (a ticket issued, called, transferred...) has its alerts
   * looked at within HALLQ_ALERT_AFTER_CHANGE_MS, so a line crossing its target or a ticket passed on a
   * third time shows at once (later on a line of thousands: alertDelayAfterChange). One evaluation per
   * hall per delay, on one instance (a short lease).
   */
  onModuleInit(): void {
    const delay = this.config.alertAfterChangeMs;
    if (!delay) return;
    this.sub = this.events.stream.subscribe((e) => {
      if (this.due.has(e.hallId)) return;
      const waiting = this.forecasts.lastPredictions(e.hallId)?.state.waiting.length ?? 0;
      const after = alertDelayAfterChange(delay, waiting, EVALUATE_EVERY_MS);
      this.due.set(e.hallId, setTimeout(() => {
        this.due.delete(e.hallId);
        // The lease spans the pace, not only `delay`: a long line's round rests as it goes (runInSlices)
        // and must not overlap another instance's round of the same hall.
        void this.locks.runExclusive(`alerts:${e.hallId}`, after, async () => {
          await this.evaluate(e.hallId);
        }).catch((err: Error) => this.logger.warn(`Alert evaluation of hall ${e.hallId} after a change failed: ${err.message}`));
      }, after));
    });
  }

  onModuleDestroy(): void {
    this.sub?.unsubscribe();
    for (const t of this.due.values()) clearTimeout(t);
    this.due.clear();
  }

  /** Every 30 s, on one api instance of the cluster (JobLockService); returns whether it ran here. */
  @Interval('alerts', EVALUATE_EVERY_MS)
  async evaluateAll(): Promise<boolean> {
    try {
      return await this.locks.runExclusive('alerts', EVALUATE_EVERY_MS - 2000, async () => {
        for (const hallId of await this.alerts.hallIds()) {
          try {
            await this.evaluate(hallId);
          } catch (e) {
            this.logger.warn(`Alert evaluation of hall ${hallId} failed: ${(e as Error).message}`);
          }
        }
      });
    } catch (e) {
      // The database is away (docs/faults.md): one line, and the next round tries again.
      this.logger.warn(`Alert evaluation skipped: ${(e as Error).message}`);
      return false;
    }
  }

  /** Brings the hall's open alerts in line with the hall now; returns what changed. */
  evaluate(hallId: string): Promise<AlertChange[]> {
    // One at a time per hall in this process: two rounds at once would raise the same alert twice.
    const previous = this.running.get(hallId) ?? Promise.resolve([]);
    const next = previous.catch(() => []).then(() => this.evaluateNow(hallId));
    this.running.set(hallId, next);
    void next.finally(() => this.running.get(hallId) === next && this.running.delete(hallId)).catch(() => undefined);
    return next;
  }

  private async evaluateNow(hallId: string): Promise<AlertChange[]> {
    await this.forecasts.upToDate(hallId);
    const p = this.forecasts.lastPredictions(hallId);
    // The hall as the forecast read it, which includes every change seen (upToDate): reading the whole
    // line again each round cost as much as the refresh itself on a long line. Time has moved on since.
    const state = p?.state ?? (await this.queue.hallLineState(hallId));
    const now = this.clock.now();
    // A line of thousands: a slice per 500 tickets, resting between, so requests keep most of the thread.
    const { value: wanted } = await runInSlices(wantedAlertSteps({ now, lines: state.lines, waiting: state.waiting, forecast: p }), 0);
    const changes = await this.dataSource.transaction((em) => this.reconcile(em, hallId, wanted, now));
    await this.feed.publishAll(changes);
    return changes;
  }

  /** In one transaction; the changes go out after the commit. */
  private async reconcile(em: EntityManager, hallId: string, wanted: Map<string, WantedAlert>, now: number): Promise<AlertChange[]> {
    const steps = reconcileAlerts(await this.alerts.findOpen(em, hallId), wanted);
    const out: AlertChange[] = [];
    for (const { alert, to } of steps.escalate) {
      const message = alertMessage(to.text);
      await this.alerts.escalate(em, alert.id, to.level, message, now);
      out.push({ type: 'escalated', alert: alertView({ ...alert, level: to.level, message, escalatedAt: now, acknowledgedAt: null }) });
    }
    await this.alerts.markCleared(em, steps.clear.map((a) => a.id), now);
    out.push(...steps.clear.map((a) => ({ type: 'cleared' as const, alert: alertView({ ...a, clearedAt: now }) })));
    const toRaise = steps.raise.map((w) => ({ scope: w.scope, subjectId: w.subjectId, subject: w.subject, level: w.level, message: alertMessage(w.text) }));
    const raised = await this.alerts.insertRaised(em, hallId, toRaise, now);
    out.push(...raised.map((a) => ({ type: 'raised' as const, alert: alertView(a) })));
    return out;
  }
}
