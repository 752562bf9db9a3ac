/**
 * The demo hall and the engine that plays it (shared by `npm run demo` and `npm run demo:check`).
 *
 * The libs/forecast hall simulator plays a day at `speed` times real time and the engine makes the live
 * api do what it says, through the public REST api: a ticket for each simulated arrival, call-next +
 * start and finish at the window the simulator used, a cancel for who gave up. Whatever a manager
 * changes on the api (apply advice, open, close, re-profile) is read back and applied to the
 * simulation too, so the extra windows serve people there and the line clears.
 *
 * The api keeps the real clock. So that its waits, targets and alerts mean the same as in the simulated
 * hall, the demo hall's targets and default service times are divided by `speed` (the api floors a
 * target at 60 s: above 20x the targets become longer than 20 hall minutes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHallSimulation, referenceRoutingRule, type ForecastEvent } from '../../libs/forecast/src';
import { ensureBuiltApi, newestSourceMtime, ROOT, signInAt, SPAWN_ADMIN, spawnApi, type ApiProcess } from './built-api';

const HOUR = 3_600_000;
const MIN = 60_000;

/**
 * The reported case: enterprise declaration on windows 1-4 meets a morning peak (up to 36 an hour
 * against 16 an hour of service); windows 8-10 are the hall's spare windows, set up for enterprise
 * declaration and closed. Social insurance (windows 5-6) and tax (window 7) are comfortably staffed on
 * windows of their own (a window shared by two lines counts half for each, and the advice would then
 * ask for more tax windows first), so the story is the enterprise line: it grows, an alert rises, the
 * advice opens the spare windows for it, and the line clears.
 */
export const CATEGORIES = [
  { code: 'enterprise', prefix: 'A', nameZh: '企业开办', nameEn: 'Business registration', targetMin: 20, serviceMin: 15,
    // Per half hour from 08:30: the morning peak, then quieter.
    arrivals: [12, 28, 36, 36, 30, 20, 12, 8, 8, 10, 14, 12, 10, 8, 6, 4] },
  { code: 'social', prefix: 'B', nameZh: '社保医保', nameEn: 'Social insurance', targetMin: 15, serviceMin: 7, arrivals: [6] },
  { code: 'tax', prefix: 'C', nameZh: '税务办理', nameEn: 'Tax', targetMin: 20, serviceMin: 6, arrivals: [3] },
];
export const WINDOWS = [
  ...['1', '2', '3', '4'].map((label) => ({ label, categories: ['enterprise'], state: 'open' })),
  ...['5', '6'].map((label) => ({ label, categories: ['social'], state: 'open' })),
  { label: '7', categories: ['tax'], state: 'open' },
  ...['8', '9', '10'].map((label) => ({ label, categories: ['enterprise'], state: 'closed' })),
];

export interface Api {
  url: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
}

