/**
 * `npm run demo:check [-- --speed 30] [--seed 7]`: plays the demo headless and checks its story.
 *
 * Same hall, same simulator as `npm run demo`, on a fresh built api. It waits for the enterprise line to
 * grow until a line alert for it is up and the advice names windows to open for enterprise declaration;
 * then it applies those actions through the api (POST /advice/apply, as the manager page's button does)
 * and keeps playing, following further advice for enterprise as it comes. It passes when the advice's first action was for enterprise and the enterprise line
 * then falls to half of what it was when the advice was applied; it prints the timeline either way and
 * exits non-zero on failure. With `--shots <dir>` it also keeps the manager page open in headless
 * Chromium (/usr/bin/chromium) and saves it before the advice is applied and once the line has cleared.
 */
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { client, DemoHall, startDemoApi } from './support/demo-hall';

const MIN = 60_000;

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
// 30x: a hall hour in two real minutes; targets become 30 hall minutes (the api floors them at 60 s).
const SPEED = Number(arg('speed', '30'));
const SEED = Number(arg('seed', '7'));
const SHOTS = process.argv.includes('--shots') ? resolve(arg('shots', 'test-output/screenshots')) : null;
const say = (s: string) => process.stdout.write(`${s}\n`);

/** The manager page in headless Chromium, for screenshots of the story (only with --shots). */
async function managerPage(url: string, token: string): Promise<{ browser: Browser; page: Page } | null> {
  if (!SHOTS) return null;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  // Signed in as the demo's admin, as the manager would be.
  await page.addInitScript((tok: string) => localStorage.setItem('hallq.staffToken', tok), token);
  await page.goto(url);
  return { browser, page };
}

interface Action {
  kind: string;
  windowId: string;
  windowLabel: string;
  category: string;
  fromCategory?: string;
  categories?: string[];
  message: { en: string };
}

async function main(): Promise<number> {
  const api = await startDemoApi({ speed: SPEED, log: say });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void api.stop().then(() => process.exit(130)));
  try {
    const a = client(api.url, api.auth);
    const hall = await DemoHall.create(a, { speed: SPEED, seed: SEED, log: say });
    say(`demo:check at ${SPEED}x on ${api.url}/manager/${hall.hallId}`);
    const view = await managerPage(`${api.url}/manager/${hall.hallId}`, api.auth.authorization.slice("Bearer ".length));
    const shot = async (name: string) => {
      if (!view || !SHOTS) return;
      await new Promise((r) => setTimeout(r, 12_000)); // the page's charts refresh every 10 s
      await view.page.screenshot({ path: join(SHOTS, name), fullPage: true });
      say(`  screenshot: ${join(SHOTS, name)}`);
    };
    let alertAt: string | null = null;
    let applied: { at: number; waiting: number } | null = null;
    let lowest = Infinity;
    let peak = 0;
    let lastLook = 0;
    let lastAdvice = 0;
    let lastLine = '';
    for (;;) {
      await hall.tick();
      const t = hall.hallClock();
      if (Date.now() - lastLook >= 1000) {
        lastLook = Date.now();
        const ent = (await hall.lines()).find((l) => l.category.code === 'enterprise')!;
        peak = Math.max(peak, ent.waiting);
        const line = `[${hall.clockText(t)}] enterprise ${ent.waiting} waiting at ${ent.openWindows} windows`;
        if (Math.floor(t / (15 * MIN)) !== Math.floor((t - 1000 * SPEED) / (15 * MIN)) && line !== lastLine) say((lastLine = line));
        if (!alertAt) {
          const alerts = await a.get<{ scope: string; subject: string; level: string; message: string }[]>(`/halls/${hall.hallId}/alerts`);
          const lineAlert = alerts.find((x) => x.scope === 'category' && x.subject === 'enterprise');
          if (lineAlert) {
            alertAt = hall.clockText(t);
            say(`[${alertAt}] alert (${lineAlert.level}): ${lineAlert.message}`);
          }
        }
        if (alertAt && !applied) {
          const adv = await a.get<{ categories: { category: string; headline: { en: string } | null }[]; actions: Action[] }>(`/halls/${hall.hallId}/advice`);
          const adding = adv.actions.filter((x) => x.kind !== 'close');
          if (adding.length) {
            for (const c of adv.categories) if (c.headline) say(`[${hall.clockText(t)}] advice: ${c.headline.en}`);
            await shot('demo-before-apply.png');
            if (adding[0].category !== 'enterprise') {
              say(`FAIL: the advice's first action is for ${adding[0].category}, not enterprise: ${adding[0].message.en}`);
              return 1;
            }
            for (const x of adding.filter((y) => y.category === 'enterprise')) {
              const r = await a.post(`/halls/${hall.hallId}/advice/apply`, {
                kind: x.kind, windowId: x.windowId, category: x.category, fromCategory: x.fromCategory, categories: x.categories,
              });
              say(`[${hall.clockText(t)}] applied (${r.status}): ${x.message.en}`);
              if (r.status !== 200) return 1;
            }
            applied = { at: t, waiting: ent.waiting };
            lowest = ent.waiting;
          }
        }
        if (applied && Date.now() - lastAdvice >= 5000) {
          // As a manager would: follow further advice for enterprise while its line is still long.
          lastAdvice = Date.now();
          const adv = await a.get<{ actions: Action[] }>(`/halls/${hall.hallId}/advice`);
          for (const x of adv.actions.filter((y) => y.kind !== 'close' && y.category === 'enterprise')) {
            const r = await a.post(`/halls/${hall.hallId}/advice/apply`, {
              kind: x.kind, windowId: x.windowId, category: x.category, fromCategory: x.fromCategory, categories: x.categories,
            });
            say(`[${hall.clockText(t)}] applied further advice (${r.status}): ${x.message.en}`);
          }
        }
        if (applied) {
          lowest = Math.min(lowest, ent.waiting);
          if (ent.waiting <= applied.waiting / 2) {
            say(`[${hall.clockText(t)}] enterprise ${ent.waiting} waiting at ${ent.openWindows} windows`);
            await shot('demo-cleared.png');
            await view?.browser.close();
            say(`PASS: alert at ${alertAt}; advice applied at ${hall.clockText(applied.at)} with ${applied.waiting} waiting (peak ${peak}); ` +
              `the line fell to ${ent.waiting} by ${hall.clockText(t)} (${Math.round((t - applied.at) / MIN)} hall minutes later).`);
            return 0;
          }
          if (t - applied.at > 180 * MIN) {
            say(`FAIL: 3 hall hours after applying the advice the enterprise line is ${ent.waiting} (was ${applied.waiting}, lowest ${lowest}).`);
            return 1;
          }
        } else if (t > 5 * 60 * MIN) {
          say(`FAIL: by ${hall.clockText(t)} ${alertAt ? 'no advice to open windows came' : 'no enterprise line alert came'} (enterprise peak ${peak}).`);
          return 1;
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await api.stop();
  }
}

main().then((code) => process.exit(code), (e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
