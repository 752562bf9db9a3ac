import { Logger } from '@nestjs/common';
import { Connection } from 'mysql2';
import type { DataSource } from 'typeorm';
import { CIRCUIT_OPEN_CODE } from '../common/errors/database-unavailable';
import { CircuitBreaker, type BreakerTiming, type Probe } from './circuit-breaker';

/**
 * The circuit breaker on TypeORM's mysql2 pool (docs/faults.md). A partition leaves open connections
 * silent: a statement on one would wait for the statement timeout (10 s). The probe (circuit-breaker.ts)
 * notices within interval + ping timeout, and on opening this:
 * - fails the requests waiting for a pool connection, and every later getConnection, at once;
 * - destroys every pool connection, failing the statement each may have outstanding at once. Their
 *   transactions never commit: the ROLLBACK that follows fails fast on the dead connection and the server
 *   rolls back when it sees the connection go. Idle ones go too: after a partition they may be dead.
 * When a ping answers again the breaker closes and the pool opens fresh connections on demand.
 */
export class DatabaseCircuitBreaker {
  private static readonly logger = new Logger('Database');

  private constructor(private readonly breaker: CircuitBreaker | null) {}

  /** SQLite: the database is a file inside this process, with no link to probe; never open. */
  static none(): DatabaseCircuitBreaker {
    return new DatabaseCircuitBreaker(null);
  }

  /** Guards the data source's pool and starts probing. */
  static attach(dataSource: DataSource, timing: BreakerTiming): DatabaseCircuitBreaker {
    const pool = poolOf(dataSource);
    const log = DatabaseCircuitBreaker.logger;
    const breaker = new CircuitBreaker(new PingConnection(pool), timing, {
      open: (reason) => {
        log.warn(`database unreachable (${reason.message}): database work fails at once until a ping answers`);
        try {
          failPool(pool);
        } catch (e) {
          // New work is refused all the same; what was in flight waits for its statement timeout.
          log.error(`could not cut the pool's connections: ${(e as Error).stack}`);
        }
      },
      close: (openMs) => log.log(`database answers again (the breaker was open ${openMs} ms)`),
    });
    pool._allConnections.toArray().forEach(clearStatementTimerOnSocketFailure);
    pool.on('connection', clearStatementTimerOnSocketFailure);
    const getConnection = pool.getConnection.bind(pool);
    pool.getConnection = (cb) => (breaker.isOpen ? process.nextTick(cb, circuitOpenError()) : getConnection(cb));
    breaker.start();
    return new DatabaseCircuitBreaker(breaker);
  }

  get isOpen(): boolean {
    return this.breaker?.isOpen ?? false;
  }

  /** When the breaker opened (ms since the epoch), or null. */
  get openSince(): number | null {
    return this.breaker?.openSince ?? null;
  }

  stop(): void {
    this.breaker?.stop();
  }
}

function circuitOpenError(): Error {
  return Object.assign(new Error('The database does not answer its health probe (circuit open)'), { code: CIRCUIT_OPEN_CODE });
}

/** What is used of a mysql2 connection; the underscored fields are not public API. */
interface Mysql2Connection {
  stream: { destroy(error?: Error): void; destroyed: boolean };
  _notifyError?: (err: Error) => void;
  _closing?: boolean;
  _fatalError?: unknown;
  _command?: { queryTimeout?: NodeJS.Timeout | null } | null;
  destroy(): void;
  ping(cb: (err: Error | null) => void): void;
  on(event: 'error', fn: (e: Error) => void): void;
}

interface Mysql2Queue<T> {
  shift(): T | undefined;
  toArray(): T[];
}

/**
 * What is used of a mysql2 pool. mysql2 lists neither a pool's connections nor its waiters publicly,
 * so `_allConnections` and `_connectionQueue` are read; poolOf checks them at start, so an upgrade that
 * renames them fails the boot rather than the next outage.
 */
