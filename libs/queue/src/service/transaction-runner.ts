import type { DataSource, EntityManager } from 'typeorm';

const RETRYABLE_MYSQL = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */]);

/**
 * Runs a unit of work in one database transaction.
 * - MySQL: READ COMMITTED, so a retried read inside the transaction sees rows other transactions just
 *   committed (a conditional UPDATE that lost a race then re-reads the line); deadlocks are retried.
 * - SQLite: one connection, one writer. Transactions are queued in this process so two requests never
 *   interleave statements on the shared connection.
 */
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  readonly isMysql: boolean;

  constructor(readonly dataSource: DataSource) {
    this.isMysql = dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb';
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.isMysql) return this.runMysql(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async runMysql<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction('READ COMMITTED', work);
      } catch (e) {
        const errno = (e as { driverError?: { errno?: number } }).driverError?.errno;
        if (attempt >= 5 || errno === undefined || !RETRYABLE_MYSQL.has(errno)) throw e;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
      }
    }
  }
}

/** True when a write failed on a unique index; with `index`, only that index. */
export function isUniqueViolation(e: unknown, index?: string): boolean {
  const d = (e as { driverError?: { code?: string; errno?: number; message?: string } }).driverError;
  if (!d) return false;
  const unique = d.errno === 1062 || d.code === 'ER_DUP_ENTRY' || d.code === 'SQLITE_CONSTRAINT_UNIQUE' || d.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (!unique || !index) return unique;
  const msg = d.message ?? String(e);
  // MySQL names the index; SQLite names the columns of the index.
  return msg.includes(index) || (INDEX_COLUMNS[index] ?? []).every((c) => msg.includes(c));
}

const INDEX_COLUMNS: Record<string, string[]> = {
  uq_ticket_idempotency: ['ticket.hallId', 'ticket.idempotencyKey'],
  uq_category_code: ['service_category.hallId', 'service_category.code'],
  uq_category_prefix: ['service_category.hallId', 'service_category.prefix'],
  uq_window_label: ['service_window.hallId', 'service_window.label'],
};
