// Issuing: the group commit that numbers tickets, inserts them and their events, and answers retries.
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Clock } from '../clock/clock';
import { TicketEntity, type HallEntity, type ServiceCategoryEntity } from '../entities';
import { QueueError } from '../errors/queue-error';
import { isOpenAt } from '../hall/opening-hours';
import { formatTicketNumber, newTrackingToken, serviceDayOf } from '../numbering/numbering';
import type { PriorityClass } from '../routing/routing-rule.types';
import { peopleAheadInGroup } from '../ticket/people-ahead';
import type { Channel } from '../ticket/ticket-state';
import { GroupCommit, type Outcome } from './group-commit';
import type { HallConfigCache } from './hall-config-cache';
import type { IssuingPorts } from './issuing-ports';
import type { QueueEvents } from './queue-events';
import { appendEvents, type TicketRepository } from './ticket-repository';
import { isUniqueViolation, type TransactionRunner } from './transaction-runner';
import { categoryView, hallView, ticketView, type CategoryView, type HallView, type TicketView } from './views';

export interface IssueTicketInput {
  category: string;
  priority: PriorityClass;
  channel: Channel;
  /** Kiosks retry with the same key; the retry gets the same ticket. Generated when absent. */
  idempotencyKey?: string;
  /**
   * Who is asking (the api passes a device, an account or an address). A key is bound to its caller: the
   * same key from another caller is refused (IDEMPOTENCY_MISMATCH), never answered with the first
   * caller's ticket and token.
   */
  caller?: string;
}

export interface IssuedTicket extends CitizenTicketView {
  /** False when this was a retry of an earlier request with the same idempotency key. */
  created: boolean;
}

export interface CitizenTicketView {
  ticket: TicketView;
  peopleAhead: number;
  hall: HallView;
  category: CategoryView;
}

/**
 * Issues tickets. Concurrent issues of one (hall, category, day) are grouped into one transaction (see
 * GroupCommit), and every ticket is committed before its caller gets its number.
 */
export class TicketIssuing {
  private readonly groups = new GroupCommit<PendingIssue, IssuedTicket>((_key, group, release) => this.issueGroup(group, release));

  constructor(
    private readonly tx: TransactionRunner,
    private readonly ports: IssuingPorts,
    private readonly tickets: TicketRepository,
    private readonly config: HallConfigCache,
    private readonly clock: Clock,
    /** The citizen's view of an earlier ticket, for a retry's answer. */
    private readonly citizenView: (em: EntityManager, t: TicketEntity) => Promise<CitizenTicketView>,
    private readonly events: QueueEvents,
  ) {}

  /** Issues a ticket of an active category while the hall is open. */
  async issue(hallId: string, input: IssueTicketInput): Promise<IssuedTicket> {
    const now = this.clock.now();
    const { hall, category } = await this.config.category(hallId, input.category);
    if (!category.active) {
      throw new QueueError('CATEGORY_PAUSED', { category: category.code, categoryNameZh: category.nameZh, categoryNameEn: category.nameEn });
    }
    if (!isOpenAt(hall, now, hall.timeZone)) {
      throw new QueueError('HALL_CLOSED', {
        opensAt: hall.opensAt, closesAt: hall.closesAt,
      });
    }
    const serviceDay = serviceDayOf(now, hall.timeZone);
    const request: PendingIssue = { hall, category, serviceDay, input, key: input.idempotencyKey ?? randomUUID(), hash: requestHash(input), now };
    return this.groups.submit(`${hall.id}|${category.id}|${serviceDay}`, request);
  }