/** The api as the signed-in admin (`auth` carries the bearer token). */
export function client(url: string, auth: { authorization: string }): Api {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${url}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...auth, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
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

/** 30 hall minutes in real seconds at `speed`, rounded to a slot width that divides a day. */
export function slotSecondsFor(speed: number): number {
  const want = Math.max(10, Math.round(1800 / speed));
  for (let d = 0; ; d++) {
    for (const s of [want - d, want + d]) if (s >= 10 && 86_400 % s === 0) return s;
  }
}

export interface LineNow { category: { code: string }; waiting: number; openWindows: number; waitNow: { expectedSec: number } | null }

/** Hears what the engine did on the api for the simulation (`npm run bench:shown` records the answers). */
export interface DemoWatcher {
  /** A simulated arrival's ticket as the api answered its issue; `sentAt` is when the request left (epoch ms). */
  issued?(simTicketId: string, answer: { status: number; body: unknown }, sentAt: number): void;
  /** A simulated person gave up: the cancel of their api ticket, answered at `at` (epoch ms). */
  cancelled?(simTicketId: string, status: number, at: number): void;
}

/** The demo hall on a live api, played by the simulator. Call `tick()` every few hundred ms. */
export class DemoHall {
  readonly hallId: string;
  readonly windowIds: Map<string, string>;
  private readonly labelOf: Map<string, string>;
  private readonly sim: ReturnType<typeof createHallSimulation>;
  private readonly tokens = new Map<string, string>(); // sim ticket id -> api tracking token
  private readonly known = new Map(WINDOWS.map((x) => [x.label, `${x.state}|${x.categories.join(',')}`]));
  private realStart = Date.now();
  private lastMirror = 0;

  private constructor(
    readonly api: Api,
    readonly speed: number,
    readonly seed: number,
    hall: { hallId: string; windowIds: Map<string, string> },
    private readonly log: (s: string) => void,
    private readonly watcher: DemoWatcher = {},
  ) {
    this.hallId = hall.hallId;
    this.windowIds = hall.windowIds;
    this.labelOf = new Map([...hall.windowIds].map(([l, id]) => [id, l]));
    this.sim = createHallSimulation({
      seed, start: 0, end: 8 * HOUR, slotMs: 30 * MIN, rule: referenceRoutingRule,
      categories: CATEGORIES.map((c) => ({
        id: c.code, targetWaitMs: c.targetMin * MIN, arrivalsPerHour: c.arrivals.length === 1 ? c.arrivals[0] : c.arrivals,
        meanServiceMs: c.serviceMin * MIN, serviceCv: 0.5, meanPatienceMs: 90 * MIN, priorityShare: 0.05,
      })),
      windows: WINDOWS.map((w) => ({ id: w.label, state: w.state as 'open' | 'closed', categoryIds: w.categories })),
    });
  }

  /** Creates the demo hall on the api (open all day, so the demo runs whenever it is started). */
  static async create(api: Api, opts: { speed: number; seed: number; log?: (s: string) => void; watcher?: DemoWatcher }): Promise<DemoHall> {
    const must = async <T>(p: Promise<{ status: number; body: T }>) => {
      const r = await p;
      if (r.status >= 300) throw new Error(`setup failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const hall = await must(api.post<{ id: string }>('/halls', { name: '示范区政务服务中心（演示）', timeZone: 'Asia/Shanghai', opensAt: '00:00', closesAt: '23:59' }));
    for (const c of CATEGORIES) {
      await must(api.post(`/halls/${hall.id}/categories`, {
        code: c.code, prefix: c.prefix, nameZh: c.nameZh, nameEn: c.nameEn, materials: ['身份证原件'],
        targetWaitSec: Math.max(60, Math.round((c.targetMin * 60) / opts.speed)),
        defaultServiceSec: Math.max(10, Math.round((c.serviceMin * 60) / opts.speed)),
      }));
    }
    const windowIds = new Map<string, string>();
    for (const w of WINDOWS) windowIds.set(w.label, (await must(api.post<{ id: string }>(`/halls/${hall.id}/windows`, w))).id);
    return new DemoHall(api, opts.speed, opts.seed, { hallId: hall.id, windowIds }, opts.log ?? (() => undefined), opts.watcher);
  }

  /** Hall time in ms since 08:30. */
  hallClock(): number {
    return (Date.now() - this.realStart) * this.speed;
  }

  /** The real moment (epoch ms, the api's clock) the hall's day began: 08:30 hall time. */
  get startedAt(): number {
    return this.realStart;
  }

  /** The simulator's own record so far: its events and its tickets (hall time, the simulator's ticket ids). */
  get simulated(): { events: readonly ForecastEvent[]; tickets: ReturnType<typeof createHallSimulation>['tickets'] } {
    return { events: this.sim.events, tickets: this.sim.tickets };
  }

  /** "09:42" for a hall time. */
  clockText(t = this.hallClock()): string {
    const m = 8 * 60 + 30 + Math.floor(t / MIN);
    return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  }

  /** Plays the simulation up to now and, every 2 s, mirrors the manager's window changes into it. */
  async tick(): Promise<void> {
    for (const e of this.sim.advanceTo(this.hallClock())) await this.play(e);
    if (Date.now() - this.lastMirror > 2000) {
      this.lastMirror = Date.now();
      await this.mirrorManager().catch((err) => this.log(`  (could not read windows: ${(err as Error).message})`));
    }
  }

  async lines(): Promise<LineNow[]> {
    return (await this.api.get<{ lines: LineNow[] }>(`/halls/${this.hallId}/state`)).lines;
  }

  private w(label: string): string {
    return `/halls/${this.hallId}/windows/${this.windowIds.get(label)}`;
  }

  private async play(e: ForecastEvent): Promise<void> {
    const ev = e as ForecastEvent & { ticketId?: string; categoryId?: string; windowId?: string; priority?: string };
    const a = this.api;
    switch (e.type) {
      case 'issued': {
        const sentAt = Date.now();
        const r = await a.post<{ token: string }>(
          `/halls/${this.hallId}/tickets`,
          { category: ev.categoryId, priority: ev.priority === 'priority' ? 'priority' : 'normal', channel: 'kiosk' },
          { 'Idempotency-Key': `demo-${this.seed}-${ev.ticketId}` },
        );
        if (r.status < 300) this.tokens.set(ev.ticketId!, r.body.token);
        this.watcher.issued?.(ev.ticketId!, r, sentAt);
        break;
      }
      case 'called': {
        // The api's own routing picks the ticket; the simulator only says when this window is free.
        const r = await a.post(`${this.w(ev.windowId!)}/call-next`);
        if (r.status === 409) {
          await a.post(`${this.w(ev.windowId!)}/finish`); // out of step with the simulation: catch up
          await a.post(`${this.w(ev.windowId!)}/call-next`);
        }
        break;
      }
      case 'started':
        await a.post(`${this.w(ev.windowId!)}/start`);
        break;
      case 'finished':
        await a.post(`${this.w(ev.windowId!)}/finish`);
        break;
      case 'abandoned': {
        const token = this.tokens.get(ev.ticketId!);
        if (token) {
          const r = await a.post(`/tickets/${token}/cancel`);
          this.watcher.cancelled?.(ev.ticketId!, r.status, Date.now());
        }
        break;
      }
      default:
    }
  }

  /** What the manager changed on the api, applied to the simulation so the line clears for real. */
  private async mirrorManager(): Promise<void> {
    const wins = await this.api.get<{ id: string; label: string; state: string; categories: string[] }[]>(`/halls/${this.hallId}/windows`);
    for (const x of wins) {
      const label = this.labelOf.get(x.id) ?? x.label;
      const key = `${x.state}|${x.categories.join(',')}`;
      if (this.known.get(label) === key) continue;
      this.known.set(label, key);
      const events = this.sim.changeWindow({ windowId: label, state: x.state as 'open' | 'paused' | 'closed', categoryIds: x.categories });
      this.log(`[${this.clockText()}] window ${label} is now ${x.state} for ${x.categories.join(', ')} (changed on the api; the simulation follows)`);
      for (const e of events) await this.play(e);
    }
  }
}

export interface DemoApi {
  url: string;
  /** The admin's sign-in: the spawned api's, or `user`/`password` on a running one. */
  auth: { authorization: string };
  /** How a person signs in to the staff pages. */
  signIn: string;
  stop(): Promise<void>;
}

/** Starts the built api with the built display app on a fresh SQLite file (or uses --url, signing in as `user`). */
export async function startDemoApi(opts: {
  speed: number;
  log: (s: string) => void;
  port?: number;
  url?: string;
  host?: string;
  user?: string;
  password?: string;
}): Promise<DemoApi> {
  const { speed, log, port } = opts;
  if (opts.url) {
    // The demo sign-ins of a demo start by default (README); production has its own admin.
    const user = opts.user ?? 'admin';
    const token = await signInAt(opts.url, user, opts.password ?? 'hallq-demo-admin');
    return { url: opts.url, auth: { authorization: `Bearer ${token}` }, signIn: `${user} (your password)`, stop: async () => undefined };
  }
  if (ensureBuiltApi(log)) log('api built.');
  const index = join(ROOT, 'dist', 'display', 'index.html');
  if (!existsSync(index) || statSync(index).mtimeMs < newestSourceMtime(join(ROOT, 'apps', 'display', 'src'))) {
    log('building the display app...');
    const r = spawnSync('npm', ['run', '--silent', 'build:display'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build:display failed');
  }
  const dbDir = mkdtempSync(join(tmpdir(), 'hallq-demo-'));
  const api: ApiProcess = await spawnApi({
    databaseUrl: `sqlite:${join(dbDir, 'demo.sqlite')}`, port, seedDemo: false,
    // The forecaster's 30-minute arrival slots shrink with the speed, so its rates follow the compressed day.
    env: { HALLQ_DISPLAY_DIR: join(ROOT, 'dist', 'display'), HOST: opts.host ?? '127.0.0.1', HALLQ_FORECAST_SLOT_SECONDS: String(slotSecondsFor(speed)) },
  });
  return {
    url: api.url,
    auth: api.auth,
    signIn: `${SPAWN_ADMIN.username} / ${SPAWN_ADMIN.password}`,
    stop: async () => {
      await api.stop();
      rmSync(dbDir, { recursive: true, force: true });
    },
  };
}

