/**
 * Errors that mean "the database cannot be reached right now", as opposed to a bad statement or a
 * broken rule. They answer 503 with Retry-After: the request may be retried as it is (a kiosk with the
 * same Idempotency-Key), and the instance recovers by itself when the database answers again.
 */

/** Seconds a client should wait before retrying a request refused because the database is away. */
export const DATABASE_RETRY_AFTER_SEC = 2;

/** Database work refused while the circuit breaker is open (database/mysql-circuit-breaker.ts). */
export const CIRCUIT_OPEN_CODE = 'HALLQ_DB_CIRCUIT_OPEN';

/** Node socket errors and mysql2 protocol errors of a connection that is gone or never came. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR', 'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_CON_COUNT_ERROR', 'ER_TOO_MANY_USER_CONNECTIONS', 'ER_SERVER_SHUTDOWN', 'ER_NORMAL_SHUTDOWN', 'ER_SHUTDOWN_COMPLETE',
  'ER_QUERY_INTERRUPTED', 'ER_LOCK_WAIT_TIMEOUT', CIRCUIT_OPEN_CODE,
  // SQLite: the file is locked by another process past the busy timeout, or cannot be opened or read.
  'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL',
]);

/** MySQL client errors: 2002/2003 cannot connect, 2006 server gone away, 2013 lost during query. */
const CONNECTION_ERRNOS = new Set([1040, 1053, 1077, 1079, 1205, 1317, 2002, 2003, 2006, 2013]);

/** TypeORM's own "not connected" errors (the data source was closed or never initialized). */
const TYPEORM_NAMES = new Set(['CannotExecuteNotConnectedError', 'ConnectionIsNotSetError', 'PoolClosedError']);

/** mysql2 messages for connections it already knows to be dead (no code is set on these). */
const CONNECTION_MESSAGES = [/Pool is closed/i, /connection is in closed state/i, /Connection lost/i, /connect ETIMEDOUT/i, /Query inactivity timeout/i];

export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 4; depth++) {
    const o = cur as { code?: unknown; errno?: unknown; name?: unknown; message?: unknown; constructor?: { name?: string } };
    if (typeof o.code === 'string' && (CONNECTION_CODES.has(o.code) || o.code.startsWith('SQLITE_IOERR'))) return true;
    if (typeof o.errno === 'number' && CONNECTION_ERRNOS.has(o.errno) && (o.code === undefined || typeof o.code === 'string')) return true;
    if (TYPEORM_NAMES.has(String(o.name)) || TYPEORM_NAMES.has(String(o.constructor?.name))) return true;
    if (typeof o.message === 'string' && CONNECTION_MESSAGES.some((re) => re.test(o.message as string))) return true;
    // TypeORM wraps the driver's error (QueryFailedError.driverError); Node wraps causes (cause).
    cur = (o as { driverError?: unknown }).driverError ?? (o as { cause?: unknown }).cause;
  }
  return false;
}
