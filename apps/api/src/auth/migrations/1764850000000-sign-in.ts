import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Staff accounts and sessions, device tokens, and shared settings. */
export class SignIn1764850000000 implements MigrationInterface {
  name = 'SignIn1764850000000';

  async up(q: QueryRunner): Promise<void> {
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
  }
}
