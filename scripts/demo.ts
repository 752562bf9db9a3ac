/**
 * `npm run demo [-- --speed 20] [--url http://host:3000] [--port 3000] [--seed 7]`: a hall in motion.
 *
 * The libs/forecast hall simulator plays a day at `speed` times real time and the demo makes the live
 * api do what it says, through the public REST api: a ticket for each simulated arrival, call-next +
 * start and finish at the window the simulator used, a cancel for who gave up. The morning peak on
 * enterprise declaration outgrows its four windows, the line grows, alerts go up, and the advice says
 * open windows. Whatever a manager changes on the manager page (apply advice, open, close, re-profile)
 * is read back every 2 s and applied to the simulation too, so the line clears when windows open.
 *
 * The api keeps the real clock. So that its waits, targets and alerts mean the same as in the simulated
 * hall, the demo hall's targets and default service times are divided by `speed`: at 60x one real
 * second is one hall minute, and "1 min" on the pages is an hour in the simulated hall. The api floors
 * a target at 60 s, so at 60x every target is one hall hour; `--speed 20` keeps the 20-minute targets.
 *
 * Without --url it starts the BUILT api (`node dist/apps/api/src/main.js`, built first when missing or
 * stale) on a fresh SQLite file, serving the built display app (built first when missing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHallSimulation, referenceRoutingRule, type ForecastEvent } from '../libs/forecast/src';
import { ensureBuiltApi, ROOT, signInAt, SPAWN_ADMIN, spawnApi, type ApiProcess } from './support/built-api';

const HOUR = 3_600_000;
const MIN = 60_000;

function arg(name: string, dflt?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
// 20x by default: the api floors targets at 60 s, and 20 min / 20 = 60 s keeps the real targets.
const SPEED = Number(arg('speed', '20'));
const SEED = Number(arg('seed', '7'));
if (!(SPEED >= 1 && SPEED <= 600)) throw new Error('--speed must be between 1 and 600');
const say = (s: string) => process.stdout.write(`${s}\n`);

/** The demo hall: enterprise declaration on 4 windows, social on 1, tax on 1; windows 7-9 closed. */
const CATEGORIES = [
  { code: 'enterprise', prefix: 'A', nameZh: '企业开办', nameEn: 'Business registration', targetMin: 20, serviceMin: 15,
    // Per half hour from 08:30: the morning peak, then quieter.
    arrivals: [12, 28, 36, 36, 30, 20, 12, 8, 8, 10, 14, 12, 10, 8, 6, 4] },
  { code: 'social', prefix: 'B', nameZh: '社保医保', nameEn: 'Social insurance', targetMin: 15, serviceMin: 7, arrivals: [8] },
  { code: 'tax', prefix: 'C', nameZh: '税务办理', nameEn: 'Tax', targetMin: 20, serviceMin: 9, arrivals: [5] },
];
const WINDOWS = [
  ...['1', '2', '3', '4'].map((label) => ({ label, categories: ['enterprise'], state: 'open' })),
  { label: '5', categories: ['social'], state: 'open' },
  { label: '6', categories: ['tax', 'social'], state: 'open' },
  ...['7', '8', '9'].map((label) => ({ label, categories: ['tax'], state: 'closed' })),
];

interface Api { url: string; get<T>(path: string): Promise<T>; post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }> }

