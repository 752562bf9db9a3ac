import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { QueueEvents } from '@hallq/queue';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Subscription } from 'rxjs';

/**
 * Prometheus metrics for this instance: tickets issued, calls, transitions, waits until called, and
 * HTTP latency per route. Fed from the committed-change stream, so a metric never counts a rollback.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  readonly registry = new Registry();
  private readonly issued = new Counter({
    name: 'hallq_tickets_issued_total', help: 'Tickets issued', labelNames: ['hall', 'category', 'channel'], registers: [this.registry],
  });
  private readonly calls = new Counter({
    name: 'hallq_calls_total', help: 'Tickets called or recalled at a window', labelNames: ['hall', 'recall'], registers: [this.registry],
  });
  private readonly transitions = new Counter({
    name: 'hallq_ticket_transitions_total', help: 'Ticket state changes by kind', labelNames: ['type'], registers: [this.registry],
  });
  private readonly waits = new Histogram({
    name: 'hallq_wait_seconds', help: 'Wait from issue to first call', labelNames: ['hall', 'category'],
    buckets: [60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800], registers: [this.registry],
  });
  private readonly http = new Histogram({
    name: 'hallq_http_request_duration_seconds', help: 'API request latency', labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry],
  });
  private countClients: () => Map<string, number> = () => new Map();
  /** Read at scrape time from the live gateway's sockets on this instance. */
  private readonly clients = new Gauge({
    name: 'hallq_live_clients', help: 'Connected /live clients on this instance, by role (screen, kiosk, clerk, manager, admin, citizen, unsubscribed)',
    labelNames: ['role'], registers: [this.registry],
    collect: () => {
      this.clients.reset();
      for (const [role, n] of this.countClients()) this.clients.set({ role }, n);
    },
  });
  private sub?: Subscription;

  constructor(private readonly events: QueueEvents) {
    collectDefaultMetrics({ register: this.registry, prefix: 'hallq_' });
  }

  onModuleInit(): void {
    this.sub = this.events.stream.subscribe((e) => {
      if (e.kind !== 'ticket') return;
      this.transitions.inc({ type: e.type });
      const t = e.ticket;
      if (e.type === 'issued') this.issued.inc({ hall: e.hallId, category: t.category, channel: t.channel });
      if (e.type === 'called' || e.type === 'recalled') this.calls.inc({ hall: e.hallId, recall: String(e.type === 'recalled') });
      // First call only: a recall or a call after a transfer is not a new wait from issue.
      if (e.type === 'called' && t.calledAt !== null && t.transferCount === 0 && t.recallCount === 0) {
        this.waits.observe({ hall: e.hallId, category: t.category }, Math.max(0, (t.calledAt - t.issuedAt) / 1000));
      }
    });
  }

  onModuleDestroy(): void {
    this.sub?.unsubscribe();
  }

  /** The live gateway says how to count its clients by role. */
  countLiveClientsWith(count: () => Map<string, number>): void {
    this.countClients = count;
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status: String(status) }, seconds);
  }
}
