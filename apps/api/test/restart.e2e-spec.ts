import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/**
 * Stop the app mid-run (with requests still in flight) and start it again on the same database:
 * numbers continue, no committed ticket is lost, the waiting ones are still callable. Checked in the rows.
 */
describe('restart mid-run', () => {
  let t: TestApp;
  let h: SmallHall;
  const CODES = ['enterprise', 'social', 'tax'] as const;
  /** Every ticket an answer told a citizen about: id -> number. */
  const answered = new Map<string, string>();

  const issue = (app: TestApp, category: string, key: string) =>
    fetch(`${app.url}/api/halls/${h.hallId}/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': key, authorization: `Bearer ${app.adminToken}` },
      body: JSON.stringify({ category, channel: 'kiosk' }),
    });
  const act = (app: TestApp, window: string, action: string) => app.http.post(`/api/halls/${h.hallId}/windows/${h.windows[window]}/${action}`).send({});

  async function keep(r: Response): Promise<{ id: string; number: string }> {
    if (r.status !== 201) throw new Error(`issue: ${r.status} ${await r.text()}`);
    const body = (await r.json()) as { id: string; number: string };
    answered.set(body.id, body.number);
    return body;
  }

  /** Per category: numbers in the rows are 1..n with no gap or repeat; returns n per category code. */
  async function numbersInRows(app: TestApp): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const code of CODES) {
      const rows: { seq: number }[] = await app.dataSource.query('SELECT seq FROM ticket WHERE hallId = ? AND issuedCategoryId = ? ORDER BY seq', [
        h.hallId, h.categories[code],
      ]);
      const seqs = rows.map((r) => Number(r.seq));
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      out[code] = seqs.length;
    }
    return out;
  }

  afterAll(() => t?.close());

  it('keeps every committed ticket and continues the numbers after a stop with requests in flight', async () => {
    t = await startTestApp();
    h = await createSmallHall(t);

    // A morning: 24 tickets, window 1 serves two, window 2 holds one called, window 3 one in service.
    for (let i = 0; i < 24; i++) await keep(await issue(t, CODES[i % 3], `before-${i}`));
    for (let i = 0; i < 2; i++) {
      await act(t, '1', 'call-next').expect(200);
      await act(t, '1', 'start').expect(200);
      await act(t, '1', 'finish').expect(200);
    }
    const heldCalled = (await act(t, '2', 'call-next').expect(200)).body as { id: string };
    const heldServing = (await act(t, '3', 'call-next').expect(200)).body as { id: string };
    await act(t, '3', 'start').expect(200);

    // 40 more issues are fired; as soon as the first is answered (the rest are inside the app, queued
    // on the counter or the connection) the app is closed under them.
    const inFlight = Array.from({ length: 40 }, (_, i) => issue(t, CODES[i % 3], `flight-${i}`));
    await Promise.race(inFlight.map((p) => p.catch(() => undefined)));
    await t.close({ keepDatabase: true });
    const settled = await Promise.allSettled(inFlight);
    let committedAnswers = 0;
    for (const s of settled) {
      if (s.status === 'fulfilled' && s.value.status === 201) {
        await keep(s.value);
        committedAnswers++;
      }
    }

    t = await startTestApp({ db: t.db, clock: t.clock });

    // No answered ticket is lost: each is in the rows with the number it was given and its "issued" event.
    const rows: { id: string; number: string; status: string }[] = await t.dataSource.query(
      'SELECT id, number, status FROM ticket WHERE hallId = ?',
      [h.hallId],
    );
    const inRows = new Map(rows.map((r) => [r.id, r]));
    for (const [id, number] of answered) expect(inRows.get(id)?.number).toBe(number);
    expect(rows.length).toBeGreaterThanOrEqual(24 + committedAnswers);
    const issuedEvents: { n: number }[] = await t.dataSource.query("SELECT COUNT(*) AS n FROM ticket_event WHERE hallId = ? AND type = 'issued'", [h.hallId]);
    expect(Number(issuedEvents[0].n)).toBe(rows.length);

    // Numbers continue: 1..n in the rows (a request cut off by the stop left no gap), and the next is n+1.
    const before = await numbersInRows(t);
    for (const code of CODES) {
      const next = await keep(await issue(t, code, `after-${code}`));
      const prefix = { enterprise: 'A', social: 'B', tax: 'C' }[code];
      expect(next.number).toBe(`${prefix}${String(before[code] + 1).padStart(3, '0')}`);
    }
    expect(await numbersInRows(t)).toEqual(Object.fromEntries(CODES.map((c) => [c, before[c] + 1])));

    // The windows still hold what they held: the called ticket can be started and finished.
    const at = async (id: string) => ((await t.dataSource.query('SELECT status FROM ticket WHERE id = ?', [id])) as { status: string }[])[0].status;
    expect(await at(heldCalled.id)).toBe('called');
    expect(await at(heldServing.id)).toBe('serving');
    await act(t, '2', 'start').expect(200);
    await act(t, '2', 'finish').expect(200);
    await act(t, '3', 'finish').expect(200);

    // Every waiting ticket is still callable, each exactly once.
    const waiting: { id: string }[] = await t.dataSource.query("SELECT id FROM ticket WHERE hallId = ? AND status = 'waiting'", [h.hallId]);
    const called: string[] = [];
    for (let open = true; open; ) {
      open = false;
      for (const w of ['1', '2', '3']) {
        const r = await act(t, w, 'call-next');
        if (r.status === 204) continue;
        expect(r.status).toBe(200);
        open = true;
        called.push(r.body.id);
        await act(t, w, 'start').expect(200);
        await act(t, w, 'finish').expect(200);
      }
    }
    expect(called.sort()).toEqual(waiting.map((r) => r.id).sort());
    const left: { n: number }[] = await t.dataSource.query("SELECT COUNT(*) AS n FROM ticket WHERE hallId = ? AND status = 'waiting'", [h.hallId]);
    expect(Number(left[0].n)).toBe(0);
    const calls: { ticketId: string; n: number }[] = await t.dataSource.query(
      "SELECT ticketId, COUNT(*) AS n FROM ticket_event WHERE hallId = ? AND type = 'called' GROUP BY ticketId", [h.hallId],
    );
    for (const c of calls) expect(Number(c.n)).toBe(1);
    expect(calls).toHaveLength(rows.length + 3);
  });

  it('survives a second restart with nothing in flight: the next numbers still follow', async () => {
    const before = await numbersInRows(t);
    await t.close({ keepDatabase: true });
    t = await startTestApp({ db: t.db, clock: t.clock });
    const next = await keep(await issue(t, 'social', 'after-second-restart'));
    expect(next.number).toBe(`B${String(before.social + 1).padStart(3, '0')}`);
    expect(await numbersInRows(t)).toEqual({ ...before, social: before.social + 1 });
  });
});
