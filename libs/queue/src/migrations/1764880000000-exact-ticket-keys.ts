import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ticket tokens and idempotency keys compare exactly on MySQL too. Its default collations ignore letter
 * case, so a token typed in upper case found the ticket and a key differing only in case from an earlier
 * one hit the unique index (a 500) instead of issuing a new ticket. utf8mb4_bin compares bytes. SQLite's
 * `=` is already exact: nothing to do there.
 */
export class ExactTicketKeys1764880000000 implements MigrationInterface {
  name = 'ExactTicketKeys1764880000000';

  async up(q: QueryRunner): Promise<void> {
    if (!isMysql(q)) return;
    await q.query(
      'ALTER TABLE ticket MODIFY token varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, ' +
        'MODIFY idempotencyKey varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    if (!isMysql(q)) return;
    // Back to the table's default collation.
    await q.query('ALTER TABLE ticket MODIFY token varchar(64) NOT NULL, MODIFY idempotencyKey varchar(100) NOT NULL');
  }
}

function isMysql(q: QueryRunner): boolean {
  const t = q.connection.options.type;
  return t === 'mysql' || t === 'mariadb';
}
