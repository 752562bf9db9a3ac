import { Observable, Subject } from 'rxjs';
import type { TicketView, WindowView } from './views';

/** A change that committed. Published only after the transaction that made it committed. */
export type QueueDomainEvent =
  | { kind: 'ticket'; type: TicketEventName; hallId: string; at: number; ticket: TicketView; window: WindowView | null; data?: Record<string, unknown> }
  | { kind: 'window'; type: WindowEventName; hallId: string; at: number; window: WindowView; data?: Record<string, unknown> }
  | { kind: 'hall'; type: 'hall.changed' | 'category.changed' | 'day.closed_out'; hallId: string; at: number; data?: Record<string, unknown> };

export type TicketEventName =
  | 'issued' | 'called' | 'recalled' | 'started' | 'finished' | 'no_show' | 'cancelled' | 'transferred' | 'closed_out';
export type WindowEventName =
  | 'window.created' | 'window.opened' | 'window.paused' | 'window.resumed' | 'window.closed' | 'window.profile_changed';

/** The in-process stream the live gateway and the forecaster subscribe to. */
export class QueueEvents {
  private readonly subject = new Subject<QueueDomainEvent>();
  readonly stream: Observable<QueueDomainEvent> = this.subject.asObservable();

  publish(events: readonly QueueDomainEvent[]): void {
    for (const e of events) this.subject.next(e);
  }
}
