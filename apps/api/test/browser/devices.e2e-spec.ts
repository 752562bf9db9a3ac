import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SHOTS, staffInit, startBrowserHall, type BrowserHall } from '../support/browser';
import { createSmallHall, staffToken, type SmallHall, type TestApp } from '../support/test-app';

/**
 * A manager registers a hall screen on the devices page, opens the link it shows once on the "screen",
 * which goes live; revoking it takes the screen off the hall at once.
 */
describe('devices page in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let hall: BrowserHall;
  let h: SmallHall;
  const errors: string[] = [];
  const pages: Page[] = [];
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const open = async (url: string, viewport: { width: number; height: number }, token?: string) => {
    const page = await browser.newPage({ viewport });
    pages.push(page);
    if (token) await page.addInitScript(...staffInit(token));
    page.on('pageerror', (e) => errors.push(`${url}: ${e.message}`));
    await page.goto(url);
    return page;
  };

  beforeAll(async () => {
    hall = await startBrowserHall();
    ({ t, browser } = hall);
    h = await createSmallHall(t);
    await t.http.patch(`/api/halls/${h.hallId}`).send({ name: '示范区政务服务中心' }).expect(200);
  });
  afterAll(async () => {
    for (const p of pages) await p.context().close();
    await hall?.close();
  });

  it('registers a screen, shows its link once, and revoking it takes the screen off the hall', async () => {
    const manager = await staffToken(t, 'manager', { hallIds: [h.hallId] });
    const page = await open(`${t.url}/devices/${h.hallId}`, { width: 1440, height: 900 }, manager);
    await page.getByText('还没有登记设备').waitFor();
    await page.getByTestId('device-kind').selectOption('screen');
    await page.getByTestId('device-label').fill('大厅东侧叫号屏');
    await page.getByTestId('device-register').click();
    const link = (await page.getByTestId('device-link').textContent())!;
    expect(link).toMatch(new RegExp(`^${t.url}/screen/${h.hallId}\\?device=hqd_[A-Za-z0-9_-]{32}$`));
    await page.locator('tr[data-device="大厅东侧叫号屏"]').getByText('使用中').waitFor();
    await shot(page, 'devices-registered');

    const screen = await open(link, { width: 1920, height: 1080 });
    await screen.locator('[data-conn="live"]').waitFor();
    expect(screen.url()).toBe(`${t.url}/screen/${h.hallId}`); // the token left the address bar

    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('device-revoke').click();
    await page.locator('tr[data-device="大厅东侧叫号屏"]').getByText('已停用', { exact: false }).waitFor();
    await screen.getByText('本设备未登记或已停用，请联系大厅管理员').waitFor({ timeout: 15_000 });
    await shot(screen, 'screen-revoked');
    expect(errors).toEqual([]);
  });

  it('refuses the page to a clerk, in words', async () => {
    const clerk = await staffToken(t, 'clerk', { windowIds: [h.windows['1']] });
    const page = await open(`${t.url}/devices/${h.hallId}`, { width: 1280, height: 800 }, clerk);
    // In the page's language (zh), from the refusal's code and details: FORBIDDEN, needs hall-manager.
    await page.getByRole('alert').getByText('您无权在此操作：需要本大厅管理员。').waitFor();
  });
});
