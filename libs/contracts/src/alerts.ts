/**
 * Line alerts: `GET /halls/:hallId/alerts` and the manager feed of /live (`alerts`, `alert`; docs/live.md).
 * The api's AlertView is this type, so the REST answer, the socket events and the manager page agree.
 */
export type AlertScope = 'category' | 'ticket' | 'transfers';
export type AlertLevel = 'predicted_over' | 'over' | 'over_twice' | 'ping_pong';

export interface AlertBody {
  id: string;
  hallId: string;
  scope: AlertScope;
  subjectId: string;
  subject: string;
  level: AlertLevel;
  /** English, for logs and the manager page's tooltip. */
  message: string;
  raisedAt: number;
  escalatedAt: number;
  acknowledgedAt: number | null;
  clearedAt: number | null;
}

export type AlertChange = { type: 'raised' | 'escalated' | 'cleared' | 'acknowledged'; alert: AlertBody };

/** /live `alerts`: the hall's open alerts, once after subscribing (and on every reconnect). */
export interface AlertsEvent { hallId: string; at: number; alerts: AlertBody[] }

/** /live `alert`: one change, merged by `alert.id`. */
export type AlertEvent = AlertChange & { hallId: string };
