import { QUEUE_MIGRATIONS } from '@hallq/queue';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { SignIn1764851000000 } from '../src/auth/migrations/1764851000000-sign-in';
import { CLUSTER_MIGRATIONS } from '../src/cluster/migrations';
import { loadConfig } from '../src/common/config/app-config';
import { dataSourceOptions, openDataSource } from '../src/database/data-source';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** The sign-in migration as the code before issue 16 named it, when it shared its timestamp with the job lock's. */
class FormerSignIn extends SignIn1764851000000 {
  override name = 'SignIn1764850000000';
}

type Row = { name: string; timestamp: number | string };

/**
 * The migration history (hallq_migrations): every migration has a timestamp of its own, a database
 * migrated by the code before the sign-in migration got its own starts on this code without running it
 * again (and the code before still starts on it), a fresh one migrates from nothing, and either reverts
 * through the renamed migration. SQLite, or a MariaDB scratch schema with DATABASE_URL.
 */
describe('migration history', () => {
  const dbs: TestDatabase[] = [];
  const settings = async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    return loadConfig({ DATABASE_URL: db.url });
  };
  const connect = async (o: DataSourceOptions, migrations?: DataSourceOptions['migrations']) =>
    new DataSource({ ...o, ...(migrations ? { migrations } : {}) } as DataSourceOptions).initialize();
  const history = async (ds: DataSource): Promise<Row[]> => ds.query('SELECT name, timestamp FROM hallq_migrations ORDER BY id');
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('gives every migration a timestamp of its own', async () => {
    const ds = await openDataSource(await settings());
    try {
      const names = ds.migrations.map((m) => m.name!);
      expect(new Set(names.map((n) => n.slice(-13))).size).toBe(names.length);
      expect(await ds.showMigrations()).toBe(false);
      const rows = await history(ds);
      expect(rows.map((r) => r.name)).toEqual([...names].sort((a, b) => Number(a.slice(-13)) - Number(b.slice(-13))));
      expect(Number(rows.find((r) => r.name === 'SignIn1764851000000')!.timestamp)).toBe(1764851000000);
    } finally {
      await ds.destroy();
    }
  });

  it('starts a database migrated under the former name without running the sign-in migration again, and the former code still starts on it', async () => {
    const o = dataSourceOptions(await settings());
    // The code before this rename: without the migrations added since (issue 14's exact keys, usernames, sign-in lock).
    const since = ['ExactTicketKeys1764880000000'];
    const former = [...QUEUE_MIGRATIONS.filter((m) => !since.includes(m.name)), ...CLUSTER_MIGRATIONS, FormerSignIn];
    const old = await connect(o, former);
    await old.runMigrations({ transaction: 'each' });
    await old.query(
      'INSERT INTO staff_account (id, username, displayName, role, hallIds, windowIds, passwordHash, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ['a1', 'li.manager', 'Li', 'manager', '[]', '[]', 'x', 1],
    );
    await old.destroy();

    const now = await connect(o);
    const ran = await now.runMigrations({ transaction: 'each' });
    // The renamed one is recorded only (its tables were there); the ones added since run as on any upgrade.
    expect(ran.map((m) => m.name)).toEqual([
      'SignIn1764851000000', 'ExactTicketKeys1764880000000', 'ExactUsernames1764880000001', 'SignInSecurity1764890000000',
      'StaffOnDuty1764900000000',
    ]);
    expect(await now.showMigrations()).toBe(false);
    expect(await now.query('SELECT username FROM staff_account')).toEqual([{ username: 'li.manager' }]);
    const names = (await history(now)).map((r) => r.name);
    expect(names.filter((n) => /^SignIn\d/.test(n))).toEqual(['SignIn1764850000000', 'SignIn1764851000000']);
    await now.destroy();

    const again = await connect(o, former);
    expect(await again.runMigrations({ transaction: 'each' })).toEqual([]);
    await again.destroy();

    // Reverting the renamed migration drops its tables and its former record, so the next revert is the one before it.
    const back = await connect(o);
    const undone: string[] = [];
    for (let i = 0; i < 8; i++) {
      undone.push((await history(back)).at(-1)!.name);
      await back.undoLastMigration({ transaction: 'each' });
    }
    expect(undone).toEqual([
      'StaffOnDuty1764900000000', 'SignInSecurity1764890000000', 'ExactUsernames1764880000001', 'ExactTicketKeys1764880000000', 'SignIn1764851000000',
      'LineHeadIndex1764870000000', 'EventActor1764860000000',
      'JobLock1764850000000',
    ]);
    expect((await history(back)).map((r) => r.name)).not.toContain('SignIn1764850000000');
    await back.runMigrations({ transaction: 'each' }); // and forward again, as on a fresh database
    expect(await back.showMigrations()).toBe(false);
    expect(await back.query('SELECT COUNT(*) AS n FROM staff_account').then((r: { n: unknown }[]) => Number(r[0].n))).toBe(0);
    await back.destroy();
  });
});