function client(url: string, auth: Record<string, string>): Api {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${url}/api${path}`, { method, headers: { 'content-type': 'application/json', ...auth, ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  return {
    url,
    get: async (path) => {
      const r = await call('GET', path);
      if (r.status >= 400) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    post: (path, body, headers) => call('POST', path, body, headers),
  };
}

async function createHall(a: Api): Promise<{ hallId: string; windowIds: Map<string, string> }> {
  const must = async <T>(p: Promise<{ status: number; body: T }>) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  // Open all day, so the demo runs whenever it is started.
  const hall = await must(a.post<{ id: string }>('/halls', { name: '示范区政务服务中心（演示）', timeZone: 'Asia/Shanghai', opensAt: '00:00', closesAt: '23:59' }));
  for (const c of CATEGORIES) {
    await must(a.post(`/halls/${hall.id}/categories`, {
      code: c.code, prefix: c.prefix, nameZh: c.nameZh, nameEn: c.nameEn, materials: ['身份证原件'],
      targetWaitSec: Math.max(60, Math.round((c.targetMin * 60) / SPEED)),
      defaultServiceSec: Math.max(10, Math.round((c.serviceMin * 60) / SPEED)),
    }));
  }
  const windowIds = new Map<string, string>();
  for (const w of WINDOWS) windowIds.set(w.label, (await must(a.post<{ id: string }>(`/halls/${hall.id}/windows`, w))).id);
  return { hallId: hall.id, windowIds };
}

async function main(): Promise<void> {
  let api: ApiProcess | null = null;
  let dbDir: string | null = null;
  let url = arg('url');
  if (!url) {
    if (ensureBuiltApi(say)) say('api built.');
    if (!existsSync(join(ROOT, 'dist', 'display', 'index.html'))) {
      say('building the display app...');
      const r = spawnSync('npm', ['run', '--silent', 'build:display'], { cwd: ROOT, stdio: 'inherit' });
      if (r.status !== 0) throw new Error('npm run build:display failed');
    }
    dbDir = mkdtempSync(join(tmpdir(), 'hallq-demo-'));
    api = await spawnApi({
      databaseUrl: `sqlite:${join(dbDir, 'demo.sqlite')}`, port: Number(arg('port', '3000')), seedDemo: false,
      // The forecaster's 30-minute arrival slots shrink with the speed, so its rates follow the compressed day.
      env: { HALLQ_DISPLAY_DIR: join(ROOT, 'dist', 'display'), HOST: arg('host', '127.0.0.1')!, HALLQ_FORECAST_SLOT_SECONDS: String(slotSecondsFor(SPEED)) },
    });
    url = api.url;
  }
  // The demo acts as an admin: the spawned api's, or --user/--password on a running one (the demo sign-ins by default).
  const auth = api ? api.auth : { authorization: `Bearer ${await signInAt(url, arg('user', 'admin')!, arg('password', 'hallq-demo-admin')!)}` };
  const a = client(url, auth);
  const stop = async () => {
    await api?.stop();
    if (dbDir) rmSync(dbDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const { hallId, windowIds } = await createHall(a);
  const device = async (kind: 'screen' | 'kiosk') => (await a.post<{ token: string }>(`/halls/${hallId}/devices`, { kind, label: `Demo ${kind}` })).body.token;
  const screenToken = await device('screen');
  const kioskToken = await device('kiosk');
  const labelOf = new Map([...windowIds].map(([l, id]) => [id, l]));
  say('');
  say(`hallq demo at ${SPEED}x: one real second is ${SPEED >= 60 ? `${SPEED / 60} hall minute${SPEED === 60 ? '' : 's'}` : `${SPEED} hall seconds`}. Ctrl-C stops it.`);
  say(`  manager:  ${url}/manager/${hallId}`);
  say(`  screen:   ${url}/screen/${hallId}?device=${screenToken}`);
  say(`  counter:  ${url}/counter/${hallId}/${windowIds.get('1')}   (window 1; windows 7-9 are closed)`);
  say(`  kiosk:    ${url}/kiosk/${hallId}?device=${kioskToken}`);
  say(`  sign in to the manager and counter pages as ${api ? `${SPAWN_ADMIN.username} / ${SPAWN_ADMIN.password}` : arg('user', 'admin')}`);
  say('');

  // Simulated day: 08:30 to 16:30 hall time (any origin works: only differences matter).
  const simStart = 0;
  const sim = createHallSimulation({
    seed: SEED, start: simStart, end: simStart + 8 * HOUR, slotMs: 30 * MIN, rule: referenceRoutingRule,
    categories: CATEGORIES.map((c) => ({
      id: c.code, targetWaitMs: c.targetMin * MIN, arrivalsPerHour: c.arrivals.length === 1 ? c.arrivals[0] : c.arrivals,
      meanServiceMs: c.serviceMin * MIN, serviceCv: 0.5, meanPatienceMs: 90 * MIN, priorityShare: 0.05,
    })),
    windows: WINDOWS.map((w) => ({ id: w.label, state: w.state as 'open' | 'closed', categoryIds: w.categories })),
  });

  const tokens = new Map<string, string>(); // sim ticket id -> api tracking token (to cancel who leaves)
  const realStart = Date.now();
  const hallClock = () => simStart + (Date.now() - realStart) * SPEED;
  const clockText = (t: number) => {
    const m = 8 * 60 + 30 + Math.floor(t / MIN);
    return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  };
  const w = (label: string) => `/halls/${hallId}/windows/${windowIds.get(label)}`;

  async function play(e: ForecastEvent): Promise<void> {
    const ev = e as ForecastEvent & { ticketId?: string; categoryId?: string; windowId?: string; priority?: string };
    switch (e.type) {
      case 'issued': {
        const r = await a.post<{ token: string }>(`/halls/${hallId}/tickets`, { category: ev.categoryId, priority: ev.priority === 'priority' ? 'priority' : 'normal', channel: 'kiosk' }, { 'Idempotency-Key': `demo-${SEED}-${ev.ticketId}` });
        if (r.status < 300) tokens.set(ev.ticketId!, r.body.token);
        break;
      }
      case 'called': {
        // The api's own routing picks the ticket; the simulator only says when this window is free.
        let r = await a.post(`${w(ev.windowId!)}/call-next`);
        if (r.status === 409) {
          await a.post(`${w(ev.windowId!)}/finish`); // out of step with the simulation: catch up
          r = await a.post(`${w(ev.windowId!)}/call-next`);
        }
        break;
      }
      case 'started':
        await a.post(`${w(ev.windowId!)}/start`);
        break;
      case 'finished':
        await a.post(`${w(ev.windowId!)}/finish`);
        break;
      case 'abandoned': {
        const token = tokens.get(ev.ticketId!);
        if (token) await a.post(`/tickets/${token}/cancel`);
        break;
      }
      default:
    }
  }

  /** What the manager changed on the api, applied to the simulation so the line clears for real. */
  const known = new Map(WINDOWS.map((x) => [x.label, `${x.state}|${x.categories.join(',')}`]));
  async function mirrorManager(): Promise<void> {
    const wins = await a.get<{ id: string; label: string; state: string; categories: string[] }[]>(`/halls/${hallId}/windows`);
    for (const x of wins) {
      const label = labelOf.get(x.id) ?? x.label;
      const key = `${x.state}|${x.categories.join(',')}`;
      if (known.get(label) === key) continue;
      known.set(label, key);
      const events = sim.changeWindow({ windowId: label, state: x.state as 'open' | 'paused' | 'closed', categoryIds: x.categories });
      say(`[${clockText(hallClock())}] window ${label} is now ${x.state} for ${x.categories.join(', ')} (changed on the api; the simulation follows)`);
      for (const e of events) await play(e);
    }
  }

  let lastReport = 0;
  let lastMirror = 0;
  let headline = '';
  const alertsSeen = new Set<string>();
  async function report(): Promise<void> {
    const st = await a.get<{ lines: { category: { code: string }; waiting: number; openWindows: number; waitNow: { expectedSec: number } | null }[] }>(`/halls/${hallId}/state`);
    const lines = st.lines.map((l) => `${l.category.code} ${l.waiting} waiting/${l.openWindows} win${l.waitNow ? ` ~${Math.round((l.waitNow.expectedSec * SPEED) / 60)}m` : ''}`).join(' | ');
    say(`[${clockText(hallClock())}] ${lines}`);
    const alerts = await a.get<{ id: string; level: string; message: string }[]>(`/halls/${hallId}/alerts`);
    // Line alerts in full; ticket alerts (one per late ticket) only counted.
    let tickets = 0;
    for (const al of alerts) {
      if (alertsSeen.has(`${al.id}${al.level}`)) continue;
      alertsSeen.add(`${al.id}${al.level}`);
      if ((al as { scope?: string }).scope === 'ticket') tickets++;
      else say(`  alert (${al.level}): ${al.message}`);
    }
    if (tickets) say(`  + ${tickets} ticket alert${tickets === 1 ? '' : 's'} (see the manager page)`);
    // Only advice to add capacity is news here; "can close" comes and goes in a quiet hall.
    const adv = await a.get<{ categories: { advised: number; current: number; headline: { en: string } | null }[]; actions: { kind: string; message: { en: string } }[] }>(`/halls/${hallId}/advice`);
    const h = adv.categories.filter((c) => c.advised > Math.round(c.current)).map((c) => c.headline?.en).filter(Boolean).join('; ');
    if (h && h !== headline) {
      say(`  advice: ${h}`);
      for (const x of adv.actions.filter((y) => y.kind !== 'close').slice(0, 3)) say(`    - ${x.message.en}`);
      say(`    apply it on ${url}/manager/${hallId}`);
    }
    headline = h;
  }

  say('(waits below are in hall minutes: the api measures real seconds, times the speed)');
  for (;;) {
    const t = hallClock();
    for (const e of sim.advanceTo(t)) await play(e);
    if (Date.now() - lastMirror > 2000) {
      lastMirror = Date.now();
      await mirrorManager().catch((err) => say(`  (could not read windows: ${err.message})`));
    }
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      await report().catch((err) => say(`  (could not read the hall: ${err.message})`));
    }
    if (t > simStart + 9 * HOUR) {
      say('The simulated day is over; the api keeps running until Ctrl-C.');
      await new Promise(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});

/** 30 hall minutes in real seconds at `speed`, rounded to a slot width that divides a day. */
function slotSecondsFor(speed: number): number {
  const want = Math.max(10, Math.round(1800 / speed));
  for (let d = 0; ; d++) {
    for (const s of [want - d, want + d]) if (s >= 10 && 86_400 % s === 0) return s;
  }
}
