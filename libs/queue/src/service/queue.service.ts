// Over 300 lines: the facade keeps every window transition with its transaction, guard and event together (issuing is in ticket-issuing.ts).
import type { EntityManager } from 'typeorm';
import type { Clock } from '../clock/clock';
import { HallEntity, TicketEntity, WindowEntity } from '../entities';
import { QueueError } from '../errors/queue-error';
import { serviceDayOf } from '../numbering/numbering';
import { DEFAULT_MAX_PRIORITY_STREAK, nextPriorityStreak, pickNextTicket } from '../routing/routing-rule';
import * as lifecycle from '../ticket/lifecycle';
import type { TicketState } from '../ticket/ticket-state';
import { nextWindowState, type WindowAction } from '../window/window-lifecycle';
import { HallRepository } from './hall-repository';
import { QueueEvents, type QueueDomainEvent, type TicketEventName, type WindowEventName } from './queue-events';
import { HallConfigCache } from './hall-config-cache';
import { HallReads, type HallLineState, type HallState } from './hall-reads';
import { changeOf, stateOf, TicketRepository } from './ticket-repository';
import { TicketIssuing, type CitizenTicketView, type IssuedTicket, type IssueTicketInput } from './ticket-issuing';
import type { IssuingPorts } from './issuing-ports';
import type { TransactionRunner } from './transaction-runner';
import {
  categoryView, hallView, ticketView, windowView, type TicketView, type WindowView,
} from './views';

export type { CitizenTicketView, IssuedTicket, IssueTicketInput } from './ticket-issuing';
export type { HallLine, HallLineState, HallState } from './hall-reads';
export type { IssueOverlap, IssuingPorts, NumberSequence, TicketNumbers } from './issuing-ports';

export type TransferInput = { category: string; window?: undefined } | { window: string; category?: undefined };

export interface QueueServiceOptions {
  maxPriorityStreak?: number;
  /** Who is acting (a clerk's username), for the event log; the api reads it from the request. */
  actor?: () => string | null;
}

/**
 * The queue's use cases. Each loads what it needs, applies the pure rules (lifecycle, routing,
 * numbering), persists the change and its event in one transaction, and publishes after commit.
 */
