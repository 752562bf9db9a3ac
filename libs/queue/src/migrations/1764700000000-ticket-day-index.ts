import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** Reports and close-out read a hall's tickets by service day; without this they scan the hall. */
export class TicketDayIndex1764700000000 implements MigrationInterface {
  name = 'TicketDayIndex1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('ticket', new TableIndex({ name: 'ix_ticket_day', columnNames: ['hallId', 'serviceDay'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('ticket', 'ix_ticket_day');
  }
}
