// How issuing meets each database: the numbering upsert and what may overlap the issuing transaction.
import type { EntityManager } from 'typeorm';
import type { IssueOverlap, IssuingPorts, NumberSequence, TicketNumbers } from '../service/issuing-ports';
import type { TransactionRunner } from '../service/transaction-runner';

/** The adapters for the database the runner works on. */
export function issuingAdapters(tx: TransactionRunner): IssuingPorts {
  const em = tx.dataSource.manager;
  return tx.isMysql
    ? { numbers: new MysqlTicketNumbers(), overlap: new PooledOverlap(em) }
    : { numbers: new SqliteTicketNumbers(), overlap: new SingleConnectionOverlap(em) };
}

/**
 * The counter row (ticket_counter) upserted: the upsert takes the row's lock until commit. MySQL has no
 * RETURNING, so the row is read back under the lock the upsert holds.
 */
export class MysqlTicketNumbers implements TicketNumbers {
  async reserve(em: EntityManager, s: NumberSequence, count: number): Promise<number> {
    await em.query(
      'INSERT INTO ticket_counter (hallId, categoryId, serviceDay, lastSeq) VALUES (?, ?, ?, ?) ' +
        'ON DUPLICATE KEY UPDATE lastSeq = lastSeq + ?',
      [s.hallId, s.categoryId, s.serviceDay, count, count],
    );
    const rows: { lastSeq: number }[] = await em.query(
      'SELECT lastSeq FROM ticket_counter WHERE hallId = ? AND categoryId = ? AND serviceDay = ?',
      [s.hallId, s.categoryId, s.serviceDay],
    );
    return Number(rows[0].lastSeq) - count + 1;
  }
}

/** The counter row upserted in one statement; SQLite's one writer is the hold. */
export class SqliteTicketNumbers implements TicketNumbers {
  async reserve(em: EntityManager, s: NumberSequence, count: number): Promise<number> {
    const rows: { lastSeq: number }[] = await em.query(
      'INSERT INTO ticket_counter (hallId, categoryId, serviceDay, lastSeq) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (hallId, categoryId, serviceDay) DO UPDATE SET lastSeq = lastSeq + ? RETURNING lastSeq',
      [s.hallId, s.categoryId, s.serviceDay, count, count],
    );
    return Number(rows[0].lastSeq) - count + 1;
  }
}

/**
 * MySQL: reads run on other pooled connections while the transaction works. A key read before the
 * transaction that commits after the read fails the insert on uq_ticket_idempotency, and issuing goes
 * again. Holding the counter lock, every earlier ticket of the sequence has committed and no later one
 * can, so a count started beside the inserts sees exactly the line before them.
 */
export class PooledOverlap implements IssueOverlap {
  constructor(private readonly pool: EntityManager) {}

  beforeWork<T>(read: (em: EntityManager) => Promise<T>): (tem: EntityManager) => Promise<T> {
    const started = read(this.pool);
    started.catch(() => undefined);
    return () => started;
  }

  besideWrites<T>(read: (em: EntityManager) => Promise<T>): () => Promise<T> {
    const started = read(this.pool);
    started.catch(() => undefined);
    return () => started;
  }

  /**
   * The next group begins its transaction and queues on the counter row's lock in the database, so the
   * lock passes from group to group at commit, not after this group's answers and the next group's first
   * round trips. (Released any earlier, the next group would start with only the few requests that came
   * in meanwhile: more, smaller groups, and more api CPU per ticket.)
   */
  onlyCommitLeft(release: () => void): void {
    release();
  }
}

/**
 * SQLite: one connection. Reads before the work run inside the transaction, counts after commit, and the
 * next group of a sequence starts when this one has been answered.
 */
export class SingleConnectionOverlap implements IssueOverlap {
  constructor(private readonly db: EntityManager) {}

  beforeWork<T>(read: (em: EntityManager) => Promise<T>): (tem: EntityManager) => Promise<T> {
    return (tem) => read(tem);
  }

  besideWrites<T>(read: (em: EntityManager) => Promise<T>): () => Promise<T> {
    return () => read(this.db);
  }

  onlyCommitLeft(_release: () => void): void {
    // Not now: the group commit releases the next group at this group's end.
  }
}
