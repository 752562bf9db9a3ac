import type { EntityManager } from 'typeorm';
import { In, LessThan } from 'typeorm';
import { TicketEntity, TicketEventEntity } from '../entities';
import { insertRows } from '../infrastructure/insert-rows';
import type { RoutableTicket } from '../routing/routing-rule.types';
import { peopleAhead } from '../ticket/people-ahead';
import type { TicketState, TicketStatus } from '../ticket/ticket-state';
import type { TicketEventName } from './queue-events';
import type { WaitingTicket } from './views';

export type TicketChange = Pick<
  TicketEntity,
  'status' | 'categoryId' | 'windowId' | 'targetWindowId' | 'calledAt' | 'startedAt' | 'finishedAt' | 'recallCount' | 'transferCount'
>;

/** A hall's waiting line, oldest first, ties by id (findWaiting and findWaitingBrief read it alike). */
const WAITING_LINE = "FROM ticket WHERE hallId = ? AND status = 'waiting' ORDER BY issuedAt ASC, id ASC";

/** Ticket reads and guarded writes. Every write is conditional on the status the caller last saw. */
export class TicketRepository {
  /** `actor`: who is acting now (the api reads it from the request); recorded on each event appended. */
  constructor(private readonly actor: () => string | null = () => null) {}

  /**
   * Inserts rows exactly as given. TypeORM's default insert re-reads the new rows and copies them back
   * onto the entities by position; MySQL returns them in key order, which swapped ids between tickets.
   */
  async insertMany(em: EntityManager, rows: TicketEntity[]): Promise<void> {
    await insertRows(em, 'ticket', TICKET_COLUMNS, rows.map((t) => TICKET_COLUMNS.map((c) => t[c])));
  }

  findByKeys(em: EntityManager, hallId: string, keys: string[]): Promise<TicketEntity[]> {
    return em.find(TicketEntity, { where: { hallId, idempotencyKey: In(keys) } });
  }

