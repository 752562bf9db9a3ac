import { Injectable } from '@nestjs/common';
import type { AlertScope } from '@hallq/contracts';
import { alertKey, HallEntity, type AlertLevel } from '@hallq/queue';
import { insertRows } from '@hallq/queue/infrastructure';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AlertEntity } from './alert.entity';

/** An alert to raise: its subject, level and message (the rest is the hall and the moment). */
export type NewAlert = Pick<AlertEntity, 'scope' | 'subjectId' | 'subject' | 'level' | 'message'>;

/** Rows per statement when alerts are raised or cleared in bulk (well under any placeholder limit). */
const BATCH = 500;
const ALERT_COLUMNS = ['hallId', 'scope', 'subjectId', 'subject', 'level', 'message', 'raisedAt', 'escalatedAt', 'acknowledgedAt', 'clearedAt'] as const;

/**
 * The alert table. A round's writes take the caller's transaction (`em`) and go in batches: an overloaded
 * hall raises an alert per waiting ticket at once (1,600 in one bench:issue round), and a statement and
 * commit per row competed with the tickets being issued.
 */
@Injectable()
export class AlertsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async hallIds(): Promise<string[]> {
    return (await this.dataSource.manager.find(HallEntity, { select: { id: true } })).map((h) => h.id);
  }

  hallExists(hallId: string): Promise<boolean> {
    return this.dataSource.manager.exists(HallEntity, { where: { id: hallId } });
  }

  /** The hall's alerts, newest escalation first, at most 500. */
  findForHall(hallId: string, openOnly: boolean): Promise<AlertEntity[]> {
    const where = openOnly ? { hallId, clearedAt: IsNull() } : { hallId };
    return this.dataSource.manager.find(AlertEntity, { where, order: { escalatedAt: 'DESC' }, take: 500 });
  }

  findInHall(hallId: string, alertId: string): Promise<AlertEntity | null> {
    return this.dataSource.manager.findOne(AlertEntity, { where: { hallId, id: alertId } });
  }

  async findById(alertId: string): Promise<AlertEntity> {
    return (await this.dataSource.manager.findOne(AlertEntity, { where: { id: alertId } }))!;
  }

  /** Conditional: a concurrent escalation (which clears the acknowledgement) is not overwritten. */
  async markAcknowledged(alert: Pick<AlertEntity, 'id' | 'level'>, at: number): Promise<void> {
    await this.dataSource.createQueryBuilder().update(AlertEntity).set({ acknowledgedAt: at })
      .where('id = :id AND level = :level AND acknowledgedAt IS NULL', { id: alert.id, level: alert.level }).execute();
  }

  /** The hall's open alerts, as plain rows: after a storm, hydrating each through TypeORM every round cost more CPU than the round. */
  async findOpen(em: EntityManager, hallId: string): Promise<AlertEntity[]> {
    return (await em.query(`SELECT * FROM alert WHERE hallId = ? AND clearedAt IS NULL`, [hallId])).map(alertOfRow);
  }

  /** Raises an open alert's level in place; the acknowledgement is asked again. */
  async escalate(em: EntityManager, alertId: string, level: AlertLevel | 'ping_pong', message: string, at: number): Promise<void> {
    await em.query('UPDATE alert SET level = ?, message = ?, escalatedAt = ?, acknowledgedAt = NULL WHERE id = ?', [level, message, at, alertId]);
  }

  async markCleared(em: EntityManager, alertIds: string[], at: number): Promise<void> {
    for (const part of chunks(alertIds, BATCH)) {
      await em.query(`UPDATE alert SET clearedAt = ? WHERE id IN (${part.map(() => '?').join(', ')})`, [at, ...part]);
    }
  }

  /**
   * Inserts the alerts raised at `at`, and returns them with their ids (in the order given). One round per
   * hall at a time (AlertsJob), so the hall's open rows raised at `at` are this round's.
   */
  async insertRaised(em: EntityManager, hallId: string, alerts: NewAlert[], at: number): Promise<AlertEntity[]> {
    if (!alerts.length) return [];
    const rows = alerts.map((a) => ({ hallId, ...a, raisedAt: at, escalatedAt: at, acknowledgedAt: null, clearedAt: null }));
    for (const part of chunks(rows, BATCH)) {
      await insertRows(em, 'alert', ALERT_COLUMNS, part.map((r) => ALERT_COLUMNS.map((c) => r[c])));
    }
    const ids: { id: string | number; scope: string; subjectId: string }[] = await em.query(
      'SELECT id, scope, subjectId FROM alert WHERE hallId = ? AND raisedAt = ? AND clearedAt IS NULL', [hallId, at]);
    const idOf = new Map(ids.map((r) => [alertKey(r), String(r.id)]));
    return rows.flatMap((r) => {
      const id = idOf.get(alertKey(r));
      return id ? [{ ...r, id }] : [];
    });
  }
}

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
