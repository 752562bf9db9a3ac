import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The line index goes on to category, priority and issue time: a window's call reads the head of each
 * of its lines (one index probe each) instead of every waiting ticket of the hall, and people-ahead
 * counts one line's range. It replaces the (hallId, status) index, which is its prefix. Tickets
 * transferred to a window are found by that window.
 */
export class LineHeadIndex1764870000000 implements MigrationInterface {
  name = 'LineHeadIndex1764870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('ticket', 'ix_ticket_line');
    await q.createIndex('ticket', new TableIndex({ name: 'ix_ticket_line', columnNames: ['hallId', 'status', 'categoryId', 'priority', 'issuedAt'] }));
    await q.createIndex('ticket', new TableIndex({ name: 'ix_ticket_target', columnNames: ['targetWindowId', 'status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('ticket', 'ix_ticket_target');
    await q.dropIndex('ticket', 'ix_ticket_line');
    await q.createIndex('ticket', new TableIndex({ name: 'ix_ticket_line', columnNames: ['hallId', 'status'] }));
  }
}
