import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { QUEUE_ENTITIES, QUEUE_MIGRATIONS } from '@hallq/queue';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AUTH_ENTITIES } from '../auth/entities';
import { AUTH_MIGRATIONS } from '../auth/migrations';
import type { AppConfig } from '../common/config/app-config';

/** TypeORM options for the configured database. Schema comes only from migrations (synchronize off). */
export function dataSourceOptions(db: AppConfig['database'], logSql = false): DataSourceOptions {
  const common = {
    entities: [...QUEUE_ENTITIES, ...AUTH_ENTITIES],
    // TypeORM runs them in timestamp order, whichever list they come from.
    migrations: [...QUEUE_MIGRATIONS, ...AUTH_MIGRATIONS],
    migrationsTableName: 'hallq_migrations',
    synchronize: false,
    // Failed queries surface as errors through the HTTP filter; expected ones (a lost idempotency race) stay quiet.
    logging: logSql ? ('all' as const) : false,
  };
  if (db.type === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url: db.url,
      charset: 'utf8mb4_unicode_ci',
      // Enough connections for 64 concurrent kiosks without queueing in the pool.
      extra: { connectionLimit: 32, enableKeepAlive: true },
    };
  }
  if (db.file !== ':memory:') mkdirSync(dirname(db.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.file,
    enableWAL: true,
    timeout: 5000,
    prepareDatabase: (sqlite: { pragma(s: string): unknown }) => {
      sqlite.pragma('synchronous = NORMAL');
    },
  };
}

/** Connects and brings the schema up to date. */
export async function openDataSource(db: AppConfig['database'], logSql = false): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(db, logSql));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
