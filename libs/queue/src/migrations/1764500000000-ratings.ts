import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Citizens' ratings of finished tickets (好差评): one per ticket. */
export class Ratings1764500000000 implements MigrationInterface {
  name = 'Ratings1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.driver.options.type === 'better-sqlite3';
    await q.createTable(new Table({
      name: 'rating',
      columns: [
        { name: 'id', type: sqlite ? 'integer' : 'bigint', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'ticketId', type: 'varchar', length: '36' },
        { name: 'hallId', type: 'varchar', length: '36' },
        { name: 'windowId', type: 'varchar', length: '36', isNullable: true },
        { name: 'categoryId', type: 'varchar', length: '36' },
        { name: 'serviceDay', type: 'varchar', length: '10' },
        { name: 'score', type: 'int' },
        { name: 'reasons', type: 'text' },
        { name: 'comment', type: 'varchar', length: '200', isNullable: true },
        { name: 'at', type: 'bigint' },
      ],
      indices: [
        new TableIndex({ name: 'uq_rating_ticket', columnNames: ['ticketId'], isUnique: true }),
        new TableIndex({ name: 'ix_rating_hall_day', columnNames: ['hallId', 'serviceDay'] }),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rating');
  }
}
