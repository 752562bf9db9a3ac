import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { AlertBody, AlertChange } from '@hallq/contracts';
import {
  alertDelayAfterChange, AlertEntity, HallEntity, insertRows, levelRank, lineLevel, MAX_TRANSFERS, QueueEvents, QueueService, requireHall, ticketLevel,
  type AlertLevel, type AlertScope, type Clock,
} from '@hallq/queue';
import { Observable, Subject, type Subscription } from 'rxjs';
import { BackgroundLane } from '../common/scheduling/background-lane';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { DataSource, IsNull } from 'typeorm';
import { JobLockService } from '../cluster/job-lock.service';
import { HallForecastService } from '../forecast/hall-forecast.service';
import { CLOCK } from '../queue/queue.module';

/** An alert as REST and the manager feed send it: the wire contract's AlertBody. */
export type AlertView = AlertBody;
export type { AlertChange };

interface Wanted {
  scope: AlertScope;
  subjectId: string;
  subject: string;
  level: AlertLevel | 'ping_pong';
  message: string;
}

const MIN = 60_000;
const EVALUATE_EVERY_MS = 30_000;
const RANK = (l: AlertLevel | 'ping_pong') => (l === 'ping_pong' ? 0 : levelRank(l));

/**
 * Raises, escalates and clears alerts per category line and per waiting ticket (levels from
 * libs/queue's escalation rules, forecasts from the hall's forecaster), every 30 s. Alerts are stored,
 * acknowledged by a manager, and published on `changes` for live screens.
 */
