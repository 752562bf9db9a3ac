import { DEFAULT_MAX_PRIORITY_STREAK, pickNextTicket, QueueService, type RoutableTicket } from '@hallq/queue';
import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/**
 * A window's call reads only the head of each of its lines (and the tickets transferred to it). This
 * checks that it calls exactly what the routing rule picks from the WHOLE line, call after call, over a
 * mixed line: three categories, both priority classes, tickets issued in the same millisecond, tickets
 * transferred to a category (keeping their issue time) and to a window.
 */
describe('call-next follows the routing rule over the whole line', () => {
  let t: TestApp;
  let h: SmallHall;
  // A fixed-seed generator: the same line every run.
  let seed = 20261129;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const act = (window: string, action: string, body: object = {}) =>
    t.http.post(`/api/halls/${h.hallId}/windows/${h.windows[window]}/${action}`).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    h = await createSmallHall(t);
  });
  afterAll(() => t.close());

  /** What the rule picks for the window from every waiting ticket of the hall, read from the rows. */
  async function expectedPick(label: string): Promise<string | null> {
    const [w] = await t.dataSource.query('SELECT id, categoryIds, priorityStreak FROM service_window WHERE id = ?', [h.windows[label]]);
    const categoryIds = typeof w.categoryIds === 'string' ? JSON.parse(w.categoryIds) : w.categoryIds;
    type WaitingRow = { id: string; categoryId: string; priority: 'normal' | 'priority'; issuedAt: unknown; targetWindowId: string | null };
    const rows: WaitingRow[] = await t.dataSource.query(
      "SELECT id, categoryId, priority, issuedAt, targetWindowId FROM ticket WHERE hallId = ? AND status = 'waiting'",
      [h.hallId],
    );
    const waiting: RoutableTicket[] = rows.map((r) => ({ ...r, issuedAt: Number(r.issuedAt), targetWindowId: r.targetWindowId ?? null }));
    const cats: { id: string; targetWaitSec: number }[] = await t.dataSource.query(
      'SELECT id, targetWaitSec FROM service_category WHERE hallId = ?',
      [h.hallId],
    );
    const pick = pickNextTicket({ id: w.id, categoryIds, priorityStreak: Number(w.priorityStreak) }, waiting, {
      now: t.clock.now(),
      targetWaitMs: Object.fromEntries(cats.map((c) => [c.id, c.targetWaitSec * 1000])),
      maxPriorityStreak: DEFAULT_MAX_PRIORITY_STREAK,
    });
    return pick?.id ?? null;
  }

  it('calls, one call after another, the ticket the rule picks from the whole line', async () => {
    const codes = ['enterprise', 'social', 'tax'];
    for (let i = 0; i < 90; i++) {
      // Some tickets share a millisecond (the tie-break on id must agree too).
      if (rand() < 0.7) t.clock.advance(Math.floor(rand() * 40_000));
      await t.http
        .post(`/api/halls/${h.hallId}/tickets`)
        .set('Idempotency-Key', `routing-${i}`)
        .send({ category: codes[Math.floor(rand() * 3)], channel: 'kiosk', priority: rand() < 0.25 ? 'priority' : 'normal' })
        .expect(201);
    }
    t.clock.advance(5 * 60_000);
    // Window 3 (social, tax) sends some tickets on: to enterprise's line, and to window 2 itself.
    for (const to of [{ category: 'enterprise' }, { window: h.windows['2'] }, { category: 'enterprise' }, { window: h.windows['2'] }]) {
      await act('3', 'call-next').expect(200);
      await act('3', 'transfer', to).expect(200);
    }
    let calls = 0;
    for (let round = 0; round < 120; round++) {
      // Window 2 serves two categories: the interesting one. Windows 1 and 3 take some too, now and then.
      const label = round % 5 === 4 ? (round % 2 ? '1' : '3') : '2';
      const expected = await expectedPick(label);
      const r = await act(label, 'call-next');
      if (expected === null) {
        expect(r.status).toBe(204);
      } else {
        expect({ round, label, called: r.status === 200 ? r.body.id : r.status }).toEqual({ round, label, called: expected });
        calls++;
        await act(label, 'no-show').expect(200);
      }
      t.clock.advance(Math.floor(rand() * 60_000));
    }
    // The line was long enough that the rule had real choices to make.
    expect(calls).toBeGreaterThan(60);
  });

  it('reads the same hall in brief for the forecast and the alerts as in full', async () => {
    for (let i = 0; i < 12; i++) {
      if (i % 3) t.clock.advance(7_000);
      await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', `brief-${i}`)
        .send({ category: ['enterprise', 'social', 'tax'][i % 3], channel: 'kiosk', priority: i % 4 ? 'normal' : 'priority' }).expect(201);
    }
    await act('3', 'call-next').expect(200);
    await act('3', 'transfer', { window: h.windows['2'] }).expect(200);
    await act('3', 'call-next').expect(200);
    await act('3', 'transfer', { category: 'enterprise' }).expect(200);
    const queue = t.app.get(QueueService);
    const full = await queue.hallState(h.hallId);
    const brief = await queue.hallLineState(h.hallId);
    expect(full.waiting.some((w) => w.targetWindowId) && full.waiting.some((w) => w.transferCount > 0)).toBe(true);
    expect(brief.waiting).toEqual(full.waiting.map((w) => ({
      id: w.id, number: w.number, categoryId: w.categoryId, priority: w.priority,
      issuedAt: w.issuedAt, targetWindowId: w.targetWindowId, transferCount: w.transferCount,
    })));
    expect({ ...brief, waiting: [] }).toEqual({ ...full, waiting: [] });
    // The line summary counts what the rows say (transferred-to-a-window tickets are the window's, not a line's).
    const open = full.waiting.filter((w) => !w.targetWindowId);
    for (const l of full.lines) {
      const mine = open.filter((w) => w.categoryId === l.category.id);
      expect({ code: l.category.code, waiting: l.waiting, priorityWaiting: l.priorityWaiting, oldestIssuedAt: l.oldestIssuedAt })
        .toEqual({
          code: l.category.code,
          waiting: mine.length,
          priorityWaiting: mine.filter((w) => w.priority === 'priority').length,
          oldestIssuedAt: mine.length ? Math.min(...mine.map((w) => w.issuedAt)) : null,
        });
    }
  });
});
