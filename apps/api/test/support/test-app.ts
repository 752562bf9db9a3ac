import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock, type Clock } from '@hallq/queue';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/common/config/app-config';
import { CLOCK } from '../../src/queue/clock';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  /** Requests as the signed-in test admin (every request carries its bearer token). */
  http: ReturnType<typeof request.agent>;
  /** Requests with no credentials: the public, a citizen's phone. */
  anon: ReturnType<typeof request>;
  /** The admin's bearer token. */
  adminToken: string;
  /** Base URL when listening (for socket.io clients and browsers). */
  url: string;
  clock: ManualClock;
  dataSource: DataSource;
  db: TestDatabase;
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/** 2026-11-30 10:00 in Shanghai: a Monday morning, inside any sensible opening hours. */
export const MONDAY_10AM_SHANGHAI = Date.UTC(2026, 10, 30, 2, 0, 0);

/**
 * Boots the real api module on a fresh database (SQLite, or MySQL when DATABASE_URL says so) with a
 * manual clock, listening on a free port. Pass `db` to reopen an existing database (restart tests).
 * `url` is always the loopback address.
 */
export async function startTestApp(
  opts: { clock?: ManualClock; db?: TestDatabase; env?: Record<string, string>; listenHost?: string } = {},
): Promise<TestApp> {
  const db = opts.db ?? (await createTestDatabase());
  const clock = opts.clock ?? new ManualClock(MONDAY_10AM_SHANGHAI);
  const config = loadConfig({
    DATABASE_URL: db.url, PORT: '0', HALLQ_SEED_DEMO: '0', HALLQ_DISPLAY_DIR: '/nonexistent',
    HALLQ_ADMIN_USER: TEST_ADMIN.username, HALLQ_ADMIN_PASSWORD: TEST_ADMIN.password, ...opts.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(CLOCK)
    .useValue(clock satisfies Clock)
    .compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error'] }));
  // Loopback unless a test needs the machine's LAN address too (a page opened as a hall screen would).
  await app.listen(0, opts.listenHost ?? '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const adminToken = await signIn(app, TEST_ADMIN.username, TEST_ADMIN.password);
  return {
    app,
    http: request.agent(app.getHttpServer()).set('Authorization', `Bearer ${adminToken}`),
    anon: request(app.getHttpServer()),
    adminToken,
    url: `http://127.0.0.1:${address.port}`,
    clock,
    dataSource: app.get(DataSource),
    db,
    close: async ({ keepDatabase = false } = {}) => {
      await app.close();
      if (!keepDatabase) await db.drop();
    },
  };
}

/** The admin every test app starts with (created from HALLQ_ADMIN_PASSWORD, as in production). */
export const TEST_ADMIN = { username: 'test-admin', password: 'test-admin-password' };

/** Signs in and returns the bearer token. */
export async function signIn(app: INestApplication, username: string, password: string): Promise<string> {
  const r = await request(app.getHttpServer()).post('/api/auth/sign-in').send({ username, password });
  if (r.status !== 200) throw new Error(`sign-in as ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** Creates a staff account through the api (as the admin) and signs it in; returns its token. */
export async function staffToken(t: TestApp, role: 'admin' | 'manager' | 'clerk', scope: { hallIds?: string[]; windowIds?: string[] } = {}): Promise<string> {
  const username = `${role}-${Math.random().toString(36).slice(2, 10)}`;
  const password = `${username}-password`;
  await t.http.post('/api/accounts').send({ username, role, password, ...scope }).expect(201);
  return signIn(t.app, username, password);
}

/** Registers a kiosk or screen for a hall; returns its device token. */
export async function deviceToken(t: TestApp, hallId: string, kind: 'kiosk' | 'screen', label = `${kind} 1`): Promise<string> {
  const r = await t.http.post(`/api/halls/${hallId}/devices`).send({ kind, label }).expect(201);
  return r.body.token as string;
}

export interface SmallHall {
  hallId: string;
  categories: Record<string, string>;
  windows: Record<string, string>;
}

/** A small hall through the API: categories A (enterprise), B (social), C (tax); windows 1-3 open. */
export async function createSmallHall(t: TestApp, windows: { label: string; categories: string[]; state?: string }[] = [
  { label: '1', categories: ['enterprise'], state: 'open' },
  { label: '2', categories: ['enterprise', 'social'], state: 'open' },
  { label: '3', categories: ['social', 'tax'], state: 'open' },
]): Promise<SmallHall> {
  const hall = await t.http.post('/api/halls').send({ name: 'Test hall', timeZone: 'Asia/Shanghai', opensAt: '08:30', closesAt: '17:30' }).expect(201);
  const hallId = hall.body.id as string;
  const categories: Record<string, string> = {};
  for (const [code, prefix, target, service] of [
    ['enterprise', 'A', 1200, 900],
    ['social', 'B', 900, 420],
    ['tax', 'C', 1200, 540],
  ] as const) {
    const r = await t.http
      .post(`/api/halls/${hallId}/categories`)
      .send({ code, prefix, nameZh: code, nameEn: code, targetWaitSec: target, defaultServiceSec: service, materials: ['ID card'] })
      .expect(201);
    categories[code] = r.body.id;
  }
  const ids: Record<string, string> = {};
  for (const w of windows) {
    const r = await t.http.post(`/api/halls/${hallId}/windows`).send(w).expect(201);
    ids[w.label] = r.body.id;
  }
  return { hallId, categories, windows: ids };
}