  findByToken(em: EntityManager, token: string): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { token } });
  }

  findById(em: EntityManager, hallId: string, id: string): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { hallId, id } });
  }

  findWaitingByNumber(em: EntityManager, hallId: string, number: string): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { hallId, number, status: 'waiting' }, order: { issuedAt: 'DESC' } });
  }

  /** The ticket a window holds (called or in service), if any. */
  findCurrentAtWindow(em: EntityManager, windowId: string): Promise<TicketEntity | null> {
    return em.findOne(TicketEntity, { where: { windowId, status: In(['called', 'serving']) }, order: { calledAt: 'DESC' } });
  }

  /**
   * What a window could call: the head of each of its lines (category x priority class) and every ticket
   * transferred to it. The rule only ever calls a line's head (within a category and class: the oldest,
   * then the smallest id; see pickNextTicket), so one index probe per line replaces reading the hall's
   * whole line on every call (a call cost O(line) in the database and in the api before). Transferred
   * tickets are looked up per category of the hall, so the line index finds them too.
   */
  async findCandidates(
    em: EntityManager,
    hallId: string,
    windowId: string,
    categoryIds: readonly string[],
    hallCategoryIds: readonly string[],
  ): Promise<RoutableTicket[]> {
    const cols = 'id, categoryId, priority, issuedAt, targetWindowId';
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const categoryId of categoryIds) {
      for (const priority of ['priority', 'normal']) {
        parts.push(
          `SELECT * FROM (SELECT ${cols} FROM ticket WHERE hallId = ? AND status = 'waiting' AND categoryId = ? AND priority = ? ` +
            `AND targetWindowId IS NULL ORDER BY issuedAt, id LIMIT 1) h${parts.length}`,
        );
        params.push(hallId, categoryId, priority);
      }
    }
    if (hallCategoryIds.length) {
      parts.push(
        `SELECT ${cols} FROM ticket WHERE hallId = ? AND status = 'waiting' ` +
          `AND categoryId IN (${hallCategoryIds.map(() => '?').join(', ')}) AND targetWindowId = ?`,
      );
      params.push(hallId, ...hallCategoryIds, windowId);
    }
    if (!parts.length) return [];
    const rows: { id: string; categoryId: string; priority: RoutableTicket['priority']; issuedAt: unknown; targetWindowId: string | null }[] =
      await em.query(parts.join(' UNION ALL '), params);
    return rows.map((t) => ({
      id: t.id, categoryId: t.categoryId, priority: t.priority, issuedAt: Number(t.issuedAt), targetWindowId: t.targetWindowId ?? null,
    }));
  }

  /**
   * The whole line, oldest first (ties by id: every read, and every instance, sees one order). Read as
   * plain rows: TypeORM's entity transform of a long line ran in one go on the event loop (10-13 ms for
   * 12,000 tickets, every forecast refresh), stalling requests.
   */
  async findWaiting(em: EntityManager, hallId: string): Promise<TicketEntity[]> {
    const rows: Record<keyof TicketEntity, unknown>[] = await em.query(
      `SELECT ${TICKET_COLUMNS.join(', ')} ${WAITING_LINE}`,
      [hallId],
    );
    return rows.map(ticketOfRow);
  }

  /**
   * The whole line in brief, in the same order: seven of the ticket's twenty columns, one object per ticket.
   * The forecast refresh holds the line while it runs, and what it holds is what the young-generation
   * collections around it copy (10-30 ms pauses next to each refresh of a 15,000-ticket line).
   */
  async findWaitingBrief(em: EntityManager, hallId: string): Promise<WaitingTicket[]> {
    const rows: {
      id: string; number: string; categoryId: string; priority: WaitingTicket['priority'];
      issuedAt: unknown; targetWindowId: string | null; transferCount: unknown;
    }[] = await em.query(
      `SELECT id, number, categoryId, priority, issuedAt, targetWindowId, transferCount ${WAITING_LINE}`,
      [hallId],
    );
    return rows.map((t) => ({
      id: t.id, number: t.number, categoryId: t.categoryId, priority: t.priority,
      issuedAt: num(t.issuedAt), targetWindowId: t.targetWindowId ?? null, transferCount: num(t.transferCount),
    }));
  }

  findInService(em: EntityManager, hallId: string): Promise<TicketEntity[]> {
    return em.find(TicketEntity, { where: { hallId, status: In(['called', 'serving']) } });
  }

  /** Tickets called or recalled today, most recent call first (the screen's "now calling" list). */
  async findRecentlyCalled(em: EntityManager, hallId: string, serviceDay: string, limit: number): Promise<TicketEntity[]> {
    const calls = await em.find(TicketEventEntity, {
      where: { hallId, type: In(['called', 'recalled']) },
      select: { id: true, ticketId: true },
      order: { id: 'DESC' },
      take: limit * 3,
    });
    const ids = [...new Set(calls.map((c) => c.ticketId!))];
    if (!ids.length) return [];
    const tickets = await em.find(TicketEntity, { where: { id: In(ids), serviceDay } });
    const byId = new Map(tickets.map((t) => [t.id, t]));
    return ids.map((id) => byId.get(id)).filter((t): t is TicketEntity => !!t).slice(0, limit);
  }

  /** Tickets left in line from service days before `today`. */
  findLeftover(em: EntityManager, hallId: string, today: string): Promise<TicketEntity[]> {
    return em.find(TicketEntity, { where: { hallId, status: In(['waiting', 'called']), serviceDay: LessThan(today) } });
  }

  /** Waiting tickets of a line (category, or one target window) by class, leaving some ids out. */
  async lineCounts(
    em: EntityManager, hallId: string, line: { categoryId: string; targetWindowId: string | null }, except: string[],
  ): Promise<{ priority: number; normal: number }> {
    const qb = em
      .createQueryBuilder(TicketEntity, 't')
      .select('t.priority', 'priority')
      .addSelect('COUNT(*)', 'n')
      .where('t.hallId = :hallId AND t.status = :waiting', { hallId, waiting: 'waiting' })
      .groupBy('t.priority');
    if (line.targetWindowId) qb.andWhere('t.targetWindowId = :tw', { tw: line.targetWindowId });
    else qb.andWhere('t.categoryId = :cat AND t.targetWindowId IS NULL', { cat: line.categoryId });
    if (except.length) qb.andWhere('t.id NOT IN (:...except)', { except });
    const rows: { priority: string; n: string | number }[] = await qb.getRawMany();
    const of = (p: string) => Number(rows.find((r) => r.priority === p)?.n ?? 0);
    return { priority: of('priority'), normal: of('normal') };
  }

  /** People who will be called before this waiting ticket (see peopleAhead). */
  async countAhead(em: EntityManager, t: TicketEntity): Promise<number> {
    const line = (qb: ReturnType<EntityManager['createQueryBuilder']>) =>
      t.targetWindowId
        ? qb.andWhere('o.targetWindowId = :tw', { tw: t.targetWindowId })
        : qb.andWhere('o.categoryId = :cat AND o.targetWindowId IS NULL', { cat: t.categoryId });
    const base = () =>
      em.createQueryBuilder(TicketEntity, 'o')
        .where('o.hallId = :hallId AND o.status = :waiting AND o.id <> :id', { hallId: t.hallId, waiting: 'waiting', id: t.id });
    const priority = t.priority === 'priority' ? 0 : await line(base()).andWhere("o.priority = 'priority'").getCount();
    const sameClassBefore = await line(base())
      .andWhere('o.priority = :p AND (o.issuedAt < :at OR (o.issuedAt = :at AND o.seq < :seq))', { p: t.priority, at: t.issuedAt, seq: t.seq })
      .getCount();
    return peopleAhead(t.priority, { priority, sameClassBefore });
  }

  /**
   * Writes one lifecycle step of a ticket: its new state, only if it is still in the status it was read in,
   * and the step's event. False, with nothing written, when another actor changed the ticket first.
   */
  async writeStep(em: EntityManager, t: TicketEntity, next: TicketState, event: StepEvent): Promise<boolean> {
    if (!(await this.applyIfStatus(em, t.id, t.status, changeOf(next)))) return false;
    await this.appendEvent(em, {
      hallId: t.hallId, ticketId: t.id, windowId: event.windowId, categoryId: t.categoryId, type: event.type, fromStatus: t.status, toStatus: next.status,
      at: event.at, data: event.data,
    });
    return true;
  }

  /** Applies a change only if the ticket is still in `expected` status; false when another actor won. */
  async applyIfStatus(em: EntityManager, id: string, expected: TicketStatus, change: Partial<TicketChange>): Promise<boolean> {
    const r = await em
      .createQueryBuilder()
      .update(TicketEntity)
      .set(change)
      .where('id = :id AND status = :expected', { id, expected })
      .execute();
    return r.affected === 1;
  }

  appendEvent(em: EntityManager, e: NewEvent): Promise<unknown> {
    return appendEvent(em, { ...e, actor: e.actor ?? this.actor() });
  }
}

