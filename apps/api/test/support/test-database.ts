import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * A fresh, empty database for one test file: an SQLite file in a temp folder by default, or a new
 * scratch schema on the MySQL/MariaDB server named by DATABASE_URL. Scratch names always contain
 * "test", and only such schemas are ever dropped.
 */
export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

let counter = 0;

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (base && /^(mysql|mariadb):\/\//.test(base)) {
    const u = new URL(base.replace(/^mariadb:/, 'mysql:'));
    const name = `hallq_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    const server = `${u.protocol}//${u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${u.host}`;
    const conn = await createConnection(server);
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    return {
      url: `${server}/${name}`,
      kind: 'mysql',
      drop: async () => {
        if (!name.includes('test')) throw new Error(`refusing to drop ${name}`);
        const c = await createConnection(server);
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'hallq-test-'));
  return { url: `sqlite:${join(dir, 'hallq.sqlite')}`, kind: 'sqlite', drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
