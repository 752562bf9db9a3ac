import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Who made each change (a clerk's username), for per-clerk figures. Old rows stay null. */
export class EventActor1764860000000 implements MigrationInterface {
  name = 'EventActor1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('ticket_event', new TableColumn({ name: 'actor', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('ticket_event', 'actor');
  }
}
