// What a window does: call (by the routing rule or a chosen ticket), recall, serve, finish, no-show,
// transfer, and open, pause, resume or close itself. Each in one transaction with the window's row locked.
import type { EntityManager } from 'typeorm';
import type { Clock } from '../clock/clock';
import type { TicketEntity, WindowEntity } from '../entities';
import { QueueError } from '../errors/queue-error';
import { nextPriorityStreak, pickNextTicket } from '../routing/routing-rule';
import * as lifecycle from '../ticket/lifecycle';
import type { TicketState } from '../ticket/ticket-state';
import { nextWindowState, type WindowAction } from '../window/window-lifecycle';
import type { HallConfigCache } from './hall-config-cache';
import type { HallRepository } from './hall-repository';
import type { QueueEvents, TicketEventName, WindowEventName } from './queue-events';
import { stateOf, type TicketRepository } from './ticket-repository';
import type { TicketSteps } from './ticket-steps';
import type { TransactionRunner } from './transaction-runner';
import { windowView, type TicketView, type WindowView } from './views';

export type TransferInput = { category: string; window?: undefined } | { window: string; category?: undefined };

export class WindowActions {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly halls: HallRepository,
    private readonly tickets: TicketRepository,
    private readonly steps: TicketSteps,
    private readonly config: HallConfigCache,
    private readonly clock: Clock,
    private readonly events: QueueEvents,
    private readonly maxPriorityStreak: number,
  ) {}

  /** Calls the next ticket by the routing rule; null when nothing waits for this window. */
  async callNext(hallId: string, windowId: string): Promise<TicketView | null> {
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
        if (streak !== w.priorityStreak) await this.halls.setPriorityStreak(em, w.id, streak);
        await this.tickets.appendEvent(em, {
          hallId, ticketId: pick.id, windowId: w.id, categoryId: pick.categoryId, type: 'called', fromStatus: 'waiting', toStatus: next.status,
          at: now, data: null,
        });
        const t = (await this.tickets.findById(em, hallId, pick.id))!;
        return this.steps.event(em, t, w, 'called', now);
      }
    });
    if (!out) return null;
    this.events.publish([out]);
    return out.ticket;
  }

  /** Calls one chosen waiting ticket out of the routing order; the reason is kept in the event log. */
  async callTicket(hallId: string, windowId: string, ticket: { id?: string; number?: string }, reason: string): Promise<TicketView> {
    const now = this.clock.now();
    const out = await this.tx.run(async (em) => {
      const w = await this.lockIdleOpenWindow(em, hallId, windowId);
      const t = ticket.id ? await this.tickets.findById(em, hallId, ticket.id) : await this.tickets.findWaitingByNumber(em, hallId, ticket.number ?? '');
      if (!t) throw new QueueError('TICKET_NOT_FOUND', { ticket: ticket.id ?? ticket.number });
      return this.steps.persist(em, t, w, 'called', lifecycle.call(stateOf(t), w.id, now), now, { outOfOrder: true, reason });
    });
    this.events.publish([out]);
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

  /** Opens, pauses, resumes or closes the window; a window holding a ticket does not close. */
  async changeState(hallId: string, windowId: string, action: WindowAction, reason?: string): Promise<WindowView> {
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
      await this.halls.setWindowState(em, w);
      const type = WINDOW_EVENT[action];
      await this.tickets.appendEvent(em, {
        hallId, ticketId: null, windowId: w.id, categoryId: null, type, fromStatus: null, toStatus: state, at: now, data: reason ? { reason } : null,
      });
      const codes = await this.config.codeOf(hallId);
      return { kind: 'window', type, hallId, at: now, window: windowView(w, codes), data: reason ? { reason } : undefined } as const;
    });
    this.events.publish([out]);
    return out.window;
  }

  private async lockIdleOpenWindow(em: EntityManager, hallId: string, windowId: string): Promise<WindowEntity> {
    const w = await this.halls.getWindow(em, hallId, windowId, true);
    if (w.state !== 'open') {
      throw new QueueError('WINDOW_NOT_OPEN', { windowId: w.id, label: w.label, state: w.state });
    }
    const current = await this.tickets.findCurrentAtWindow(em, w.id);
    if (current) throw busy(w, current);
    return w;
  }

  /** Applies a lifecycle step to the ticket the window holds. */
  private async changeCurrent(
    hallId: string, windowId: string, type: TicketEventName,
    step: (s: TicketState, at: number) => TicketState, data?: Record<string, unknown>,
  ): Promise<TicketView> {
    const now = this.clock.now();
    const out = await this.tx.run(async (em) => {
      const w = await this.halls.getWindow(em, hallId, windowId, true);
      const t = await this.tickets.findCurrentAtWindow(em, w.id);
      if (!t) throw new QueueError('WINDOW_IDLE', { windowId: w.id, label: w.label });
      return this.steps.persist(em, t, w, type, step(stateOf(t), now), now, data);
    });
    this.events.publish([out]);
    return out.ticket;
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
