import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Alerts raised for managers. */
export class Alerts1764600000000 implements MigrationInterface {
  name = 'Alerts1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.driver.options.type === 'better-sqlite3';
    await q.createTable(new Table({
      name: 'alert',
      columns: [
        { name: 'id', type: sqlite ? 'integer' : 'bigint', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'hallId', type: 'varchar', length: '36' },
        { name: 'scope', type: 'varchar', length: '12' },
        { name: 'subjectId', type: 'varchar', length: '36' },
        { name: 'subject', type: 'varchar', length: '40' },
        { name: 'level', type: 'varchar', length: '16' },
        { name: 'message', type: 'varchar', length: '300' },
        { name: 'raisedAt', type: 'bigint' },
        { name: 'escalatedAt', type: 'bigint' },
        { name: 'acknowledgedAt', type: 'bigint', isNullable: true },
        { name: 'clearedAt', type: 'bigint', isNullable: true },
      ],
      indices: [new TableIndex({ name: 'ix_alert_open', columnNames: ['hallId', 'clearedAt'] })],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('alert');
  }
}
