/**
 * `npm run bench:shown [-- --speed 30] [--seed 7] [--manager advice|none] [--until 10] [--out file.json]`
 * `npm run bench:shown -- --rescore test-output/bench-shown.json`
 *
 * Scores what citizens were shown (issue 15 item 5). Plays the demo hall's whole simulated day (08:30 to
 * 16:30 hall time, then until the line is empty or `--until` hall hours) against a freshly built api, as
 * `npm run demo:check` does, and records for every ticket the wait estimate of its issue answer and the
 * wait it really had (issue to call, read back from the api); it polls the hall's alerts every second.
 * Then it prints RASE, MAE, bias and calibration of what the api showed beside the library's replay of
 * the same day, the line alerts' precision and recall, and the targets met or missed (exit 1 if one is
 * missed). The manager follows the advice as demo:check's does: once a line alert is up, every 5 s it
 * applies each advised action that opens or moves a window (`--manager none` plays the windows as
 * scheduled). The record is saved as JSON (`--out`, default test-output/bench-shown.json) and
 * `--rescore` prints the report of a saved record again without playing. About 18 real minutes at 30x.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { ROOT } from './support/built-api';
import { client, DemoHall, startDemoApi, type Api } from './support/demo-hall';
import type { DayRecord } from './support/shown-day';
import { ShownRecorder } from './support/shown-record';
import { report } from './support/shown-report';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY_END = 8 * HOUR;

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const SPEED = Number(arg('speed', '30'));
const SEED = Number(arg('seed', '7'));
const MANAGER = arg('manager', 'advice');
const UNTIL = Number(arg('until', '10')) * HOUR;
const OUT = resolve(arg('out', 'test-output/bench-shown.json'));
const say = (s: string) => process.stdout.write(`${s}\n`);

interface Action {
  kind: string;
  windowId: string;
  category: string;
  fromCategory?: string;
  categories?: string[];
  message: { en: string };
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

/** As demo:check's manager: the advice's opening and moving actions, applied through the api. */
async function followAdvice(a: Api, hall: DemoHall, applied: DayRecord['applied']): Promise<void> {
  const adv = await a.get<{ actions: Action[] }>(`/halls/${hall.hallId}/advice`);
  for (const x of adv.actions.filter((y) => y.kind !== 'close')) {
    const r = await a.post(`/halls/${hall.hallId}/advice/apply`, {
      kind: x.kind, windowId: x.windowId, category: x.category, fromCategory: x.fromCategory, categories: x.categories,
    });
    applied.push({ at: Date.now(), status: r.status, message: x.message.en });
    say(`[${hall.clockText()}] applied (${r.status}): ${x.message.en}`);
  }
}

async function play(): Promise<DayRecord> {
  const loadAtStart = loadavg();
  const t0 = Date.now();
  const api = await startDemoApi({ speed: SPEED, log: say });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void api.stop().then(() => process.exit(130)));
  try {
    const a = client(api.url, api.auth);
    const rec = new ShownRecorder();
    rec.attach(a);
    const hall = await DemoHall.create(a, { speed: SPEED, seed: SEED, log: say, watcher: rec.watcher });
    const categories = await a.get<DayRecord['categories']>(`/halls/${hall.hallId}/categories`);
    say(`bench:shown at ${SPEED}x, seed ${SEED}, manager ${MANAGER}, on ${api.url}/manager/${hall.hallId}`);
    const applied: DayRecord['applied'] = [];
    let alerted = false;
    let lastLook = 0;
    let lastAdvice = 0;
    let lastSay = -1;
    for (;;) {
      await hall.tick();
      const t = hall.hallClock();
      if (Date.now() - lastLook >= 1000) {
        lastLook = Date.now();
        const open = await rec.pollAlerts(hall.hallId);
        alerted ||= open.some((x) => x.scope === 'category');
        if (MANAGER === 'advice' && alerted && Date.now() - lastAdvice >= 5000) {
          lastAdvice = Date.now();
          await followAdvice(a, hall, applied);
        }
        const lines = await hall.lines();
        const waiting = lines.reduce((s, l) => s + l.waiting, 0);
        if (Math.floor(t / (30 * MIN)) !== lastSay) {
          lastSay = Math.floor(t / (30 * MIN));
          say(`[${hall.clockText(t)}] ${lines.map((l) => `${l.category.code} ${l.waiting} at ${l.openWindows}`).join(', ')}; ` +
            `${rec.tickets.size} tickets so far, ${open.length} open alerts`);
        }
        if ((t > DAY_END && waiting === 0) || t > UNTIL) break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const realEnd = Date.now();
    await rec.finish();
    const sim = hall.simulated;
    return {
      meta: {
        commit: git(['rev-parse', '--short', 'HEAD']), dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
        loadAtStart, loadAtEnd: loadavg(), cores: cpus().length, speed: SPEED, seed: SEED, manager: MANAGER,
        startedAt: new Date(t0).toISOString().slice(0, 16).replace('T', ' ') + ' UTC', realMinutes: (Date.now() - t0) / MIN,
      },
      realStart: hall.startedAt, realEnd, categories, tickets: [...rec.tickets.values()], refused: [...rec.refused],
      sightings: rec.sightings, polls: rec.polls, applied, sim: { events: [...sim.events], tickets: sim.tickets.map((x) => ({ ...x })) },
    };
  } finally {
    await api.stop();
  }
}

async function main(): Promise<number> {
  const rescore = process.argv.includes('--rescore') ? resolve(arg('rescore', OUT)) : null;
  let record: DayRecord;
  if (rescore) {
    record = JSON.parse(readFileSync(rescore, 'utf8')) as DayRecord;
  } else {
    record = await play();
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(record));
    say(`record saved to ${OUT}`);
  }
  return report(record, say) ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(2);
});
