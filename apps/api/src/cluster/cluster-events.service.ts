import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { QueueEvents, type QueueDomainEvent } from '@hallq/queue';
import { map, Subject, type Observable, type Subscription } from 'rxjs';
import { RedisService } from './redis.service';
import { TicketEventCountsRepository } from './ticket-event-counts.repository';

/** A committed change with its hall's seq; `local` when this instance committed it. */
export interface SequencedEvent {
  event: QueueDomainEvent;
  seq: number;
  local: boolean;
}

interface BusMessage {
  from: string;
  seq: number;
  event: QueueDomainEvent;
}

/**
 * Every committed change of the cluster, in one stream per instance, each with its hall's `seq`
 * (docs/live.md): the changes this instance committed (QueueEvents) and, with Redis, those committed by
 * the other instances (the hall event bus, a Redis channel). The live feed and the forecaster follow
 * this stream, so every instance's screens and forecasts learn every change.
 *
 * seq counts the hall's ticket_event rows. It is seeded from the rows at start; alone, an instance
 * counts its own events; with Redis, the committing instance takes the next value of a shared per-hall
 * counter (INCR, floored at what it knows) and sends it with the event, so all instances agree. While
 * Redis is down each instance counts on alone, and the counter takes the highest value again after.
 */
@Injectable()
export class ClusterEventsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ClusterEventsService.name);
  private readonly seqs = new Map<string, number>();
  private readonly subject = new Subject<SequencedEvent>();
  readonly sequenced: Observable<SequencedEvent> = this.subject.asObservable();
  /** Every committed change in the cluster, for whoever does not need seq (the forecaster). */
  readonly all: Observable<QueueDomainEvent> = this.sequenced.pipe(map((s) => s.event));
  private readonly channel: string;
  /** Keeps local events in commit order while each waits for its shared seq. */
  private chain: Promise<void> = Promise.resolve();
  private sub?: Subscription;

  constructor(
    private readonly eventCounts: TicketEventCountsRepository,
    private readonly events: QueueEvents,
    private readonly redis: RedisService,
  ) {
    this.channel = redis.key('events');
  }

  /** Seeds seq per hall from its rows, then follows this instance's events and the bus. */
  async onModuleInit(): Promise<void> {
    await this.recount();
    this.sub = this.events.stream.subscribe((e) => this.onLocal(e));
    // After a Redis outage each instance counted alone: catch up with the rows, so the shared counter
    // (floored at what each instance knows) counts the rows again.
    this.sub.add(this.redis.reconnected.subscribe(() => {
      this.recount().catch((e: Error) => this.logger.warn(`Recounting seq after the Redis outage failed: ${e.message}`));
    }));
    const bus = this.redis.events;
    if (bus) {
      bus.on('message', (channel: string, message: string) => {
        if (channel === this.channel) this.onRemote(message);
      });
      bus.subscribe(this.channel).catch((e: Error) => this.logger.warn(`Could not subscribe to the hall event bus: ${e.message}`));
    }
  }

  onModuleDestroy(): void {
    this.sub?.unsubscribe();
  }

  /** Raises each hall's seq to its ticket_event row count. */
  private async recount(): Promise<void> {
    for (const { hallId, count } of await this.eventCounts.countPerHall()) if (count > this.seqOf(hallId)) this.seqs.set(hallId, count);
  }

  /** The newest seq this instance knows for the hall. */
  seqOf(hallId: string): number {
    return this.seqs.get(hallId) ?? 0;
  }

  private onLocal(e: QueueDomainEvent): void {
    if (!this.redis.enabled) {
      // Alone: synchronous, exactly in publish order.
      this.emit(e, e.kind === 'hall' ? this.seqOf(e.hallId) : this.seqOf(e.hallId) + 1, true);
      return;
    }
    // Ask for the shared seq now (commands go out in order), hand events on in commit order.
    const shared: Promise<number | null> = e.kind === 'hall'
      ? Promise.resolve(null)
      : this.redis.nextSeq(e.hallId, this.seqOf(e.hallId) + 1).catch(() => null);
    this.chain = this.chain
      .then(() => shared)
      .then((s) => {
        const seq = e.kind === 'hall' ? this.seqOf(e.hallId) : s ?? this.seqOf(e.hallId) + 1;
        this.emit(e, seq, true);
        const message: BusMessage = { from: this.redis.instanceId, seq, event: e };
        void this.redis.publish(this.channel, JSON.stringify(message));
      })
      .catch((err: Error) => this.logger.error(`Sequencing a ${e.kind} event of hall ${e.hallId} failed: ${err.stack ?? err}`));
  }

  private onRemote(message: string): void {
    let m: BusMessage;
    try {
      m = JSON.parse(message) as BusMessage;
    } catch {
      return this.logger.warn('Ignored a malformed message on the hall event bus');
    }
    if (m.from === this.redis.instanceId || !m.event?.hallId || typeof m.seq !== 'number') return;
    this.emit(m.event, m.seq, false);
  }

  private emit(event: QueueDomainEvent, seq: number, local: boolean): void {
    if (seq > this.seqOf(event.hallId)) this.seqs.set(event.hallId, seq);
    this.subject.next({ event, seq, local });
  }
}
