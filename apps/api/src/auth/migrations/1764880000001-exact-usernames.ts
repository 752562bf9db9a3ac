import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usernames compare exactly on MySQL too: with its default case-insensitive collation "ADMIN" signed in
 * as "admin". utf8mb4_bin compares bytes, as SQLite's `=` already does (nothing to do there).
 */
export class ExactUsernames1764880000001 implements MigrationInterface {
  name = 'ExactUsernames1764880000001';

  async up(q: QueryRunner): Promise<void> {
    if (!isMysql(q)) return;
    await q.query('ALTER TABLE staff_account MODIFY username varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    if (!isMysql(q)) return;
    await q.query('ALTER TABLE staff_account MODIFY username varchar(64) NOT NULL');
  }
}

function isMysql(q: QueryRunner): boolean {
  const t = q.connection.options.type;
  return t === 'mysql' || t === 'mariadb';
}
