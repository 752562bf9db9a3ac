import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The name this migration had until issue 16, when it shared its timestamp with JobLock1764850000000 (which
 * ran first, and keeps it). TypeORM knows a migration by its name, so under its own timestamp it is new to a
 * database that ran it under the former name: there it records itself and changes nothing (its tables are
 * there), and it leaves the former record, so the code from before still starts on that database.
 */
const FORMER_NAME = 'SignIn1764850000000';

/** Staff accounts and sessions, device tokens, and shared settings. */
export class SignIn1764851000000 implements MigrationInterface {
  name = 'SignIn1764851000000';

  async up(q: QueryRunner): Promise<void> {
    if ((await q.query(`SELECT name FROM ${migrationsTable(q)} WHERE name = ?`, [FORMER_NAME])).length) return;
    await q.createTable(new Table({
      name: 'staff_account',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'username', type: 'varchar', length: '64', isUnique: true },
        { name: 'displayName', type: 'varchar', length: '100' },
        { name: 'role', type: 'varchar', length: '16' },
        { name: 'hallIds', type: 'text' },
        { name: 'windowIds', type: 'text' },
        { name: 'passwordHash', type: 'varchar', length: '255' },
        { name: 'failedSignIns', type: 'int', default: 0 },
        { name: 'lockedUntil', type: 'bigint', isNullable: true },
        { name: 'disabled', type: 'boolean', default: false },
        { name: 'createdAt', type: 'bigint' },
      ],
    }));
    await q.createTable(new Table({
      name: 'staff_session',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'accountId', type: 'varchar', length: '36' },
        { name: 'createdAt', type: 'bigint' },
        { name: 'expiresAt', type: 'bigint' },
        { name: 'revokedAt', type: 'bigint', isNullable: true },
      ],
      indices: [new TableIndex({ name: 'ix_staff_session_account', columnNames: ['accountId'] })],
    }));
    await q.createTable(new Table({
      name: 'device',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'hallId', type: 'varchar', length: '36' },
        { name: 'kind', type: 'varchar', length: '12' },
        { name: 'label', type: 'varchar', length: '100' },
        { name: 'tokenHash', type: 'varchar', length: '64', isUnique: true },
        { name: 'createdAt', type: 'bigint' },
        { name: 'createdBy', type: 'varchar', length: '64' },
        { name: 'revokedAt', type: 'bigint', isNullable: true },
      ],
      indices: [new TableIndex({ name: 'ix_device_hall', columnNames: ['hallId'] })],
    }));
    await q.createTable(new Table({
      name: 'hallq_setting',
      columns: [
        { name: 'key', type: 'varchar', length: '64', isPrimary: true },
        { name: 'value', type: 'varchar', length: '512' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['hallq_setting', 'device', 'staff_session', 'staff_account']) await q.dropTable(t);
    // So that the next revert is the migration before this one, not the former name (not in the code).
    await q.query(`DELETE FROM ${migrationsTable(q)} WHERE name = ?`, [FORMER_NAME]);
  }
}

function migrationsTable(q: QueryRunner): string {
  return q.connection.driver.escape(q.connection.options.migrationsTableName ?? 'migrations');
}
