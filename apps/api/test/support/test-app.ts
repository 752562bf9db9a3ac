import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ManualClock, type Clock } from '@hallq/queue';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/common/config/app-config';
import { CLOCK } from '../../src/queue/queue.module';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
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
 */
export async function startTestApp(opts: { clock?: ManualClock; db?: TestDatabase; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = opts.db ?? (await createTestDatabase());
  const clock = opts.clock ?? new ManualClock(MONDAY_10AM_SHANGHAI);
  const config = loadConfig({ DATABASE_URL: db.url, PORT: '0', HALLQ_SEED_DEMO: '0', HALLQ_DISPLAY_DIR: '/nonexistent', ...opts.env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(CLOCK)
    .useValue(clock satisfies Clock)
    .compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error'] }));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    http: request(app.getHttpServer()),
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
