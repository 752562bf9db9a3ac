import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createPool, type Pool } from 'mysql2/promise';

/**
 * The database ceiling for issuing: the same counter-and-insert transaction the queue service runs
 * (READ COMMITTED; counter upsert + select, ticket insert, event insert, commit), with the same SQL
 * TypeORM sends, on a bare mysql2 pool. Nothing else: no hall/category lookups, no people-ahead
 * count, no HTTP.
 */
export class RawIssuer {
  readonly pool: Pool;
  private readonly hash = createHash('sha256').update(JSON.stringify(['bench', 'normal', 'kiosk'])).digest('hex');

  constructor(
    databaseUrl: string,
    poolSize: number,
    private readonly hallId: string,
    private readonly categoryId: string,
    private readonly prefix: string,
    private readonly serviceDay: string,
  ) {
    this.pool = createPool({ uri: databaseUrl, connectionLimit: poolSize, enableKeepAlive: true, charset: 'utf8mb4_unicode_ci' });
  }

  /** One ticket; deadlocks and lock wait timeouts are retried as the api's TransactionRunner does. */
  async issue(): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.issueOnce();
      } catch (e) {
        const errno = (e as { errno?: number }).errno;
        if (attempt >= 5 || (errno !== 1213 && errno !== 1205)) throw e;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
      }
    }
  }

  private async issueOnce(): Promise<number> {
    const conn = await this.pool.getConnection();
    try {
      await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      await conn.query('START TRANSACTION');
      try {
        const { hallId, categoryId, serviceDay } = this;
        await conn.query(
          'INSERT INTO ticket_counter (hallId, categoryId, serviceDay, lastSeq) VALUES (?, ?, ?, 1) ON DUPLICATE KEY UPDATE lastSeq = lastSeq + 1',
          [hallId, categoryId, serviceDay],
        );
        const [rows] = await conn.query(
          'SELECT lastSeq FROM ticket_counter WHERE hallId = ? AND categoryId = ? AND serviceDay = ?',
          [hallId, categoryId, serviceDay],
        );
        const seq = Number((rows as { lastSeq: number }[])[0].lastSeq);
        const id = randomUUID();
        const number = `${this.prefix}${String(seq).padStart(3, '0')}`;
        const at = Date.now();
        await conn.query(
          'INSERT INTO `ticket`(`id`, `token`, `hallId`, `categoryId`, `issuedCategoryId`, `serviceDay`, `seq`, `number`, `priority`, `channel`, `status`, ' +
            '`windowId`, `targetWindowId`, `issuedAt`, `calledAt`, `startedAt`, `finishedAt`, ' +
            '`recallCount`, `transferCount`, `idempotencyKey`, `requestHash`) ' +
            'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [id, randomBytes(24).toString('base64url'), hallId, categoryId, categoryId, serviceDay, seq, number, 'normal', 'kiosk', 'waiting',
            null, null, at, null, null, null, 0, 0, randomUUID(), this.hash],
        );
        await conn.query(
          'INSERT INTO `ticket_event`(`id`, `hallId`, `ticketId`, `windowId`, `categoryId`, `type`, `fromStatus`, `toStatus`, `at`, `data`) ' +
            'VALUES (DEFAULT, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [hallId, id, null, categoryId, 'issued', null, 'waiting', at, JSON.stringify({ priority: 'normal', channel: 'kiosk', number })],
        );
        await conn.query('COMMIT');
        return seq;
      } catch (e) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    } finally {
      conn.release();
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
