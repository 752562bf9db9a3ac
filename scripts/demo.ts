/**
 * `npm run demo [-- --speed 20] [--url http://host:3000] [--port 3000] [--seed 7]`: a hall in motion.
 *
 * The demo hall (scripts/support/demo-hall.ts) is played by the libs/forecast simulator at `speed` times
 * real time through the live api: the morning peak on enterprise declaration outgrows its four windows,
 * the line grows, alerts go up, and the advice says open the spare windows for enterprise. Apply it on
 * the manager page and the simulation follows, so the line clears. `npm run demo:check` plays the same
 * story headless, applies the advice itself and checks that the enterprise line shrinks.
 *
 * Without --url it starts the BUILT api (`node dist/apps/api/src/main.js`, built first when missing or
 * stale) on a fresh SQLite file, serving the built display app (built first when missing).
 */
import { client, DemoHall, startDemoApi } from './support/demo-hall';

const HOUR = 3_600_000;

function arg(name: string, dflt?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
// 20x by default: the api floors targets at 60 s, and 20 min / 20 = 60 s keeps the real targets.
const SPEED = Number(arg('speed', '20'));
const SEED = Number(arg('seed', '7'));
if (!(SPEED >= 1 && SPEED <= 600)) throw new Error('--speed must be between 1 and 600');
const say = (s: string) => process.stdout.write(`${s}\n`);

async function main(): Promise<void> {
  const api = await startDemoApi({
    speed: SPEED,
    log: say,
    port: Number(arg('port', '3000')),
    url: arg('url'),
    host: arg('host', '127.0.0.1')!,
    user: arg('user'),
    password: arg('password'),
  });
  const stop = async () => {
    await api.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const a = client(api.url, api.auth);
  const hall = await DemoHall.create(a, { speed: SPEED, seed: SEED, log: say });
  const url = api.url;
  const { hallId, windowIds } = hall;
  // The hall screen and kiosk pages need device tokens, as in a real hall.
  const device = async (kind: 'screen' | 'kiosk') => (await a.post<{ token: string }>(`/halls/${hallId}/devices`, { kind, label: `Demo ${kind}` })).body.token;
  const screenToken = await device('screen');
  const kioskToken = await device('kiosk');
  say('');
  const realSecond = SPEED >= 60 ? `${SPEED / 60} hall minute${SPEED === 60 ? '' : 's'}` : `${SPEED} hall seconds`;
  say(`hallq demo at ${SPEED}x: one real second is ${realSecond}. Ctrl-C stops it.`);
  say(`  manager:  ${url}/manager/${hallId}`);
  say(`  screen:   ${url}/screen/${hallId}?device=${screenToken}`);
  say(`  counter:  ${url}/counter/${hallId}/${windowIds.get('1')}   (window 1; the spare windows 8-10 are closed)`);
  say(`  kiosk:    ${url}/kiosk/${hallId}?device=${kioskToken}`);
  say(`  report:   ${url}/report/${hallId}`);
  say(`  staff pages (manager, counter, report): sign in as ${api.signIn}`);
  say('');

  let lastReport = 0;
  let headline = '';
  const alertsSeen = new Set<string>();
  async function report(): Promise<void> {
    const lines = (await hall.lines())
      .map((l) => `${l.category.code} ${l.waiting} waiting/${l.openWindows} win${l.waitNow ? ` ~${Math.round((l.waitNow.expectedSec * SPEED) / 60)}m` : ''}`)
      .join(' | ');
    say(`[${hall.clockText()}] ${lines}`);
    const alerts = await a.get<{ id: string; scope: string; level: string; message: string }[]>(`/halls/${hallId}/alerts`);
    // Line alerts in full; ticket alerts (one per late ticket) only counted.
    let tickets = 0;
    for (const al of alerts) {
      if (alertsSeen.has(`${al.id}${al.level}`)) continue;
      alertsSeen.add(`${al.id}${al.level}`);
      if (al.scope === 'ticket') tickets++;
      else say(`  alert (${al.level}): ${al.message}`);
    }
    if (tickets) say(`  + ${tickets} ticket alert${tickets === 1 ? '' : 's'} (see the manager page)`);
    // Only advice to add capacity is news here; "can close" comes and goes in a quiet hall.
    const adv = await a.get<{
      categories: { advised: number; current: number; headline: { en: string } | null }[];
      actions: { kind: string; message: { en: string } }[];
    }>(`/halls/${hallId}/advice`);
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
    await hall.tick();
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      await report().catch((err) => say(`  (could not read the hall: ${err.message})`));
    }
    if (hall.hallClock() > 9 * HOUR) {
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