  /**
   * One transaction for a group of issues of one sequence; retried when a concurrent retry won a key.
   * What runs beside the transaction, and when the next group may start, is the database's matter
   * (IssueOverlap); the numbers come from TicketNumbers.
   */
  private async issueGroup(group: PendingIssue[], release: () => void): Promise<Outcome<IssuedTicket>[]> {
    const { hall, category, serviceDay } = group[0];
    const em = this.tx.dataSource.manager;
    const keys = [...new Set(group.map((r) => r.key))];
    const line = { categoryId: category.id, targetWindowId: null };
    const { numbers, overlap } = this.ports;
    for (let attempt = 1; ; attempt++) {
      try {
        const found = overlap.beforeWork((kem) => this.tickets.findByKeys(kem, hall.id, keys));
        const done = await this.tx.run(async (tem) => {
          const earlier = new Map((await found(tem)).map((t) => [t.idempotencyKey, t]));
          const fresh = new Map<string, PendingIssue>();
          for (const r of group) if (!earlier.has(r.key) && !fresh.has(r.key)) fresh.set(r.key, r);
          const created: TicketEntity[] = [];
          let counted: (() => Promise<{ priority: number; normal: number }>) | null = null;
          if (fresh.size) {
            // The sequence stays held until commit: only inserts follow.
            let seq = await numbers.reserve(tem, { hallId: hall.id, categoryId: category.id, serviceDay }, fresh.size);
            for (const r of fresh.values()) {
              created.push(tem.create(TicketEntity, {
                id: randomUUID(), token: newTrackingToken(), hallId: hall.id, categoryId: category.id, issuedCategoryId: category.id, serviceDay, seq,
                number: formatTicketNumber(category.prefix, seq), priority: r.input.priority, channel: r.input.channel, status: 'waiting',
                windowId: null, targetWindowId: null, issuedAt: r.now, calledAt: null, startedAt: null, finishedAt: null,
                recallCount: 0, transferCount: 0, idempotencyKey: r.key, requestHash: r.hash,
              }));
              seq++;
            }
            // People ahead: the line before this group, without its own rows (the count may run after commit).
            const ids = created.map((t) => t.id);
            counted = overlap.besideWrites((cem) => this.tickets.lineCounts(cem, hall.id, line, ids));
            await this.tickets.insertMany(tem, created);
            await appendEvents(tem, created.map((t) => ({
              hallId: t.hallId, ticketId: t.id, windowId: null, categoryId: t.categoryId, type: 'issued', fromStatus: null, toStatus: 'waiting', at: t.issuedAt,
              data: { priority: t.priority, channel: t.channel, number: t.number },
            })));
            overlap.onlyCommitLeft(release);
          }
          return { earlier, created, counted };
        });
        const mine = new Map(done.created.map((t) => [t.idempotencyKey, t]));
        this.events.publish(done.created.map((t) => ({
          kind: 'ticket' as const, type: 'issued' as const, hallId: hall.id, at: t.issuedAt, ticket: ticketView(t, category.code, null), window: null,
        })));
        const ahead = new Map<string, number>();
        if (done.counted) {
          const base = await done.counted();
          const counts = peopleAheadInGroup(base, done.created.map((t) => t.priority));
          done.created.forEach((t, i) => ahead.set(t.id, counts[i]));
        }
        const answered = new Set<string>();
        return Promise.all(group.map(async (r): Promise<Outcome<IssuedTicket>> => {
          try {
            const t = mine.get(r.key);
            if (t && !answered.has(r.key)) {
              answered.add(r.key);
              if (t.requestHash !== r.hash) throw mismatch();
              const value = {
                ticket: ticketView(t, category.code, null), created: true, peopleAhead: ahead.get(t.id) ?? 0,
                hall: hallView(hall), category: categoryView(category),
              };
              return { ok: true, value };
            }
            // A retry: of an earlier request, or of one in this very group.
            return { ok: true, value: await this.replay(em, done.earlier.get(r.key) ?? t!, r.hash) };
          } catch (error) {
            return { ok: false, error };
          }
        }));
      } catch (e) {
        // A retry on another instance committed the same key first: go again, it will be found.
        if (attempt < 3 && isUniqueViolation(e, 'uq_ticket_idempotency')) continue;
        throw e;
      }
    }
  }

  private async replay(em: EntityManager, t: TicketEntity, hash: string): Promise<IssuedTicket> {
    if (t.requestHash !== hash) throw mismatch();
    return { ...(await this.citizenView(em, t)), created: false };
  }
}

/** What a retry must repeat to get the same ticket: the request and who sent it. */
function requestHash(input: IssueTicketInput): string {
  const parts: string[] = [input.category, input.priority, input.channel];
  if (input.caller !== undefined) parts.push(input.caller);
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Names nothing of the earlier ticket: the caller may not be the one who took it. */
function mismatch(): QueueError {
  return new QueueError('IDEMPOTENCY_MISMATCH', {});
}

interface PendingIssue {
  hall: HallEntity;
  category: ServiceCategoryEntity;
  serviceDay: string;
  input: IssueTicketInput;
  key: string;
  hash: string;
  now: number;
}