@Injectable()
export class AlertsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AlertsService.name);
  private readonly subject = new Subject<AlertChange>();
  readonly changes: Observable<AlertChange> = this.subject.asObservable();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly forecasts: HallForecastService,
    private readonly locks: JobLockService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly events: QueueEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private sub?: Subscription;
  /** Halls with an evaluation due after a change, and each hall's evaluation in progress (one at a time). */
  private readonly due = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<AlertChange[]>>();

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
        // The lease spans the pace, not only `delay`: a long line's round rests as it goes (BackgroundLane)
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
  @Interval(EVALUATE_EVERY_MS)
  async evaluateAll(): Promise<boolean> {
    try {
      return await this.locks.runExclusive('alerts', EVALUATE_EVERY_MS - 2000, async () => {
        for (const h of await this.dataSource.manager.find(HallEntity, { select: { id: true } })) {
          try {
            await this.evaluate(h.id);
          } catch (e) {
            this.logger.warn(`Alert evaluation of hall ${h.id} failed: ${(e as Error).message}`);
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
    const wanted = new Map<string, Wanted>();
    const want = (w: Wanted) => wanted.set(keyOf(w), w);
    for (const l of state.lines) {
      const c = l.category;
      const pred = p?.categories.get(c.id);
      const level = lineLevel({
        oldestWaitMs: l.oldestIssuedAt === null ? null : now - l.oldestIssuedAt,
        targetMs: c.targetWaitSec * 1000,
        predictedWaitMs: l.waiting > 0 && pred ? pred.expectedWaitMs - Math.max(0, now - p!.at) : null,
      });
      if (level) want({ scope: 'category', subjectId: c.id, subject: c.code, level, message: lineMessage(c.nameEn, level, l, now, c.targetWaitSec) });
    }
    const targets = new Map(state.lines.map((l) => [l.category.id, l.category.targetWaitSec * 1000]));
    const lane = new BackgroundLane(); // a line of thousands: requests keep most of the thread
    for (const [i, t] of state.waiting.entries()) {
      if (i > 0 && i % YIELD_EVERY === 0) await lane.rest();
      const target = targets.get(t.categoryId) ?? 20 * MIN;
      const pred = p?.tickets.get(t.id);
      const total = pred ? pred.expectedCallAt - t.issuedAt : null;
      const level = ticketLevel(now - t.issuedAt, target, total);
      if (level) {
        want({ scope: 'ticket', subjectId: t.id, subject: t.number, level, message: `${t.number}: ${LEVEL_TEXT[level]} (waited ${Math.round((now - t.issuedAt) / MIN)} min, target ${Math.round(target / MIN)} min)` });
      }
      if (t.transferCount > MAX_TRANSFERS) {
        want({ scope: 'transfers', subjectId: t.id, subject: t.number, level: 'ping_pong', message: `${t.number} was transferred ${t.transferCount} times: sent back and forth between windows` });
      }
    }
    return this.reconcile(hallId, wanted, now);
  }

  async list(hallId: string, openOnly: boolean): Promise<AlertView[]> {
    await requireHall(this.dataSource.manager, hallId);
    const rows = await this.dataSource.manager.find(AlertEntity, {
      where: openOnly ? { hallId, clearedAt: IsNull() } : { hallId },
      order: { escalatedAt: 'DESC' },
      take: 500,
    });
    return rows.map(view);
  }

  async acknowledge(hallId: string, alertId: string): Promise<AlertView> {
    await requireHall(this.dataSource.manager, hallId);
    const em = this.dataSource.manager;
    const a = await em.findOne(AlertEntity, { where: { hallId, id: alertId } });
    if (!a) throw new AppError('ALERT_NOT_FOUND', { alertId });
    if (a.acknowledgedAt === null) {
      // Conditional: a concurrent escalation (which clears the acknowledgement) is not overwritten.
      await em.createQueryBuilder().update(AlertEntity).set({ acknowledgedAt: this.clock.now() })
        .where('id = :id AND level = :level AND acknowledgedAt IS NULL', { id: a.id, level: a.level }).execute();
    }
    const fresh = view((await em.findOne(AlertEntity, { where: { id: a.id } }))!);
    this.subject.next({ type: 'acknowledged', alert: fresh });
    return fresh;
  }

  private async reconcile(hallId: string, wanted: Map<string, Wanted>, now: number): Promise<AlertChange[]> {
    // One transaction, and rows raised or cleared in batches: an overloaded hall raises an alert per
    // waiting ticket at once (1,600 in one bench:issue round), and a statement and commit per row competed
    // with the tickets being issued. The changes go out after the commit.
    const changes = await this.dataSource.transaction(async (em) => {
      // Plain rows: after a storm, hydrating every open alert through TypeORM each round cost more CPU than the round.
      const open: AlertEntity[] = (await em.query(`SELECT * FROM alert WHERE hallId = ? AND clearedAt IS NULL`, [hallId])).map(alertOfRow);
      const out: AlertChange[] = [];
      const seen = new Set<string>();
      const cleared: AlertEntity[] = [];
      for (const a of open) {
        const key = keyOf(a);
        const w = wanted.get(key);
        seen.add(key);
        if (!w) {
          a.clearedAt = now;
          cleared.push(a);
        } else if (RANK(w.level) > RANK(a.level)) {
          Object.assign(a, { level: w.level, message: w.message, escalatedAt: now, acknowledgedAt: null });
          await em.query('UPDATE alert SET level = ?, message = ?, escalatedAt = ?, acknowledgedAt = NULL WHERE id = ?', [w.level, w.message, now, a.id]);
          out.push({ type: 'escalated', alert: view(a) });
        }
      }
      for (const part of chunks(cleared, BATCH)) {
        await em.query(`UPDATE alert SET clearedAt = ? WHERE id IN (${part.map(() => '?').join(', ')})`, [now, ...part.map((a) => a.id)]);
      }
      out.push(...cleared.map((a) => ({ type: 'cleared' as const, alert: view(a) })));
      const raised = [...wanted].filter(([key]) => !seen.has(key)).map(([, w]) => ({ hallId, ...w, raisedAt: now, escalatedAt: now, acknowledgedAt: null, clearedAt: null }));
      for (const part of chunks(raised, BATCH)) {
        await insertRows(em, 'alert', ALERT_COLUMNS, part.map((a) => ALERT_COLUMNS.map((c) => a[c])));
      }
      if (raised.length) {
        // Open and raised at `now`: this round's rows (one evaluation per hall at a time, JobLockService).
        const ids: { id: string | number; scope: string; subjectId: string }[] = await em.query(
          'SELECT id, scope, subjectId FROM alert WHERE hallId = ? AND raisedAt = ? AND clearedAt IS NULL', [hallId, now]);
        const idOf = new Map(ids.map((r) => [keyOf(r), String(r.id)]));
        for (const r of raised) {
          const id = idOf.get(keyOf(r));
          if (id) out.push({ type: 'raised', alert: view({ ...r, id }) });
        }
      }
      return out;
    });
    const lane = new BackgroundLane(); // each goes out to the managers' sockets
    for (const [i, c] of changes.entries()) {
      if (i > 0 && i % YIELD_EVERY === 0) await lane.rest();
      this.subject.next(c);
    }
    return changes;
  }
}

const LEVEL_TEXT: Record<AlertLevel, string> = {
  predicted_over: 'expected to wait past the target',
  over: 'waiting past the target',
  over_twice: 'waiting more than twice the target',
};

function lineMessage(name: string, level: AlertLevel, l: { waiting: number; openWindows: number }, _now: number, targetSec: number): string {
  return `${name}: ${LEVEL_TEXT[level]} of ${Math.round(targetSec / 60)} min (${l.waiting} waiting, ${l.openWindows} windows open)`;
}

/** Rows per statement when alerts are raised or cleared in bulk (well under any placeholder limit). */
const BATCH = 500;
/** Long loops of a round (a line of thousands) rest this often (BackgroundLane). */
const YIELD_EVERY = 500;
const ALERT_COLUMNS = ['hallId', 'scope', 'subjectId', 'subject', 'level', 'message', 'raisedAt', 'escalatedAt', 'acknowledgedAt', 'clearedAt'] as const;

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** A raw alert row as the entity: ids and epoch-ms columns come back as strings from MySQL's BIGINT. */
function alertOfRow(r: Record<string, unknown>): AlertEntity {
  const ms = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(r.id), hallId: r.hallId as string, scope: r.scope as AlertScope, subjectId: r.subjectId as string, subject: r.subject as string,
    level: r.level as AlertEntity['level'], message: r.message as string, raisedAt: Number(r.raisedAt), escalatedAt: Number(r.escalatedAt),
    acknowledgedAt: ms(r.acknowledgedAt), clearedAt: ms(r.clearedAt),
  };
}

function keyOf(a: { scope: string; subjectId: string }): string {
  return `${a.scope}:${a.subjectId}`;
}

function view(a: AlertEntity): AlertView {
  return {
    id: String(a.id), hallId: a.hallId, scope: a.scope, subjectId: a.subjectId, subject: a.subject, level: a.level, message: a.message,
    raisedAt: a.raisedAt, escalatedAt: a.escalatedAt, acknowledgedAt: a.acknowledgedAt, clearedAt: a.clearedAt,
  };
}
