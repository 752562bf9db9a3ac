// Reads of a hall: its state for screens and counters, and its waiting line in brief.
import type { EntityManager } from 'typeorm';
import type { Clock } from '../clock/clock';
import type { TicketEntity } from '../entities';
import { isOpenAt } from '../hall/opening-hours';
import { serviceDayOf } from '../numbering/numbering';
import { byLabel, type HallRepository } from './hall-repository';
import type { TicketRepository } from './ticket-repository';
import type { TransactionRunner } from './transaction-runner';
import {
  categoryView, hallView, ticketView, windowView, type CategoryView, type HallView, type TicketView, type WaitingTicket, type WindowView,
} from './views';

export interface HallLine {
  category: CategoryView;
  waiting: number;
  priorityWaiting: number;
  oldestIssuedAt: number | null;
  /** Open windows whose work profile includes the category. */
  openWindows: number;
}

export interface HallState<W extends WaitingTicket = TicketView> {
  hall: HallView & { serviceDay: string; isOpen: boolean };
  lines: HallLine[];
  windows: (WindowView & { current: TicketView | null })[];
  recentCalls: TicketView[];
  /** Every waiting ticket, oldest first; for counters and the forecaster. */
  waiting: W[];
  at: number;
}

/** The hall with its waiting line in brief (QueueService.hallLineState). */
export type HallLineState = HallState<WaitingTicket>;

/** Reads the hall as it is now (QueueService first closes out an earlier service day when one is due). */
export class HallReads {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly halls: HallRepository,
    private readonly tickets: TicketRepository,
    private readonly clock: Clock,
  ) {}

  async hallState(hallId: string): Promise<HallState> {
    return this.readHall(hallId, (em) => this.tickets.findWaiting(em, hallId), (t, view) => view(t));
  }

  /**
   * The hall as hallState reads it, with the waiting line in brief: for the forecast refresh and the
   * alert rounds, which read a line of thousands every second or so and need few of a ticket's columns.
   */
  hallLineState(hallId: string): Promise<HallLineState> {
    return this.readHall(hallId, (em) => this.tickets.findWaitingBrief(em, hallId), (t) => t);
  }

  private async readHall<R extends WaitingTicket, W extends WaitingTicket>(
    hallId: string,
    readWaiting: (em: EntityManager) => Promise<R[]>,
    waitingView: (t: R, view: (t: TicketEntity) => TicketView) => W,
  ): Promise<HallState<W>> {
    const em = this.tx.dataSource.manager;
    const now = this.clock.now();
    const hall = await this.halls.getHall(em, hallId);
    const today = serviceDayOf(now, hall.timeZone);
    const [cats, wins, waiting, inService, recent] = await Promise.all([
      this.halls.listCategories(em, hallId),
      this.halls.listWindows(em, hallId),
      readWaiting(em),
      this.tickets.findInService(em, hallId),
      this.tickets.findRecentlyCalled(em, hallId, today, 10),
    ]);
    const codeOf = new Map(cats.map((c) => [c.id, c.code]));
    const labelOf = new Map(wins.map((w) => [w.id, w.label]));
    const view = (t: TicketEntity) => ticketView(t, codeOf.get(t.categoryId) ?? '', t.windowId ? labelOf.get(t.windowId) ?? null : null);
    // One pass over the line (a filter and a spread per category were O(categories x line), and the
    // spread overflows the stack past about 130,000 arguments on Node 20).
    const tally = new Map(cats.map((c) => [c.id, { waiting: 0, priorityWaiting: 0, oldestIssuedAt: null as number | null }]));
    for (const t of waiting) {
      const l = t.targetWindowId ? undefined : tally.get(t.categoryId);
      if (!l) continue;
      l.waiting++;
      if (t.priority === 'priority') l.priorityWaiting++;
      if (l.oldestIssuedAt === null || t.issuedAt < l.oldestIssuedAt) l.oldestIssuedAt = t.issuedAt;
    }
    const lines = cats.map((c): HallLine => ({
      category: categoryView(c),
      ...tally.get(c.id)!,
      openWindows: wins.filter((w) => w.state === 'open' && w.categoryIds.includes(c.id)).length,
    }));
    return {
      hall: { ...hallView(hall), serviceDay: today, isOpen: isOpenAt(hall, now, hall.timeZone) },
      lines,
      windows: wins.sort(byLabel).map((w) => {
        const cur = inService.find((t) => t.windowId === w.id);
        return { ...windowView(w, (id) => codeOf.get(id)), current: cur ? view(cur) : null };
      }),
      recentCalls: recent.map(view),
      waiting: waiting.map((t) => waitingView(t, view)),
      at: now,
    };
  }
}
