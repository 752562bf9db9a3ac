import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Issue 14: failed sign-ins counted per (account or username, address) instead of per account, and the
 * source of a rating, so the citizen's own phone rating replaces one entered at the counter pad.
 */
export class SignInSecurity1764890000000 implements MigrationInterface {
  name = 'SignInSecurity1764890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'sign_in_failure',
      columns: [
        { name: 'id', type: 'varchar', length: '64', isPrimary: true },
        { name: 'subject', type: 'varchar', length: '80' },
        { name: 'failures', type: 'int' },
        { name: 'lastAt', type: 'bigint' },
      ],
      indices: [new TableIndex({ name: 'ix_sign_in_failure_subject', columnNames: ['subject'] })],
    }));
    await q.addColumn('rating', new TableColumn({ name: 'source', type: 'varchar', length: '8', default: "'phone'" }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('rating', 'source');
    await q.dropTable('sign_in_failure');
  }
}
