import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDisplay, CHROMIUM, SHOTS, withDevice } from '../support/browser';
import { createSmallHall, deviceToken, startTestApp, type SmallHall, type TestApp } from '../support/test-app';

/** This machine's own first non-loopback IPv4 address (the only place this test sends traffic). */
function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  throw new Error('This test needs a non-loopback IPv4 address on this machine (hostname -I shows none).');
}

/**
 * Issue 14, item 3: a hall screen or kiosk opens the api by the hall server's LAN address over plain
 * HTTP. CSP's upgrade-insecure-requests made Chromium fetch the page's own scripts over https there (on
 * localhost it does not), so the page stayed blank. Behind a trusted TLS proxy the directive is still sent.
 */
describe('pages over plain HTTP on a hall LAN address', () => {
  let t: TestApp;
  let h: SmallHall;
  let browser: Browser;
  let displayDir: string;
  let base: string;
  const pages: Page[] = [];
  const errors: string[] = [];
  const ip = lanAddress();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    displayDir = mkdtempSync(join(tmpdir(), 'hallq-display-'));
    buildDisplay(displayDir);
    // The browser runs on this machine, so its requests come from `ip`: trusting that address stands in
    // for the hall's TLS proxy telling the api the request came over https.
    t = await startTestApp({ listenHost: '0.0.0.0', env: { HALLQ_DISPLAY_DIR: displayDir, HALLQ_TRUST_PROXY: `loopback, ${ip}` } });
    base = `http://${ip}:${(t.app.getHttpServer().address() as { port: number }).port}`;
    h = await createSmallHall(t);
    await t.http.patch(`/api/halls/${h.hallId}`).send({ name: '示范区政务服务中心' }).expect(200);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
    });
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (displayDir) rmSync(displayDir, { recursive: true, force: true });
  });

  const open = async (path: string, viewport: { width: number; height: number }, headers: Record<string, string> = {}) => {
    const page = await browser.newPage({ viewport, extraHTTPHeaders: headers });
    pages.push(page);
    page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
    const response = await page.goto(`${base}${path}`);
    return { page, csp: response!.headers()['content-security-policy'] ?? '', hsts: response!.headers()['strict-transport-security'] };
  };

  it('the hall screen and the kiosk render at http://<LAN address>:<port>', async () => {
    const screenToken = await deviceToken(t, h.hallId, 'screen');
    const kioskToken = await deviceToken(t, h.hallId, 'kiosk');
    await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', 'lan-1').send({ category: 'enterprise' }).expect(201);
    await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/call-next`).expect(200);

    const screen = await open(withDevice(`/screen/${h.hallId}`, screenToken), { width: 1920, height: 1080 });
    // The page renders: its scripts loaded over http, it went live and shows the hall and the call.
    await screen.page.locator('[data-conn="live"]').waitFor({ timeout: 15_000 });
    await screen.page.getByText('示范区政务服务中心').first().waitFor();
    await screen.page.locator('[data-testid="newest"]', { hasText: 'A001' }).waitFor();
    expect(screen.csp).toContain("script-src 'self'");
    expect(screen.csp).not.toContain('upgrade-insecure-requests');
    expect(screen.hsts).toBeUndefined();
    await screen.page.screenshot({ path: join(SHOTS, 'lan-screen.png') });

    const kiosk = await open(withDevice(`/kiosk/${h.hallId}`, kioskToken), { width: 1080, height: 1920 });
    await kiosk.page.locator('[data-category="social"]').waitFor({ timeout: 15_000 });
    await kiosk.page.screenshot({ path: join(SHOTS, 'lan-kiosk.png') });
    expect(errors).toEqual([]);
  });

  it('sends upgrade-insecure-requests and HSTS when a trusted proxy says the page came over TLS', async () => {
    const r = await open('/', { width: 800, height: 600 }, { 'X-Forwarded-Proto': 'https' });
    expect(r.csp).toContain('upgrade-insecure-requests');
    expect(r.hsts).toMatch(/max-age=\d+/);
  });
});