/** The event of a lifecycle step (see writeStep): the ticket's own fields come from the ticket. */
export interface StepEvent {
  type: TicketEventName;
  windowId: string | null;
  at: number;
  data: Record<string, unknown> | null;
}

/** An event to append; `actor` defaults to null (the system, a citizen, a kiosk). */
export type NewEvent = Omit<TicketEventEntity, 'id' | 'actor'> & { actor?: string | null };

const EVENT_COLUMNS = ['hallId', 'ticketId', 'windowId', 'categoryId', 'type', 'fromStatus', 'toStatus', 'at', 'actor', 'data'] as const;

/** Appends several events in one statement. */
export function appendEvents(em: EntityManager, es: NewEvent[]): Promise<unknown> {
  return insertRows(em, 'ticket_event', EVENT_COLUMNS, es.map((e) => [
    // `data` is a simple-json column: JSON text, or NULL.
    e.hallId, e.ticketId ?? null, e.windowId ?? null, e.categoryId ?? null, e.type, e.fromStatus ?? null, e.toStatus ?? null,
    e.at, e.actor ?? null, e.data == null ? null : JSON.stringify(e.data),
  ]));
}

/** Appends to the event log; call inside the transaction that makes the change. */
export function appendEvent(em: EntityManager, e: NewEvent): Promise<unknown> {
  return appendEvents(em, [e]);
}

export function stateOf(t: TicketEntity): TicketState {
  return {
    id: t.id, status: t.status, categoryId: t.categoryId, windowId: t.windowId, targetWindowId: t.targetWindowId,
    issuedAt: t.issuedAt, calledAt: t.calledAt, startedAt: t.startedAt, finishedAt: t.finishedAt,
    recallCount: t.recallCount, transferCount: t.transferCount,
  };
}

export function changeOf(s: TicketState): TicketChange {
  return {
    status: s.status, categoryId: s.categoryId, windowId: s.windowId, targetWindowId: s.targetWindowId,
    calledAt: s.calledAt, startedAt: s.startedAt, finishedAt: s.finishedAt, recallCount: s.recallCount,
    transferCount: s.transferCount,
  };
}

const TICKET_COLUMNS: readonly (keyof TicketEntity)[] = [
  'id', 'token', 'hallId', 'categoryId', 'issuedCategoryId', 'serviceDay', 'seq', 'number', 'priority', 'channel', 'status',
  'windowId', 'targetWindowId', 'issuedAt', 'calledAt', 'startedAt', 'finishedAt', 'recallCount', 'transferCount',
  'idempotencyKey', 'requestHash',
];

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A ticket row as the entity would hold it (mysql2 returns BIGINT as strings; see column-types). */
function ticketOfRow(r: Record<keyof TicketEntity, unknown>): TicketEntity {
  return {
    id: r.id as string, token: r.token as string, hallId: r.hallId as string, categoryId: r.categoryId as string,
    issuedCategoryId: r.issuedCategoryId as string, serviceDay: r.serviceDay as string, seq: num(r.seq), number: r.number as string,
    priority: r.priority as TicketEntity['priority'], channel: r.channel as TicketEntity['channel'], status: r.status as TicketStatus,
    windowId: (r.windowId as string | null) ?? null, targetWindowId: (r.targetWindowId as string | null) ?? null,
    issuedAt: num(r.issuedAt), calledAt: numOrNull(r.calledAt), startedAt: numOrNull(r.startedAt), finishedAt: numOrNull(r.finishedAt),
    recallCount: num(r.recallCount), transferCount: num(r.transferCount), idempotencyKey: r.idempotencyKey as string, requestHash: r.requestHash as string,
  };
}