export class QueueService {
  private readonly halls = new HallRepository();
  private readonly tickets: TicketRepository;
  private readonly maxPriorityStreak: number;
  /** Service day each hall was last closed out for: skips the check on the hot path. */
  private readonly closedOut = new Map<string, { day: string; timeZone: string }>();
  private readonly config: HallConfigCache;
  private readonly issuing: TicketIssuing;
  private readonly reads: HallReads;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly events: QueueEvents,
    private readonly clock: Clock,
    /** The database's adapters (`issuingAdapters(tx)` of `@hallq/queue/infrastructure`). */
    issuingPorts: IssuingPorts,
    options: QueueServiceOptions = {},
  ) {
    this.maxPriorityStreak = options.maxPriorityStreak ?? DEFAULT_MAX_PRIORITY_STREAK;
    this.tickets = new TicketRepository(options.actor);
    this.config = new HallConfigCache(tx, events);
    this.reads = new HallReads(tx, this.halls, this.tickets, clock, (id) => this.closeOutIfDue(id));
    this.issuing = new TicketIssuing(tx, issuingPorts, this.tickets, this.config, clock, (em, t) => this.citizenView(em, t), events);
  }

  /** A hall's configuration changed elsewhere (another instance): read it again on next use. */
  forgetHallConfig(hallId: string): void {
    this.config.forget(hallId);
  }

  // ---- issuing ---------------------------------------------------------------------------------

  /**
   * Issues a ticket. Concurrent issues of one (hall, category, day) are grouped into one transaction
   * (see GroupCommit), and every ticket is committed before its caller gets its number.
   */
  async issueTicket(hallId: string, input: IssueTicketInput): Promise<IssuedTicket> {
    await this.closeOutIfDue(hallId);
    return this.issuing.issue(hallId, input);
  }

  // ---- the citizen -------------------------------------------------------------------------------

  async getByToken(token: string): Promise<CitizenTicketView> {
    const em = this.tx.dataSource.manager;
    const t = await this.tickets.findByToken(em, token);
    if (!t) throw new QueueError('TICKET_NOT_FOUND', { reason: 'TRACKING_CODE' });
    return this.citizenView(em, t);
  }

  private async citizenView(em: EntityManager, t: TicketEntity): Promise<CitizenTicketView> {
    const [hall, cat] = await Promise.all([this.halls.getHall(em, t.hallId), this.halls.getCategory(em, t.hallId, t.categoryId)]);
    const label = t.windowId ? (await em.findOne(WindowEntity, { where: { id: t.windowId } }))?.label ?? null : null;
    const peopleAhead = t.status === 'waiting' ? await this.tickets.countAhead(em, t) : 0;
    return { ticket: ticketView(t, cat.code, label), peopleAhead, hall: hallView(hall), category: categoryView(cat) };
  }

  async cancelByToken(token: string): Promise<TicketView> {
    const em = this.tx.dataSource.manager;
    const found = await this.tickets.findByToken(em, token);
    if (!found) throw new QueueError('TICKET_NOT_FOUND', { reason: 'TRACKING_CODE' });
    return this.changeTicket(found.hallId, found.id, 'cancelled', (s, at) => lifecycle.cancel(s, at), {});
  }

  // ---- the window --------------------------------------------------------------------------------

  /** Calls the next ticket by the routing rule; null when nothing waits for this window. */
  async callNext(hallId: string, windowId: string): Promise<TicketView | null> {
    await this.closeOutIfDue(hallId);
    const now = this.clock.now();
    const out = await this.tx.run(async (em) => {
      const w = await this.lockIdleOpenWindow(em, hallId, windowId);
      const cats = await this.halls.listCategories(em, hallId);
      const targetWaitMs = Object.fromEntries(cats.map((c) => [c.id, c.targetWaitSec * 1000]));
      const hallCategoryIds = cats.map((c) => c.id);
      let candidates = await this.tickets.findCandidates(em, hallId, w.id, w.categoryIds, hallCategoryIds);
      for (;;) {
        const pick = pickNextTicket(w, candidates, { now, targetWaitMs, maxPriorityStreak: this.maxPriorityStreak });
        if (!pick) return null;
        const next = lifecycle.call(lifecycle.waitingState(pick), w.id, now);
        const won = await this.tickets.applyIfStatus(em, pick.id, 'waiting', lifecycle.callChange(next));
        if (!won) {
          // Another window called it first: read the heads again (its line has a new one).
          candidates = await this.tickets.findCandidates(em, hallId, w.id, w.categoryIds, hallCategoryIds);
          continue;
        }
        const streak = nextPriorityStreak(w, pick);
        if (streak !== w.priorityStreak) await em.update(WindowEntity, { id: w.id }, { priorityStreak: streak });
        await this.tickets.appendEvent(em, {
          hallId, ticketId: pick.id, windowId: w.id, categoryId: pick.categoryId, type: 'called', fromStatus: 'waiting', toStatus: next.status,
          at: now, data: null,
        });
        const t = (await this.tickets.findById(em, hallId, pick.id))!;
        return this.ticketEvent(em, t, w, 'called', now);
      }
    });
    if (!out) return null;
    this.publish(out);
    return out.ticket;
  }

  /** Calls one chosen waiting ticket out of the routing order; the reason is kept in the event log. */
  async callTicket(hallId: string, windowId: string, ticket: { id?: string; number?: string }, reason: string): Promise<TicketView> {
    const now = this.clock.now();
    const out = await this.tx.run(async (em) => {
      const w = await this.lockIdleOpenWindow(em, hallId, windowId);
      const t = ticket.id ? await this.tickets.findById(em, hallId, ticket.id) : await this.tickets.findWaitingByNumber(em, hallId, ticket.number ?? '');
      if (!t) throw new QueueError('TICKET_NOT_FOUND', { ticket: ticket.id ?? ticket.number });
      return this.persistStep(em, t, w, 'called', lifecycle.call(stateOf(t), w.id, now), now, { outOfOrder: true, reason });
    });
    this.publish(out);
    return out.ticket;
  }

  recall(hallId: string, windowId: string): Promise<TicketView> {
    return this.changeCurrent(hallId, windowId, 'recalled', (s, at) => lifecycle.recall(s, at));
  }

  start(hallId: string, windowId: string): Promise<TicketView> {
    return this.changeCurrent(hallId, windowId, 'started', (s, at) => lifecycle.start(s, at));
  }

  finish(hallId: string, windowId: string): Promise<TicketView> {
    return this.changeCurrent(hallId, windowId, 'finished', (s, at) => lifecycle.finish(s, at));
  }

  noShow(hallId: string, windowId: string): Promise<TicketView> {
    return this.changeCurrent(hallId, windowId, 'no_show', (s, at) => lifecycle.noShow(s, at));
  }

  /** Sends the window's current ticket back to the line of another category, or to one window. */
  async transfer(hallId: string, windowId: string, to: TransferInput): Promise<TicketView> {
    const em = this.tx.dataSource.manager;
    let target: lifecycle.TransferTarget;
    if (to.window) {
      const tw = await this.halls.getWindow(em, hallId, to.window);
      if (tw.state === 'closed') throw new QueueError('WINDOW_NOT_OPEN', { reason: 'TRANSFER_TO_CLOSED', windowId: tw.id, label: tw.label });
      target = { windowId: tw.id };
    } else {
      target = { categoryId: (await this.halls.getCategoryByCode(em, hallId, to.category ?? '')).id };
    }
    return this.changeCurrent(hallId, windowId, 'transferred', (s) => lifecycle.transfer(s, target), {
      from: windowId, toWindow: to.window ?? null, toCategory: to.category ?? null,
    });
  }

  async windowAction(hallId: string, windowId: string, action: WindowAction, reason?: string): Promise<WindowView> {
    const now = this.clock.now();
    const out = await this.tx.run(async (em) => {
      const w = await this.halls.getWindow(em, hallId, windowId, true);
      const state = nextWindowState(w.state, action, w.id);
      if (action === 'close') {
        const current = await this.tickets.findCurrentAtWindow(em, w.id);
        if (current) throw busy(w, current);
      }
      w.state = state;
      w.pauseReason = action === 'pause' ? reason ?? null : null;
      await em.update(WindowEntity, { id: w.id }, { state: w.state, pauseReason: w.pauseReason });
      const type = WINDOW_EVENT[action];
      await this.tickets.appendEvent(em, {
        hallId, ticketId: null, windowId: w.id, categoryId: null, type, fromStatus: null, toStatus: state, at: now, data: reason ? { reason } : null,
      });
      const codes = await this.config.codeOf(hallId);
      return { kind: 'window', type, hallId, at: now, window: windowView(w, codes), data: reason ? { reason } : undefined } as const;
    });
    this.publish(out);
    return out.window;
  }

  // ---- reading the hall ----------------------------------------------------------------------------

  hallState(hallId: string): Promise<HallState> {
    return this.reads.hallState(hallId);
  }

  /** The hall with its waiting line in brief (see HallReads.hallLineState). */
  hallLineState(hallId: string): Promise<HallLineState> {
    return this.reads.hallLineState(hallId);
  }

  // ---- end of the service day ----------------------------------------------------------------------

  /**
   * Closes out tickets left waiting or called from earlier service days (unless the hall keeps its line
   * overnight), each with a `closed_out` event. Runs lazily before operations and from a scheduler.
   */
  async closeOutIfDue(hallId: string): Promise<number> {
    const now = this.clock.now();
    const known = this.closedOut.get(hallId);
    if (known && serviceDayOf(now, known.timeZone) === known.day) return 0;
    const em = this.tx.dataSource.manager;
    const hall = await em.findOne(HallEntity, { where: { id: hallId } });
    if (!hall) return 0;
    const today = serviceDayOf(now, hall.timeZone);
    if (hall.closedOutDay === today) {
      this.closedOut.set(hallId, { day: today, timeZone: hall.timeZone });
      return 0;
    }
    const events: QueueDomainEvent[] = [];
    await this.tx.run(async (em) => {
      if (!hall.keepLineOvernight) {
        for (const t of await this.tickets.findLeftover(em, hallId, today)) {
          const next = lifecycle.closeOut(stateOf(t), now);
          if (!(await this.tickets.applyIfStatus(em, t.id, t.status, changeOf(next)))) continue;
          await this.tickets.appendEvent(em, {
            hallId, ticketId: t.id, windowId: t.windowId, categoryId: t.categoryId, type: 'closed_out', fromStatus: t.status, toStatus: 'unserved', at: now,
            data: { serviceDay: t.serviceDay },
          });
          events.push(await this.ticketEvent(em, Object.assign(t, changeOf(next)), null, 'closed_out', now));
        }
      }
      await em.update(HallEntity, { id: hallId }, { closedOutDay: today });
    });
    this.closedOut.set(hallId, { day: today, timeZone: hall.timeZone });
    if (events.length) this.publish(...events, { kind: 'hall', type: 'day.closed_out', hallId, at: now, data: { count: events.length } });
    return events.length;
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private async lockIdleOpenWindow(em: EntityManager, hallId: string, windowId: string): Promise<WindowEntity> {
    const w = await this.halls.getWindow(em, hallId, windowId, true);
    if (w.state !== 'open') {
      throw new QueueError('WINDOW_NOT_OPEN', { windowId: w.id, label: w.label, state: w.state });
    }
    const current = await this.tickets.findCurrentAtWindow(em, w.id);
    if (current) throw busy(w, current);
    return w;
  }

  /** Applies a lifecycle step to the ticket a window holds. */
  private async changeCurrent(
    hallId: string, windowId: string, type: TicketEventName,
    step: (s: TicketState, at: number) => TicketState, data?: Record<string, unknown>,
  ): Promise<TicketView> {
    const now = this.clock.now();
    const out = await this.tx.run(async (em) => {
      const w = await this.halls.getWindow(em, hallId, windowId, true);
      const t = await this.tickets.findCurrentAtWindow(em, w.id);
      if (!t) throw new QueueError('WINDOW_IDLE', { windowId: w.id, label: w.label });
      return this.persistStep(em, t, w, type, step(stateOf(t), now), now, data);
    });
    this.publish(out);
    return out.ticket;
  }

  /** Applies a lifecycle step to a ticket found by id (the citizen's cancel). */
  private async changeTicket(
    hallId: string, ticketId: string, type: TicketEventName,
    step: (s: TicketState, at: number) => TicketState, data: Record<string, unknown>,
  ): Promise<TicketView> {
    const now = this.clock.now();
    const out = await this.tx.run(async (em) => {
      const t = await this.tickets.findById(em, hallId, ticketId);
      if (!t) throw new QueueError('TICKET_NOT_FOUND');
      const w = t.windowId ? await em.findOne(WindowEntity, { where: { id: t.windowId } }) : null;
      return this.persistStep(em, t, w, type, step(stateOf(t), now), now, data);
    });
    this.publish(out);
    return out.ticket;
  }

  private async persistStep(
    em: EntityManager, t: TicketEntity, w: WindowEntity | null, type: TicketEventName, next: TicketState, now: number,
    data?: Record<string, unknown>,
  ) {
    const from = t.status;
    if (!(await this.tickets.applyIfStatus(em, t.id, from, changeOf(next)))) throw staleTicket(t);
    Object.assign(t, changeOf(next));
    await this.tickets.appendEvent(em, {
      hallId: t.hallId, ticketId: t.id, windowId: w?.id ?? null, categoryId: t.categoryId, type, fromStatus: from, toStatus: t.status, at: now,
      data: data ?? null,
    });
    return this.ticketEvent(em, t, w, type, now, data);
  }

  private async ticketEvent(
    em: EntityManager, t: TicketEntity, w: WindowEntity | null, type: TicketEventName, at: number, data?: Record<string, unknown>,
  ): Promise<Extract<QueueDomainEvent, { kind: 'ticket' }>> {
    const codes = await this.config.codeOf(t.hallId);
    const holder = t.windowId && t.windowId !== w?.id ? await em.findOne(WindowEntity, { where: { id: t.windowId } }) : w;
    return {
      kind: 'ticket', type, hallId: t.hallId, at,
      ticket: ticketView(t, codes(t.categoryId) ?? '', t.windowId ? holder?.label ?? null : null),
      window: w ? windowView(w, codes) : null,
      data,
    };
  }



  private publish(...events: QueueDomainEvent[]): void {
    this.events.publish(events);
  }
}

const WINDOW_EVENT: Record<WindowAction, WindowEventName> = {
  open: 'window.opened', pause: 'window.paused', resume: 'window.resumed', close: 'window.closed',
};

function busy(w: WindowEntity, t: TicketEntity): QueueError {
  return new QueueError('WINDOW_BUSY', {
    label: w.label, windowId: w.id, ticketId: t.id, number: t.number, status: t.status,
  });
}

function staleTicket(t: TicketEntity): QueueError {
  return new QueueError('ILLEGAL_TRANSITION', { reason: 'TICKET_CHANGED', ticketId: t.id, number: t.number, status: t.status });
}
