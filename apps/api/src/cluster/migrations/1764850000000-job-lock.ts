import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Leases on scheduled work, so several api instances run each job once (JobLockEntity). Moved here from
 * libs/queue with its name unchanged: TypeORM knows a migration by its name, so databases that ran it
 * there do not run it again.
 */
export class JobLock1764850000000 implements MigrationInterface {
  name = 'JobLock1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'job_lock',
      columns: [
        { name: 'name', type: 'varchar', length: '64', isPrimary: true },
        { name: 'holder', type: 'varchar', length: '128' },
        { name: 'expiresAt', type: 'bigint' },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('job_lock');
  }
}