interface Mysql2Pool {
  getConnection(cb: (err: Error | null, connection?: unknown) => void): void;
  on(event: 'connection', fn: (connection: Mysql2Connection) => void): void;
  config: { connectionConfig: object };
  _allConnections: Mysql2Queue<Mysql2Connection>;
  _connectionQueue: Mysql2Queue<(err: Error) => void>;
}

function poolOf(dataSource: DataSource): Mysql2Pool {
  const pool = (dataSource.driver as unknown as { pool?: Partial<Mysql2Pool> }).pool;
  if (
    typeof pool?.getConnection !== 'function' ||
    typeof pool.on !== 'function' ||
    !pool.config?.connectionConfig ||
    typeof pool._allConnections?.toArray !== 'function' ||
    typeof pool._connectionQueue?.shift !== 'function'
  ) {
    throw new Error('The database circuit breaker does not recognise this mysql2 pool (mysql2 upgraded? see mysql-circuit-breaker.ts)');
  }
  return pool as Mysql2Pool;
}

function failPool(pool: Mysql2Pool): void {
  // Waiters first: a connection destroyed below hands its place to the next waiter, which would open a
  // new connection into the outage and wait for the connect timeout.
  for (let waiter = pool._connectionQueue.shift(); waiter; waiter = pool._connectionQueue.shift()) process.nextTick(waiter, circuitOpenError());
  for (const connection of pool._allConnections.toArray()) {
    if (connection._closing || connection._fatalError || connection.stream.destroyed) continue;
    // Not connection.destroy(): that only half-closes the socket and leaves the outstanding statement
    // waiting. A socket error fails it and every queued one, and removes the connection from the pool.
    connection.stream.destroy(circuitOpenError());
  }
}

/**
 * mysql2 fails the statement outstanding on a connection whose socket fails, but leaves its timeout
 * running: 10 s later it fires into nothing, and until then it keeps the process from exiting (a
 * shutdown right after an outage waited for it). Every such failure passes through `_notifyError`
 * (socket error, failed write, close), so the timer is cleared on the way in.
 */
function clearStatementTimerOnSocketFailure(connection: Mysql2Connection): void {
  const notifyError = connection._notifyError;
  if (typeof notifyError !== 'function') return;
  connection._notifyError = function (this: Mysql2Connection, err: Error) {
    const timer = this._command?.queryTimeout;
    if (timer) clearTimeout(timer);
    return notifyError.call(this, err);
  };
}

/** The probe's own connection, outside the pool: it never queues behind the requests it is there to rescue. */
class PingConnection implements Probe {
  private connection: Mysql2Connection | null = null;

  constructor(private readonly pool: Mysql2Pool) {}

  get connected(): boolean {
    return this.connection !== null;
  }

  ping(): Promise<void> {
    const connection = (this.connection ??= this.open());
    return new Promise((resolve, reject) => connection.ping((e) => (e ? reject(e) : resolve())));
  }

  reset(): void {
    const connection = this.connection;
    this.connection = null;
    if (!connection) return;
    // A silent socket would never finish a polite close: drop it.
    connection.destroy();
    connection.stream.destroy();
  }

  private open(): Mysql2Connection {
    // The pool's own settings (host, credentials, TLS, connect timeout), copied as the pool copies them.
    const base = this.pool.config.connectionConfig;
    const config = Object.create(Object.getPrototypeOf(base), Object.getOwnPropertyDescriptors(base)) as { pool?: unknown };
    config.pool = undefined;
    const connection = new (Connection as unknown as new (o: { config: object }) => Mysql2Connection)({ config });
    // A failure during a ping comes back through its callback. One between pings (the server restarted,
    // a reset) only drops the connection: the next ping then judges the database on a fresh one, not on
    // a connection that died while the database may be back already.
    connection.on('error', () => {
      if (this.connection === connection) this.reset();
    });
    return connection;
  }
}
