import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN, ensureBuiltApi, freePort, START_NODE_FLAGS } from '../../../scripts/support/built-api';
import { buildDisplay } from './support/browser';

/**
 * What a fresh clone's `npm start` does: the built api, no configuration at all (no NODE_ENV, no
 * DATABASE_URL, no secrets), in a directory with no ./data yet. It must create the SQLite file, seed the
 * demo hall with its sign-ins and devices, and serve: every demo sign-in printed in the README works.
 * (A change to account scopes once made this start crash while every other test passed.)
 */
describe('npm start on a fresh clone', () => {
  let dir: string;
  let child: ChildProcess;
  let url: string;
  let out = '';

  beforeAll(async () => {
    ensureBuiltApi();
    dir = mkdtempSync(join(tmpdir(), 'hallq-fresh-'));
    // `npm start` builds the pages into dist/display first; here into the fresh directory.
    buildDisplay(join(dir, 'dist', 'display'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [...START_NODE_FLAGS, API_MAIN], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start's api exited (${child.exitCode}):\n${out.slice(-4000)}`);
      const ready = await fetch(`${url}/health/ready`).then((r) => r.status, () => 0);
      if (ready === 200 && out.includes('Demo sign-ins')) break;
      if (Date.now() > deadline) throw new Error(`npm start's api did not get ready:\n${out.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (username: string, password: string) => {
    const r = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect({ username, status: r.status }).toEqual({ username, status: 200 });
    return ((await r.json()) as { token: string }).token;
  };
  const me = async (token: string) =>
    (await (await fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;

  it('serves the demo hall: six categories, ten windows, and the page', async () => {
    const halls = (await (await fetch(`${url}/api/halls`)).json()) as { id: string; categories: unknown[]; windows: unknown[] }[];
    expect(halls).toHaveLength(1);
    expect(halls[0].categories).toHaveLength(6);
    expect(halls[0].windows).toHaveLength(10);
    // The pages come from ./dist/display, as after `npm run build`: the kiosk page of the hall.
    const page = await fetch(`${url}/kiosk/${halls[0].id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  it('has the demo sign-ins of the README, each with its own scope, and the demo devices', async () => {
    const [hall] = (await (await fetch(`${url}/api/halls`)).json()) as { id: string; windows: { id: string; label: string }[] }[];
    expect(await me(await signIn('admin', 'hallq-demo-admin'))).toMatchObject({ role: 'admin', hallIds: [], windowIds: [] });
    expect(await me(await signIn('manager', 'hallq-demo-manager'))).toMatchObject({ role: 'manager', hallIds: [hall.id], windowIds: [] });
    const clerk = await me(await signIn('clerk', 'hallq-demo-clerk'));
    const first4 = hall.windows.filter((w) => ['1', '2', '3', '4'].includes(w.label)).map((w) => w.id);
    expect(clerk).toMatchObject({ role: 'clerk', hallIds: [hall.id] });
    expect([...(clerk.windowIds as string[])].sort()).toEqual([...first4].sort());
    // The kiosk's device token issues a kiosk ticket in the demo hall.
    const t = await fetch(`${url}/api/halls/${hall.id}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer hqd_demo-kiosk-token', 'idempotency-key': 'fresh-clone-1' },
      body: JSON.stringify({ category: 'enterprise', channel: 'kiosk' }),
    });
    expect(t.status).toBe(201);
    expect(out).toContain('Demo sign-ins');
  });
});
