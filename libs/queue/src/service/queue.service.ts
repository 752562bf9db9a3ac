import type { Clock } from '../clock/clock';
import { DEFAULT_MAX_PRIORITY_STREAK } from '../routing/routing-rule';
import type { WindowAction } from '../window/window-lifecycle';
import { CitizenTickets } from './citizen-tickets';
import { ServiceDayCloseOut } from './close-out';
import { HallConfigCache } from './hall-config-cache';
import { HallReads, type HallLineState, type HallState } from './hall-reads';
import { HallRepository } from './hall-repository';
import type { IssuingPorts } from './issuing-ports';
import type { QueueEvents } from './queue-events';
import { TicketIssuing, type CitizenTicketView, type IssuedTicket, type IssueTicketInput } from './ticket-issuing';
import { TicketRepository } from './ticket-repository';
import { TicketSteps } from './ticket-steps';
import type { TransactionRunner } from './transaction-runner';
import type { TicketView, WindowView } from './views';
import { WindowActions, type TransferInput } from './window-actions';

export type { CitizenTicketView, IssuedTicket, IssueTicketInput } from './ticket-issuing';
export type { HallLine, HallLineState, HallState } from './hall-reads';
export type { IssueOverlap, IssuingPorts, NumberSequence, TicketNumbers } from './issuing-ports';
export type { TransferInput } from './window-actions';

export interface QueueServiceOptions {
  maxPriorityStreak?: number;
  /** Who is acting (a clerk's username), for the event log; the api reads it from the request. */
  actor?: () => string | null;
}

/**
 * The queue's use cases, one face for the api. Each lives in its own module (issuing, the window's
 * actions, the citizen's ticket, the hall's reads, the close-out), which loads what it needs, applies the
 * pure rules (lifecycle, routing, numbering), persists the change and its event in one transaction, and
 * publishes after commit. Here: which of them first close out a service day that has ended.
 */
export class QueueService {
  private readonly config: HallConfigCache;
  private readonly closeOut: ServiceDayCloseOut;
  private readonly issuing: TicketIssuing;
  private readonly citizen: CitizenTickets;
  private readonly windows: WindowActions;
  private readonly reads: HallReads;

  /** `issuingPorts`: the database's adapters (`issuingAdapters(tx)` of `@hallq/queue/infrastructure`). */
  constructor(tx: TransactionRunner, events: QueueEvents, clock: Clock, issuingPorts: IssuingPorts, options: QueueServiceOptions = {}) {
    const halls = new HallRepository();
    const tickets = new TicketRepository(options.actor);
    this.config = new HallConfigCache(tx, events);
    const steps = new TicketSteps(halls, tickets, this.config);
    this.closeOut = new ServiceDayCloseOut(tx, halls, tickets, steps, clock, events);
    this.citizen = new CitizenTickets(tx, halls, tickets, steps, clock, events);
    this.issuing = new TicketIssuing(tx, issuingPorts, tickets, this.config, clock, (em, t) => this.citizen.view(em, t), events);
    const maxPriorityStreak = options.maxPriorityStreak ?? DEFAULT_MAX_PRIORITY_STREAK;
    this.windows = new WindowActions(tx, halls, tickets, steps, this.config, clock, events, maxPriorityStreak);
    this.reads = new HallReads(tx, halls, tickets, clock);
  }

  /** A hall's configuration changed elsewhere (another instance): read it again on next use. */
  forgetHallConfig(hallId: string): void {
    this.config.forget(hallId);
  }

  /**
   * Issues a ticket. Concurrent issues of one (hall, category, day) are grouped into one transaction
   * (see GroupCommit), and every ticket is committed before its caller gets its number.
   */
  async issueTicket(hallId: string, input: IssueTicketInput): Promise<IssuedTicket> {
    await this.closeOutIfDue(hallId);
    return this.issuing.issue(hallId, input);
  }

  getByToken(token: string): Promise<CitizenTicketView> {
    return this.citizen.byToken(token);
  }

  cancelByToken(token: string): Promise<TicketView> {
    return this.citizen.cancelByToken(token);
  }

  /** Calls the next ticket by the routing rule; null when nothing waits for this window. */
  async callNext(hallId: string, windowId: string): Promise<TicketView | null> {
    await this.closeOutIfDue(hallId);
    return this.windows.callNext(hallId, windowId);
  }

  /** Calls one chosen waiting ticket out of the routing order; the reason is kept in the event log. */
  callTicket(hallId: string, windowId: string, ticket: { id?: string; number?: string }, reason: string): Promise<TicketView> {
    return this.windows.callTicket(hallId, windowId, ticket, reason);
  }

  recall(hallId: string, windowId: string): Promise<TicketView> {
    return this.windows.recall(hallId, windowId);
  }

  start(hallId: string, windowId: string): Promise<TicketView> {
    return this.windows.start(hallId, windowId);
  }

  finish(hallId: string, windowId: string): Promise<TicketView> {
    return this.windows.finish(hallId, windowId);
  }

  noShow(hallId: string, windowId: string): Promise<TicketView> {
    return this.windows.noShow(hallId, windowId);
  }

  /** Sends the window's current ticket back to the line of another category, or to one window. */
  transfer(hallId: string, windowId: string, to: TransferInput): Promise<TicketView> {
    return this.windows.transfer(hallId, windowId, to);
  }

  windowAction(hallId: string, windowId: string, action: WindowAction, reason?: string): Promise<WindowView> {
    return this.windows.changeState(hallId, windowId, action, reason);
  }

  async hallState(hallId: string): Promise<HallState> {
    await this.closeOutIfDue(hallId);
    return this.reads.hallState(hallId);
  }

  /** The hall with its waiting line in brief (see HallReads.hallLineState). */
  async hallLineState(hallId: string): Promise<HallLineState> {
    await this.closeOutIfDue(hallId);
    return this.reads.hallLineState(hallId);
  }

  /** Ends the service days before today (see ServiceDayCloseOut); returns how many tickets it closed out. */
  closeOutIfDue(hallId: string): Promise<number> {
    return this.closeOut.ifDue(hallId);
  }

  /** The halls a close-out round goes through. */
  closeOutHallIds(): Promise<string[]> {
    return this.closeOut.hallIds();
  }
}
