import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { QueueError } from '@hallq/queue';
import { createConnection } from 'mysql2/promise';
import { QueryFailedError } from 'typeorm';
import { CIRCUIT_OPEN_CODE, isDatabaseUnavailable } from './database-unavailable';

/** Real driver errors, raw and as TypeORM wraps them: which mean "the database is away" (503). */
describe('isDatabaseUnavailable', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'hallq-unavail-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const caught = async (f: () => unknown): Promise<unknown> => {
    try {
      await f();
    } catch (e) {
      return e;
    }
    throw new Error('expected a failure');
  };

  it('a MySQL connection refused, raw or wrapped by TypeORM: yes', async () => {
    const port = await new Promise<number>((res) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => res(p));
      });
    });
    const refused = await caught(() => createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 500 }));
    expect((refused as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], refused as Error))).toBe(true);
  });

  it('a connection that never answers its handshake: yes', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    const e = await caught(() => createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 200 }));
    silent.close();
    expect((e as { code?: string }).code).toBe('ETIMEDOUT');
    expect(isDatabaseUnavailable(e)).toBe(true);
  });

  it('work refused or cut by the open circuit breaker, raw or wrapped by TypeORM: yes', () => {
    const refused = Object.assign(new Error('circuit open'), { code: CIRCUIT_OPEN_CODE });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], refused))).toBe(true);
  });

  it('an SQLite file locked by another connection: yes; a broken rule or a bad statement: no', () => {
    const file = join(dir, 'x.sqlite');
    const a = new Database(file);
    a.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const b = new Database(file, { timeout: 0 });
    a.exec('BEGIN IMMEDIATE');
    const busy = (() => {
      try {
        b.exec('INSERT INTO t VALUES (1)');
      } catch (e) {
        return e;
      }
    })();
    a.exec('ROLLBACK');
    expect((busy as { code?: string }).code).toBe('SQLITE_BUSY');
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], busy as Error))).toBe(true);

    a.exec('INSERT INTO t VALUES (1)');
    const dup = (() => {
      try {
        a.exec('INSERT INTO t VALUES (1)');
      } catch (e) {
        return e;
      }
    })();
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], dup as Error))).toBe(false);
    const syntax = (() => {
      try {
        a.exec('SELEC 1');
      } catch (e) {
        return e;
      }
    })();
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    a.close();
    b.close();
  });

  it('domain errors and plain bugs: no', () => {
    expect(isDatabaseUnavailable(new QueueError('HALL_NOT_FOUND', { hallId: 'h1' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
