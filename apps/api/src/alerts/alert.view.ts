import type { AlertScope } from '@hallq/contracts';
import type { AlertLevel } from '@hallq/queue';
import type { AlertEntity } from './alert.entity';

/** An alert as the REST list and the `alert` event show it. */
export interface AlertView {
  id: string;
  hallId: string;
  scope: AlertScope;
  subjectId: string;
  subject: string;
  level: AlertLevel | 'ping_pong';
  message: string;
  raisedAt: number;
  escalatedAt: number;
  acknowledgedAt: number | null;
  clearedAt: number | null;
}

export type AlertChange = { type: 'raised' | 'escalated' | 'cleared' | 'acknowledged'; alert: AlertView };

export function alertView(a: AlertEntity): AlertView {
  return {
    id: String(a.id), hallId: a.hallId, scope: a.scope, subjectId: a.subjectId, subject: a.subject, level: a.level, message: a.message,
    raisedAt: a.raisedAt, escalatedAt: a.escalatedAt, acknowledgedAt: a.acknowledgedAt, clearedAt: a.clearedAt,
  };
}
