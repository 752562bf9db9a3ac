import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { QUEUE_ENTITIES, QUEUE_MIGRATIONS } from '@hallq/queue';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AlertEntity } from '../alerts/alert.entity';
import { AUTH_ENTITIES } from '../auth/entities';
import { AUTH_MIGRATIONS } from '../auth/migrations';
import { JobLockEntity } from '../cluster/job-lock.entity';
import { CLUSTER_MIGRATIONS } from '../cluster/migrations';
import type { AppConfig } from '../common/config/app-config';
import { RatingEntity } from '../ratings/rating.entity';
import { AuditEntryEntity } from '../staffing/audit-entry.entity';
import { STAFFING_MIGRATIONS } from '../staffing/migrations';
import { StaffOnDutyEntity } from '../staffing/staff-on-duty.entity';
import { DropTimedOutConnectionsSubscriber } from './drop-timed-out-connections.subscriber';

export type DatabaseSettings = Pick<AppConfig, 'database' | 'logSql' | 'dbConnectTimeoutMs' | 'dbQueryTimeoutMs'>;

/** TypeORM options for the configured database. Schema comes only from migrations (synchronize off). */
export function dataSourceOptions({ database: db, logSql, dbConnectTimeoutMs, dbQueryTimeoutMs }: DatabaseSettings): DataSourceOptions {
  const common = {
    // The lib's entities, then the api modules' own. The lib's migrations made rating, alert and audit_entry
    // before those entities moved here; they stay there as history.
    entities: [...QUEUE_ENTITIES, ...AUTH_ENTITIES, JobLockEntity, RatingEntity, AlertEntity, AuditEntryEntity, StaffOnDutyEntity],
    // TypeORM runs them in timestamp order, whichever list they come from.
    migrations: [...QUEUE_MIGRATIONS, ...CLUSTER_MIGRATIONS, ...AUTH_MIGRATIONS, ...STAFFING_MIGRATIONS],
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
      // No request waits on an unreachable database for long (docs/faults.md): a connection that cannot
      // be made fails after connectTimeout, and a statement without an answer after the query timeout
      // (mysql2 then drops its connection; the server rolls the transaction back). The pool has no
      // acquire timeout of its own: every connection it lends is bounded by these two, and a partition is
      // cut sooner by the circuit breaker (mysql-circuit-breaker.ts, attached in database.module.ts).
      connectTimeout: dbConnectTimeoutMs,
      enableQueryTimeout: true,
      maxQueryExecutionTime: dbQueryTimeoutMs,
      subscribers: [DropTimedOutConnectionsSubscriber],
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
    // One connection in this process, its transactions queued (TransactionRunner): only another process
    // holding the file's write lock makes a statement wait. It fails (503) once this long has passed.
    timeout: dbConnectTimeoutMs,
    prepareDatabase: (sqlite: { pragma(s: string): unknown }) => {
      sqlite.pragma('synchronous = NORMAL');
    },
  };
}

/** Connects and brings the schema up to date. */
export async function openDataSource(settings: DatabaseSettings): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(settings));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
