import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

/** The queue schema, built with TypeORM's Table builders so one file runs on SQLite and MySQL. */
export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.driver.options.type === 'better-sqlite3';
    const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
    const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
    const str = (name: string, length: number, nullable = false, def?: string): TableColumnOptions => ({
      name, type: 'varchar', length: String(length), isNullable: nullable, default: def === undefined ? undefined : `'${def}'`,
    });
    const int = (name: string, def?: number): TableColumnOptions => ({ name, type: 'int', default: def });
    const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
    const bool = (name: string, def: boolean): TableColumnOptions => ({ name, type: 'boolean', default: def ? 1 : 0 });
    const json = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });

    await q.createTable(new Table({
      name: 'hall',
      columns: [id(), str('name', 120), str('timeZone', 64, false, 'Asia/Shanghai'), str('opensAt', 5, false, '09:00'),
        str('closesAt', 5, false, '17:00'), bool('keepLineOvernight', false), str('closedOutDay', 10, true), ms('createdAt')],
    }));
    await q.createTable(new Table({
      name: 'service_category',
      columns: [id(), ref('hallId'), str('code', 32), str('prefix', 3), str('nameZh', 120), str('nameEn', 120),
        int('targetWaitSec'), { name: 'targetShare', type: 'float', default: 0.9 }, json('materials'),
        int('defaultServiceSec'), bool('active', true), int('sortOrder', 0)],
      indices: [
        new TableIndex({ name: 'uq_category_code', columnNames: ['hallId', 'code'], isUnique: true }),
        new TableIndex({ name: 'uq_category_prefix', columnNames: ['hallId', 'prefix'], isUnique: true }),
      ],
    }));
    await q.createTable(new Table({
      name: 'service_window',
      columns: [id(), ref('hallId'), str('label', 16), str('state', 8, false, 'closed'), str('pauseReason', 200, true),
        json('categoryIds'), int('priorityStreak', 0)],
      indices: [new TableIndex({ name: 'uq_window_label', columnNames: ['hallId', 'label'], isUnique: true })],
    }));
    await q.createTable(new Table({
      name: 'ticket',
      columns: [id(), str('token', 64), ref('hallId'), ref('categoryId'), ref('issuedCategoryId'), str('serviceDay', 10),
        int('seq'), str('number', 12), str('priority', 12), str('channel', 12), str('status', 12), ref('windowId', true),
        ref('targetWindowId', true), ms('issuedAt'), ms('calledAt', true), ms('startedAt', true), ms('finishedAt', true),
        int('recallCount', 0), int('transferCount', 0), str('idempotencyKey', 100), str('requestHash', 64)],
      indices: [
        new TableIndex({ name: 'uq_ticket_token', columnNames: ['token'], isUnique: true }),
        new TableIndex({ name: 'uq_ticket_number', columnNames: ['hallId', 'issuedCategoryId', 'serviceDay', 'seq'], isUnique: true }),
        new TableIndex({ name: 'uq_ticket_idempotency', columnNames: ['hallId', 'idempotencyKey'], isUnique: true }),
        new TableIndex({ name: 'ix_ticket_line', columnNames: ['hallId', 'status'] }),
        new TableIndex({ name: 'ix_ticket_window', columnNames: ['windowId', 'status'] }),
      ],
    }));
    await q.createTable(new Table({
      name: 'ticket_event',
      columns: [
        { name: 'id', type: sqlite ? 'integer' : 'bigint', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        ref('hallId'), ref('ticketId', true), ref('windowId', true), ref('categoryId', true), str('type', 32),
        str('fromStatus', 12, true), str('toStatus', 12, true), ms('at'), json('data', true),
      ],
      indices: [
        new TableIndex({ name: 'ix_event_hall_time', columnNames: ['hallId', 'at'] }),
        new TableIndex({ name: 'ix_event_ticket', columnNames: ['ticketId'] }),
      ],
    }));
    await q.createTable(new Table({
      name: 'ticket_counter',
      columns: [{ ...ref('hallId'), isPrimary: true }, { ...ref('categoryId'), isPrimary: true },
        { ...str('serviceDay', 10), isPrimary: true }, int('lastSeq')],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['ticket_counter', 'ticket_event', 'ticket', 'service_window', 'service_category', 'hall']) {
      await q.dropTable(t);
    }
  }
}
