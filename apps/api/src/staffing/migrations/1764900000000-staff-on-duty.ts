import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Today's clerks on duty per hall, set by its manager (StaffOnDutyEntity); the advice stays within it. */
export class StaffOnDuty1764900000000 implements MigrationInterface {
  name = 'StaffOnDuty1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'staff_on_duty',
      columns: [
        { name: 'hallId', type: 'varchar', length: '36', isPrimary: true },
        { name: 'serviceDay', type: 'varchar', length: '10' },
        { name: 'clerksOnDuty', type: 'int' },
        { name: 'setAt', type: 'bigint' },
        { name: 'setBy', type: 'varchar', length: '64' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('staff_on_duty');
  }
}
