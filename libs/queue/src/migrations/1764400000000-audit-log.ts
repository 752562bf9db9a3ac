import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The manager's audit log. */
export class AuditLog1764400000000 implements MigrationInterface {
  name = 'AuditLog1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.driver.options.type === 'better-sqlite3';
    await q.createTable(new Table({
      name: 'audit_entry',
      columns: [
        { name: 'id', type: sqlite ? 'integer' : 'bigint', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'hallId', type: 'varchar', length: '36' },
        { name: 'at', type: 'bigint' },
        { name: 'actor', type: 'varchar', length: '64' },
        { name: 'action', type: 'varchar', length: '40' },
        { name: 'data', type: 'text', isNullable: true },
      ],
      indices: [new TableIndex({ name: 'ix_audit_hall_time', columnNames: ['hallId', 'at'] })],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_entry');
  }
}
