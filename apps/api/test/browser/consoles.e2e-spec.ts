import { join } from 'node:path';
import { errorText } from '@hallq/contracts';
import type { Browser, Page } from 'playwright-core';
import { SHOTS, staffInit, startBrowserHall, withDevice, type BrowserHall } from '../support/browser';
import { AlertsJob } from '../../src/alerts/alerts.job';
import { morningPeakHall } from '../support/morning-peak';
import { servedMornings } from '../support/served-days';
import { createSmallHall, deviceToken, type SmallHall, type TestApp } from '../support/test-app';



/**
 * The staff consoles in a real browser: a clerk works the counter page with the keyboard; a manager
 * sees a long enterprise line with advice, applies it with one click, and the opened window's counter
 * page and the hall screen follow. Screenshots go to test-output/screenshots/.
 */
describe('counter and manager consoles in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let hall: BrowserHall;
  const errors: string[] = [];
  const pages: Page[] = [];

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  /** Opens a page as its user would have it: staff pages signed in (as the test admin unless
   * `signedIn: false`), the hall screen with a screen device token of its hall; `before` runs before it
   * loads (e.g. to hold a response back). */
  const open = async (
    path: string,
    viewport: { width: number; height: number },
    opts: { signedIn?: boolean; before?: (page: Page) => Promise<unknown> } = {},
  ) => {
    const page = await browser.newPage({ viewport });
    pages.push(page);
    page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
    await opts.before?.(page);
    if (/^\/(counter|manager)\//.test(path) && opts.signedIn !== false) await page.addInitScript(...staffInit(t.adminToken));
    const screenHall = /^\/screen\/([^/?]+)/.exec(path)?.[1];
    await page.goto(`${t.url}${screenHall ? withDevice(path, await deviceToken(t, screenHall, 'screen')) : path}`);
    return page;
  };
  const names = async (hallId: string) => {
    await t.http.patch(`/api/halls/${hallId}`).send({ name: '示范区政务服务中心' }).expect(200);
    for (const [code, zh, en] of [['enterprise', '企业开办', 'Business registration'], ['social', '社保医保', 'Social insurance'], ['tax', '税务办理', 'Tax']]) {
      await t.http.patch(`/api/halls/${hallId}/categories/${code}`).send({ nameZh: zh, nameEn: en }).expect(200);
    }
  };

  beforeAll(async () => {
    hall = await startBrowserHall();
    ({ t, browser } = hall);
  });

  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context().close();
  });

  afterAll(() => hall?.close());

  it("the clerk calls next with the keyboard, starts and finishes; closing with a ticket in service shows the 409 in the page's Chinese", async () => {
    const h = await createSmallHall(t);
    await names(h.hallId);
    for (const k of ['k1', 'k2', 'k3']) {
      t.clock.advance(60_000);
      await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', `${h.hallId}${k}`).send({ category: 'enterprise' }).expect(201);
    }
    t.clock.advance(5 * 60_000);

    const counter = await open(`/counter/${h.hallId}/${h.windows['1']}`, { width: 1280, height: 800 });
    await counter.locator('[data-conn="live"]').waitFor();
    await counter.locator('[data-testid="waiting-count"]', { hasText: '3' }).waitFor();
    expect(await counter.locator('[data-testid="next"] li').allTextContents()).toEqual([
      expect.stringContaining('A001'), expect.stringContaining('A002'), expect.stringContaining('A003'),
    ]);
    await shot(counter, 'counter-idle');

    await counter.keyboard.press('n');
    await counter.locator('[data-testid="current-number"]', { hasText: 'A001' }).waitFor();
    await counter.locator('[data-testid="waiting-count"]', { hasText: '2' }).waitFor();
    expect(await counter.locator('[data-testid="current"]').textContent()).toContain('企业开办');
    // The ticket is really called at window 1, by the api's word.
    const st = (await t.http.get(`/api/halls/${h.hallId}/state`).expect(200)).body;
    expect(st.windows.find((w: { id: string }) => w.id === h.windows['1']).current).toMatchObject({ number: 'A001', status: 'called' });
    // The buttons say their keys; start and finish by key.
    expect(await counter.locator('[data-action="start"]').textContent()).toBe('S开始办理');
    await counter.keyboard.press('s');
    await counter.locator('.current.status-serving').waitFor();
    await counter.locator('text=办理用时').waitFor();
    await shot(counter, 'counter-serving');
    // Closing with a ticket in service: the api refuses (409, WINDOW_BUSY); the zh page says why in
    // Chinese, worded from the code and its details, never the api's English message.
    await counter.keyboard.press('q');
    const msg = counter.locator('[data-testid="message"][role="alert"]');
    await msg.waitFor();
    const refusal = await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/close`).expect(409);
    expect(refusal.body).toMatchObject({ code: 'WINDOW_BUSY', message: expect.stringMatching(/A001/) });
    const shown = (await msg.textContent()) ?? '';
    expect(shown).toBe(errorText(refusal.body.code, refusal.body.details, 'zh'));
    expect(shown).toMatch(/A001.*办理中/);
    expect(shown).not.toMatch(/[A-Za-z]{3,}\s+[A-Za-z]{3,}/);
    await shot(counter, 'counter-409');
    await counter.keyboard.press('f');
    await counter.locator('.current.empty').waitFor();

    // Pause asks a reason; the badge shows it; resume by key.
    await counter.keyboard.press('p');
    await counter.locator('[data-field="reason"]').fill('午休');
    await counter.keyboard.press('Enter');
    await counter.locator('[data-testid="window-state"]', { hasText: '暂停 · 午休' }).waitFor();
    await counter.keyboard.press('u');
    await counter.locator('[data-testid="window-state"]', { hasText: '开放' }).waitFor();

    // The same page on a phone at the counter.
    await counter.keyboard.press('n');
    await counter.locator('[data-testid="current-number"]', { hasText: 'A002' }).waitFor();
    const phone = await open(`/counter/${h.hallId}/${h.windows['1']}`, { width: 390, height: 844 });
    await phone.locator('[data-testid="current-number"]', { hasText: 'A002' }).waitFor();
    await shot(phone, 'counter-phone');
    expect(errors).toEqual([]);
  });

  it('the manager applies the advice with one click; the opened window\'s counter and the hall screen follow', async () => {
    // The reported case: enterprise on 4 windows, more windows closed, a long morning line.
    const h: SmallHall = await morningPeakHall(t, { social: true });
    await names(h.hallId);
    const advice = (await t.http.get(`/api/halls/${h.hallId}/advice`).expect(200)).body;
    const first = advice.actions[0];
    expect(first).toMatchObject({ kind: 'open', category: 'enterprise' });
    const waitingBefore = (await t.http.get(`/api/halls/${h.hallId}/state`).expect(200)).body.lines
      .find((l: { category: { code: string } }) => l.category.code === 'enterprise').waiting;
    expect(waitingBefore).toBeGreaterThanOrEqual(15);

    const manager = await open(`/manager/${h.hallId}`, { width: 1440, height: 900 });
    await manager.locator('[data-conn="live"]').waitFor();
    // The page shows the api's one headline for enterprise: more windows, or (social's line needing one of the
    // spare windows too) more than this hall can staff, with what is still possible.
    const entHead = advice.categories.find((c: { category: string }) => c.category === 'enterprise').headline.zh as string;
    expect(entHead).toMatch(/^企业开办：(建议增开|所需窗口超出本大厅可安排的数量)/);
    await manager.locator('[data-testid="headline"]', { hasText: entHead }).waitFor();
    expect(await manager.locator('tr[data-category="enterprise"] [data-testid="line-waiting"]').textContent()).toBe(String(waitingBefore));
    expect(Number(await manager.locator('tr[data-category="enterprise"] [data-testid="advised"]').textContent())).toBeGreaterThan(4);
    await manager.locator(`tr[data-window="${first.windowLabel}"][data-state="closed"]`).waitFor();

    // The board's figures are the api's, window by window and line by line (the clock stands still).
    const board = (await t.http.get(`/api/halls/${h.hallId}/board`).expect(200)).body;
    for (const w of board.windows) {
      const row = manager.locator(`[data-testid="board"] tr[data-window="${w.label}"]`);
      expect(await row.locator('[data-testid="served-today"]').textContent()).toBe(String(w.servedToday));
      expect(await row.locator('[data-testid="utilization"]').textContent())
        .toBe(w.utilizationToday === null ? '—' : `${Math.round(w.utilizationToday * 100)}%`);
    }
    expect(board.windows[0].servedToday).toBeGreaterThan(0);
    const ent = board.categories.find((c: { code: string }) => c.code === 'enterprise');
    const entRow = manager.locator('tr[data-category="enterprise"]');
    expect(await entRow.locator('[data-testid="p90-today"]').textContent()).toBe(`${Math.round(ent.waitP90TodaySec / 60)} 分钟`);
    expect(await entRow.locator('[data-testid="forecast-next-hour"]').textContent()).toBe(`约 ${Math.round(ent.forecastNextHour.arrivals)} 人`);
    expect(await entRow.locator('[data-testid="wait-now"]').textContent()).toBe(`${Math.ceil(ent.waitNow.expectedSec / 60)} 分钟`);

    // Today's chart per category (Chart.js): the caption's figures are the api's series.
    const series = (await t.http.get(`/api/halls/${h.hallId}/board/today`).expect(200)).body;
    const entSeries = series.categories.find((c: { code: string }) => c.code === 'enterprise');
    const fig = manager.locator('[data-testid="today-charts"] figure[data-category="enterprise"]');
    await fig.locator('canvas').waitFor();
    expect(await fig.locator('figcaption').textContent()).toBe(
      `A 企业开办 · 现在排队 ${entSeries.actual.at(-1).waiting} · 一小时后预计 ${Math.round(entSeries.forecast.at(-1).waiting)}`);
    expect(entSeries.actual.at(-1).waiting).toBe(waitingBefore);
    // The canvas is drawn on (not blank).
    expect(await fig.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let inked = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) inked++;
      return inked;
    })).toBeGreaterThan(1000);
    await fig.screenshot({ path: join(SHOTS, 'manager-chart-enterprise.png') });


    // Alerts are pushed over /live (the page does not poll them): the job raises, the page shows it;
    // an acknowledgement made elsewhere reaches the page too.
    await manager.locator('[data-testid="alerts"] .count').waitFor();
    const changes = await t.app.get(AlertsJob).evaluate(h.hallId);
    const line = (await t.http.get(`/api/halls/${h.hallId}/alerts`).expect(200)).body
      .find((a: { scope: string; subject: string }) => a.scope === 'category' && a.subject === 'enterprise');
    expect(line).toBeDefined();
    expect(changes.length + (await manager.locator('[data-alert]').count())).toBeGreaterThan(0);
    const lineAlert = manager.locator(`[data-alert="${line.id}"]`);
    await lineAlert.waitFor();
    expect(await lineAlert.textContent()).toContain(`企业开办：排队 ${waitingBefore} 人，4 个窗口`);
    // Late tickets are grouped per level, one row each, and add up to the api's list.
    const ticketAlerts = (await t.http.get(`/api/halls/${h.hallId}/alerts`).expect(200)).body.filter((a: { scope: string }) => a.scope === 'ticket');
    expect(ticketAlerts.length).toBeGreaterThan(5);
    const groups = await manager.locator('[data-alert-group]').allTextContents();
    expect(groups.reduce((n, g) => n + Number(/(\d+) 张号/.exec(g)![1]), 0)).toBe(ticketAlerts.length);
    await t.http.post(`/api/halls/${h.hallId}/alerts/${line.id}/ack`).expect(200);
    await manager.locator(`[data-alert="${line.id}"].acked`, { hasText: '已确认' }).waitFor();

    const counter = await open(`/counter/${h.hallId}/${first.windowId}`, { width: 1280, height: 800 });
    await counter.locator('[data-testid="window-state"]', { hasText: '关闭' }).waitFor();
    const screen = await open(`/screen/${h.hallId}`, { width: 1920, height: 1080 });
    await screen.locator('[data-conn="live"]').waitFor();

    // What-if first: open that window for enterprise, see the wait fall, nothing changes.
    const row = manager.locator('.wi tr').nth(Number(first.windowLabel) - 1);
    await row.locator('select').selectOption('open');
    await row.locator('.cats label', { hasText: 'A' }).locator('input').check();
    await manager.locator('.whatif button.apply').click();
    await manager.locator('.wi-result tbody tr').first().waitFor();
    expect(await manager.locator('.wi-result').textContent()).toContain('企业开办');
    await shot(manager, 'manager-advice');

    // The action says the window's whole work profile after it: enterprise only (what Apply sets).
    expect(await manager.locator(`.action[data-window="${first.windowLabel}"]`).textContent()).toContain('该窗口将只办理企业开办');
    await manager.locator(`.action[data-window="${first.windowLabel}"] [data-testid="apply"]`).click();
    await manager.locator('[data-testid="message"]', { hasText: '已执行' }).waitFor();
    // The board reflects it: the window is open and serves enterprise, and the line's wait now is the wait the action promised.
    await manager.locator(`tr[data-window="${first.windowLabel}"][data-state="open"]`, { hasText: '企业开办' }).waitFor();
    await manager.locator('tr[data-category="enterprise"] [data-testid="wait-now"]', { hasText: `${first.effects[0].after.expectedWaitMin} 分钟` }).waitFor();
    const log = (await t.http.get(`/api/halls/${h.hallId}/audit`).expect(200)).body;
    expect(log[0]).toMatchObject({ action: 'advice.applied', data: { windowId: first.windowId, after: { state: 'open' } } });
    await shot(manager, 'manager-applied');
    await manager.screenshot({ path: join(SHOTS, 'manager-applied-full.png'), fullPage: true });

    // The opened window's counter is open with the enterprise line, and calls from it.
    await counter.locator('[data-testid="window-state"]', { hasText: '开放' }).waitFor();
    await counter.locator('[data-testid="next"] li').first().waitFor();
    expect(Number(await counter.locator('[data-testid="waiting-count"]').textContent())).toBeGreaterThanOrEqual(14);
    await counter.keyboard.press('n');
    const called = (await counter.locator('[data-testid="current-number"]').textContent())!;
    expect(called).toMatch(/^A\d{3}$/);
    await shot(counter, 'counter-opened-window');

    // The hall screen shows the new window's call.
    await screen.locator('[data-testid="newest"]', { hasText: called }).waitFor();
    expect(await screen.locator('[data-testid="newest"]').textContent()).toBe(`${called}→ ${first.windowLabel} 号窗口`);
    await shot(screen, 'screen-new-window');
    expect(errors).toEqual([]);
  });

  it('names the line in a line alert even when the alerts reach the page before the board does', async () => {
    const h: SmallHall = await morningPeakHall(t, { social: true });
    await names(h.hallId);
    await t.app.get(AlertsJob).evaluate(h.hallId);
    const line = (await t.http.get(`/api/halls/${h.hallId}/alerts`).expect(200)).body
      .find((a: { scope: string; subject: string }) => a.scope === 'category' && a.subject === 'enterprise');
    expect(line).toBeDefined();
    const waiting = (await t.http.get(`/api/halls/${h.hallId}/state`).expect(200)).body.lines
      .find((l: { category: { code: string } }) => l.category.code === 'enterprise').waiting;
    // The board's answer held back: the alerts pushed over /live are drawn first.
    const manager = await open(`/manager/${h.hallId}`, { width: 1440, height: 900 }, {
      before: (page) => page.route('**/board', async (route) => {
        await new Promise((r) => setTimeout(r, 1000));
        await route.continue();
      }),
    });
    await manager.locator(`[data-alert="${line.id}"]`).waitFor();
    await manager.locator(`[data-alert="${line.id}"]`, { hasText: `企业开办：排队 ${waiting} 人，4 个窗口` }).waitFor({ timeout: 5000 });
    expect(errors).toEqual([]);
  });

  it('asks a clerk to sign in on the counter page, says why a wrong password fails, and signs out', async () => {
    const h = await createSmallHall(t);
    await t.http
      .post('/api/accounts')
      .send({ username: 'clerk-li', displayName: '李 Li', role: 'clerk', password: 'clerk-li-password', windowIds: [h.windows['1']] })
      .expect(201);
    const counter = await open(`/counter/${h.hallId}/${h.windows['1']}`, { width: 390, height: 844 }, { signedIn: false });
    await counter.getByTestId('sign-in-username').fill('clerk-li');
    await counter.getByTestId('sign-in-password').fill('wrong password');
    await counter.getByTestId('sign-in-submit').click();
    await counter.getByRole('alert').getByText('用户名或密码错误').waitFor();
    await shot(counter, 'sign-in-failed');
    await counter.getByTestId('sign-in-password').fill('clerk-li-password');
    await counter.getByTestId('sign-in-submit').click();
    await counter.locator('[data-conn="live"]').waitFor();
    await shot(counter, 'counter-signed-in');
    await counter.getByTestId('sign-out').click();
    await counter.getByTestId('sign-in-username').waitFor();
    expect(errors).toEqual([]);
  });

  it("the manager reads tomorrow's window plan per half hour, learnt from the days before, and the day report with charts and CSV", async () => {
    // Tuesday and Wednesday mornings served (the clock moves on from the tests above), now Thursday 08:00.
    const day = (d: number) => Date.UTC(2026, 11, d, 0, 30); // 08:30 in Shanghai on 2026-12-d
    const h = await servedMornings(t, [day(1), day(2)]);
    await names(h.hallId);
    t.clock.set(day(3) - 30 * 60_000);

    const plan = (await t.http.get(`/api/halls/${h.hallId}/plan`).expect(200)).body;
    expect(plan.date).toBe('2026-12-04');
    expect(plan.peakWindows).toBeGreaterThan(0);
    const manager = await open(`/manager/${h.hallId}`, { width: 1440, height: 900 });
    const planBox = manager.locator('[data-testid="plan"]');
    await planBox.locator('[data-testid="plan-head"]', { hasText: `2026-12-04 高峰需要 ${plan.peakWindows} 个窗口（大厅共 3 个）` }).waitFor();
    for (const slot of plan.slots) {
      expect(await planBox.locator(`tr[data-category="total"] td[data-slot="${slot.local}"]`).textContent()).toBe(String(slot.totalWindows));
      const e = slot.categories.find((c: { category: string }) => c.category === 'enterprise');
      expect(await planBox.locator(`tr[data-category="enterprise"] td[data-slot="${slot.local}"]`).textContent()).toBe(e.windows > 0 ? String(e.windows) : '');
    }
    // The morning peak needs more enterprise windows than the quiet afternoon.
    const ent = (local: string) =>
      plan.slots.find((s: { local: string }) => s.local === local).categories.find((c: { category: string }) => c.category === 'enterprise').windows;
    expect(ent('09:30')).toBeGreaterThan(ent('15:00'));
    // A window opened elsewhere (another manager, the api) shows in the what-if table as it is now.
    await manager.locator('.wi tr').nth(2).locator('select').waitFor();
    expect(await manager.locator('.wi tr').nth(2).locator('select').inputValue()).toBe('closed'); // closed at noon yesterday
    await t.http.post(`/api/halls/${h.hallId}/windows/${h.windows['3']}/open`).expect(200);
    await manager.locator('[data-testid="board"] tr[data-window="3"][data-state="open"]').waitFor();
    await manager.waitForFunction(() => document.querySelectorAll<HTMLSelectElement>('.wi tr select')[2]?.value === 'open', undefined, { timeout: 10_000 });
    await planBox.scrollIntoViewIfNeeded();
    await planBox.screenshot({ path: join(SHOTS, 'manager-plan.png') });

    // The day report, linked from the manager page: the two served days, with charts and the CSV.
    await manager.locator('[data-testid="report-link"]').click();
    await manager.waitForURL(/\/report\//);
    await manager.locator('[data-testid="tiles"] [data-tile="issued"]').waitFor(); // today (Thursday): nothing yet
    await manager.locator('[data-testid="from"]').fill('2026-12-01');
    await manager.locator('[data-testid="to"]').fill('2026-12-02');
    await manager.locator('[data-testid="show"]').click();
    const rep = (await t.http.get(`/api/halls/${h.hallId}/reports/day?from=2026-12-01&to=2026-12-02`).expect(200)).body;
    expect(rep.total.issued).toBeGreaterThan(100);
    await manager.locator('[data-tile="issued"] b', { hasText: String(rep.total.issued) }).waitFor();
    expect(await manager.locator('[data-tile="served"] b').textContent()).toBe(String(rep.total.served));
    expect(await manager.locator('[data-tile="cancelled"] b').textContent()).toBe(`${rep.total.cancelled} / ${rep.total.unserved}`);
    expect(await manager.locator('[data-tile="wait"] b').textContent())
      .toBe(`${Math.round(rep.total.wait.p50Sec / 60)} / ${Math.round(rep.total.wait.p90Sec / 60)}`);
    expect(await manager.locator('[data-tile="ratings"] b').textContent()).toBe(rep.total.ratings.mean.toFixed(2));
    expect(manager.url()).toContain('from=2026-12-01&to=2026-12-02');
    for (const w of rep.total.windows) {
      expect(await manager.locator(`[data-testid="window-table"] tr[data-window="${w.window}"] td:last-child`).textContent())
        .toBe(`${Math.round(w.utilization * 100)}%`);
    }
    expect(await manager.locator('[data-testid="day-table"] tbody tr').count()).toBe(2);
    // Every chart is drawn on.
    for (const key of ['arrivals', 'waits', 'windows', 'reasons']) {
      const inked = await manager.locator(`[data-chart="${key}"] canvas`).evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;
      });
      expect(inked).toBeGreaterThan(1000);
    }
    expect(await manager.locator('[data-chart="reasons"] h2').textContent()).toBe(`不满意原因（共 ${rep.total.ratings.count} 条评价）`);
    // The CSV link downloads the same range as CSV.
    const href = (await manager.locator('[data-testid="csv"]').getAttribute('href'))!;
    expect(href).toBe(`/api/halls/${h.hallId}/reports/day.csv?from=2026-12-01&to=2026-12-02`);
    // Clicked, it downloads with the manager's sign-in (a plain link would go without it).
    const [download] = await Promise.all([manager.waitForEvent('download'), manager.locator('[data-testid="csv"]').click()]);
    expect(download.suggestedFilename()).toBe('hallq-day-report-2026-12-01-2026-12-02.csv');
    const csv = await t.http.get(href).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain(String(rep.total.issued));
    await manager.screenshot({ path: join(SHOTS, 'report.png'), fullPage: true });

    // A bad range is refused, and the page says why in its language.
    await manager.locator('[data-testid="from"]').fill('2026-12-05');
    await manager.locator('[data-testid="to"]').fill('2026-12-01');
    await manager.locator('[data-testid="show"]').click();
    const refusal = (await t.http.get(`/api/halls/${h.hallId}/reports/day?from=2026-12-05&to=2026-12-01`).expect(400)).body;
    const said = errorText(refusal.code, refusal.details, 'zh');
    expect(said).toBe('开始日期（2026-12-05）晚于结束日期（2026-12-01）。');
    await manager.locator('[data-testid="message"]', { hasText: said }).waitFor();
    expect(errors).toEqual([]);
  });
});
