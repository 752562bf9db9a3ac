import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export interface ScratchDb {
  url: string;
  kind: 'mysql' | 'sqlite';
  /** Database (schema) name on MySQL, file path on SQLite. */
  name: string;
  drop(): Promise<void>;
}

/** Server part of a mysql:// URL (no database). */
export function mysqlServer(base: string): string {
  const u = new URL(base.replace(/^mariadb:/, 'mysql:'));
  return `mysql://${u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${u.host}`;
}

/** A fresh, empty MariaDB/MySQL schema whose name contains "test"; only such schemas are dropped. */
export async function createMysqlScratch(server: string, label: string): Promise<ScratchDb> {
  const name = `hallq_test_${label}_${process.pid}_${Date.now().toString(36)}`;
  const conn = await createConnection(server);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return {
    url: `${server}/${name}`,
    kind: 'mysql',
    name,
    drop: async () => {
      if (!name.includes('test')) throw new Error(`refusing to drop ${name}`);
      const c = await createConnection(server);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** A fresh SQLite file in a temp folder. */
export function createSqliteScratch(): ScratchDb {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-bench-test-'));
  const file = join(dir, 'hallq.sqlite');
  return { url: `sqlite:${file}`, kind: 'sqlite', name: file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
