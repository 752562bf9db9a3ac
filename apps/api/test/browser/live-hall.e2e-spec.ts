import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SHOTS, startBrowserHall, withDevice, type BrowserHall } from '../support/browser';
import { createSmallHall, deviceToken, type SmallHall, type TestApp } from '../support/test-app';



/**
 * The live hall in a real browser: the built display app served by the real api. A citizen takes a
 * ticket on the kiosk, a window calls it through the API, the hall screen shows and says it, and the
 * phone page tells the citizen which window to go to. Screenshots go to test-output/screenshots/.
 */
describe('live hall in the browser', () => {
  let t: TestApp;
  let h: SmallHall;
  let browser: Browser;
  let hall: BrowserHall;

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const pages: Page[] = [];
  const open = async (path: string, viewport: { width: number; height: number }, init?: () => void) => {
    const page = await browser.newPage({ viewport });
    pages.push(page);
    if (init) await page.addInitScript(init);
    page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
    const device = /^\/screen\//.test(path) ? screenToken : /^\/kiosk\//.test(path) ? kioskToken : null;
    await page.goto(`${t.url}${device ? withDevice(path, device) : path}`);
    return page;
  };
  let screenToken = '';
  let kioskToken = '';
  const errors: string[] = [];

  beforeAll(async () => {
    hall = await startBrowserHall(['--autoplay-policy=no-user-gesture-required']);
    ({ t, browser } = hall);
    h = await createSmallHall(t);
    screenToken = await deviceToken(t, h.hallId, 'screen');
    kioskToken = await deviceToken(t, h.hallId, 'kiosk');
    await t.http.patch(`/api/halls/${h.hallId}`).send({ name: '示范区政务服务中心' }).expect(200);
    for (const [code, zh, en, materials] of [
      ['enterprise', '企业开办', 'Business registration', ['身份证原件', '营业执照申请书']],
      ['social', '社保医保', 'Social insurance', ['身份证原件', '社保卡']],
      ['tax', '税务办理', 'Tax', ['身份证原件', '发票']],
    ] as const) {
      await t.http.patch(`/api/halls/${h.hallId}/categories/${code}`).send({ nameZh: zh, nameEn: en, materials }).expect(200);
    }
  });

  // Each test's pages close after it: a screen left running keeps speaking and slows the next test.
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context().close();
  });

  afterAll(() => hall?.close());

  it('kiosk ticket -> API call -> the screen shows and says it, the phone says go to window 3', async () => {
    // Some people already wait, so the screen and the kiosk have lines to show.
    for (const [c, k] of [['enterprise', 'b1'], ['enterprise', 'b2'], ['social', 'b4']] as const) {
      t.clock.advance(60_000);
      await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', k).send({ category: c }).expect(201);
    }
    await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/call-next`).expect(200);

    const screen = await open(`/screen/${h.hallId}?repeat=1`, { width: 1920, height: 1080 });
    await screen.locator('[data-conn="live"]').waitFor();
    await screen.locator('[data-testid="newest"]', { hasText: 'A001' }).waitFor();

    // The kiosk: choose social insurance, see what to bring, take a regular ticket.
    const kiosk = await open(`/kiosk/${h.hallId}`, { width: 1080, height: 1920 });
    await kiosk.locator('[data-category="social"]').waitFor();
    await shot(kiosk, 'kiosk-categories');
    await kiosk.click('[data-category="social"]');
    await kiosk.getByText('社保卡').waitFor();
    await shot(kiosk, 'kiosk-category');
    t.clock.advance(60_000); // after B001, so the routing order between the two is not a tie
    await kiosk.click('[data-testid="take-normal"]');
    const number = (await kiosk.locator('[data-testid="number"]').textContent())!.trim();
    expect(number).toBe('B002');
    await expect(kiosk.locator('.slip-ahead').textContent()).resolves.toContain('前面还有 1 人');
    expect(await kiosk.locator('.qr svg').count()).toBe(1);
    const trackPath = (await kiosk.locator('.qr').getAttribute('data-track'))!;
    expect(trackPath).toMatch(/^\/t\/[A-Za-z0-9_-]{32}$/);
    await shot(kiosk, 'kiosk-ticket');
    await kiosk.emulateMedia({ media: 'print' });
    await shot(kiosk, 'kiosk-ticket-print');
    await kiosk.emulateMedia({ media: 'screen' });

    // The phone, from the QR code's link.
    // The phone records vibrations and notifications (headless Chromium has neither).
    const phone = await open(trackPath, { width: 390, height: 844 }, () => {
      const w = window as any;
      w.buzz = [];
      Object.defineProperty(navigator, 'vibrate', { value: (p: unknown) => (w.buzz.push(p), true) });
      w.notes = [];
      w.Notification = class {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        constructor(title: string) {
          w.notes.push(title);
        }
      };
    });
    await phone.locator('[data-status="waiting"]').waitFor();
    expect(await phone.locator('[data-testid="number"]').textContent()).toBe(number);
    await expect(phone.locator('[data-testid="ahead"]').textContent()).resolves.toBe('前面还有 1 人');
    await shot(phone, 'phone-waiting');

    // Window 3 (social, tax) calls: B001 first, then, after a no-show, our B002.
    const first = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['3']}/call-next`).expect(200);
    expect(first.body.number).toBe('B001');
    await phone.locator('[data-testid="ahead"]', { hasText: '前面还有 0 人' }).waitFor();
    await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['3']}/no-show`).expect(200);
    const called = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['3']}/call-next`).expect(200);
    expect(called.body.number).toBe(number);

    await screen.locator('[data-testid="newest"]', { hasText: number }).waitFor();
    expect(await screen.locator('[data-testid="newest"]').textContent()).toBe(`${number}→ 3 号窗口`);
    expect(await screen.locator('[data-testid="recent"] li').first().textContent()).toBe('B0013 号窗口') // number, then window;
    await shot(screen, 'screen-called');

    await phone.locator('[data-testid="go"]').waitFor();
    expect(await phone.locator('[data-testid="go"]').textContent()).toBe('请到 3 号窗口');
    // It buzzed and notified once, although `called` and the snapshot after it both said so.
    expect(await phone.evaluate(() => [(window as any).buzz.length, (window as any).notes])).toEqual([1, ['请到 3 号窗口']]);
    await shot(phone, 'phone-called');

    // The screen said it: headless Chromium has no local voice, so it used the shipped clips.
    // Said (once: ?repeat=1; halls default to twice), in Chinese, after the call queued before it.
    await screen.waitForFunction(
      (key) => (window as any).hallqVoice.log.filter((e: any) => e.key === key && e.kind === 'said').length >= 1,
      `${number}@3`,
      { timeout: 45_000 },
    );
    const said = await screen.evaluate(() => (window as any).hallqVoice.log as { key: string; kind: string; output: string }[]);
    expect(said.filter((e) => e.key === `${number}@3`).map((e) => `${e.kind}:${e.output}`)).toEqual(['said:clips']);

    // The same phone page in English, elder mode.
    const phoneEn = await open(`${trackPath}?lang=en&large=1`, { width: 390, height: 844 });
    await phoneEn.locator('[data-testid="go"]', { hasText: 'Go to window 3' }).waitFor();
    await shot(phoneEn, 'phone-called-en-large');
    expect(errors).toEqual([]);
  });

  it('the kiosk shows a paused category and closes outside opening hours, live', async () => {
    const kiosk = await open(`/kiosk/${h.hallId}?lang=zh&large=0`, { width: 1080, height: 1920 });
    await kiosk.locator('[data-category="tax"]').waitFor();
    await t.http.patch(`/api/halls/${h.hallId}/categories/tax`).send({ active: false }).expect(200);
    await kiosk.locator('[data-category="tax"][disabled]').waitFor();
    expect(await kiosk.locator('[data-category="tax"]').textContent()).toContain('暂停取号');
    await shot(kiosk, 'kiosk-paused');

    t.clock.advance(10 * 3600_000); // 20:00 or so: past closing
    await t.http.patch(`/api/halls/${h.hallId}/categories/tax`).send({ active: true }).expect(200);
    await kiosk.locator('[data-testid="closed"]').waitFor();
    expect(await kiosk.locator('[data-testid="closed"]').textContent()).toContain('大厅已停止取号');
    await shot(kiosk, 'kiosk-closed');
    t.clock.advance(-10 * 3600_000);
  });

  it('the kiosk retries a lost answer with the same idempotency key: one ticket, not two', async () => {
    const kiosk = await open(`/kiosk/${h.hallId}`, { width: 1080, height: 1920 });
    await kiosk.locator('[data-category="enterprise"]').waitFor();
    const before = await t.http.get(`/api/halls/${h.hallId}/state`).expect(200);
    const keys: string[] = [];
    let first = true;
    // The first request reaches the api and is answered, but the answer is lost on the way back.
    await kiosk.route('**/api/halls/*/tickets', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (first) {
        first = false;
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await kiosk.click('[data-category="enterprise"]');
    t.clock.advance(60_000);
    await kiosk.click('[data-testid="take-normal"]');
    const number = (await kiosk.locator('[data-testid="number"]').textContent())!.trim();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const after = await t.http.get(`/api/halls/${h.hallId}/state`).expect(200);
    const waitingOf = (s: any) => s.lines.find((l: any) => l.category.code === 'enterprise').waiting;
    expect(waitingOf(after.body)).toBe(waitingOf(before.body) + 1);
    expect(after.body.waiting.filter((w: any) => w.number === number)).toHaveLength(1);
  });

  it('gives a priority ticket from the kiosk\'s elderly/disabled button (only kiosks and staff may)', async () => {
    const kiosk = await open(`/kiosk/${h.hallId}`, { width: 1080, height: 1920 });
    await kiosk.locator('[data-category="tax"]').waitFor();
    await kiosk.click('[data-category="tax"]');
    t.clock.advance(60_000);
    await kiosk.click('[data-testid="take-priority"]');
    const number = (await kiosk.locator('[data-testid="number"]').textContent())!.trim();
    const state = await t.http.get(`/api/halls/${h.hallId}/state`).expect(200);
    expect(state.body.waiting.find((w: any) => w.number === number)).toMatchObject({ priority: 'priority', channel: 'kiosk' });
    expect(errors).toEqual([]);
  });

  it('serves the pages for deep links, and a friendly refusal for an unknown hall or ticket', async () => {
    const r = await t.http.get('/screen/anything/deeper').expect(200);
    expect(r.text).toContain('<div id="app">');
    expect((await t.http.get('/api/halls/nope').expect(404)).body).toMatchObject({ code: 'HALL_NOT_FOUND' });
    await t.http.get('/voice/zh/please.ogg').expect(200).expect('content-type', /ogg/);

    const phone = await open('/t/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { width: 390, height: 844 });
    await phone.getByText('找不到该号票，请检查链接').waitFor();
    const screen = await open('/screen/no-such-hall', { width: 1920, height: 1080 });
    await screen.getByText('找不到该大厅').waitFor();
  });

  it('tells a screen without a device token that it is not registered, and keeps the token out of the address bar', async () => {
    const bare = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    pages.push(bare);
    await bare.goto(`${t.url}/screen/${h.hallId}`);
    await bare.getByText('本设备未登记或已停用，请联系大厅管理员').waitFor();
    await shot(bare, 'screen-not-registered');
    const registered = await open(`/screen/${h.hallId}`, { width: 1920, height: 1080 });
    await registered.locator('[data-conn="live"]').waitFor();
    expect(registered.url()).not.toContain('device=');
  });
});
