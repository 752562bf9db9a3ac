import { createSmallHall, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/**
 * Many kiosks and windows at once against one api (one process). The two-process variant on MariaDB
 * lives in multi-process.e2e-spec.ts. Every claim is checked in the rows, not only in the responses.
 */
describe('concurrency in one process', () => {
  let t: TestApp;
  let h: SmallHall;

  beforeAll(async () => {
    t = await startTestApp();
    h = await createSmallHall(t, Array.from({ length: 8 }, (_, i) => ({
      label: String(i + 1), categories: [['enterprise', 'social', 'tax'][i % 3], ['social', 'tax', 'enterprise'][i % 3]], state: 'open',
    })));
  });
  afterAll(() => t.close());

  it('500 concurrent issues across 3 categories give unique consecutive numbers', async () => {
    const cats = ['enterprise', 'social', 'tax'];
    const res = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', `c-${i}`).send({ category: cats[i % 3] }),
      ),
    );
    expect(res.map((r) => r.status).every((s) => s === 201)).toBe(true);
    const rows: { categoryId: string; seq: number; number: string }[] = await t.dataSource.query(
      'SELECT id, categoryId, seq, number FROM ticket WHERE hallId = ?', [h.hallId],
    );
    expect(rows).toHaveLength(500);
    cats.forEach((code, k) => {
      const seqs = rows.filter((r) => r.categoryId === h.categories[code]).map((r) => Number(r.seq)).sort((a, b) => a - b);
      const issuedHere = Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 3 === k).length;
      expect(seqs).toEqual(Array.from({ length: issuedHere }, (_, i) => i + 1));
    });
    expect(new Set(rows.map((r) => r.number)).size).toBe(500);
    expect(new Set(res.map((r) => r.body.number)).size).toBe(500);
    // Each answer names its own row, and each issued event points at its own ticket.
    const byId = new Map(rows.map((r) => [(r as unknown as { id: string }).id, r.number]));
    for (const r of res) expect(byId.get(r.body.id)).toBe(r.body.number);
    // Nothing is called and every ticket is normal: exactly the earlier numbers of its category are ahead.
    const seqOf = new Map(rows.map((r) => [(r as unknown as { id: string }).id, Number(r.seq)]));
    for (const r of res) expect(r.body.peopleAhead).toBe(seqOf.get(r.body.id)! - 1);
    const evs: { ticketId: string; data: string }[] = await t.dataSource.query(
      "SELECT ticketId, data FROM ticket_event WHERE hallId = ? AND type = 'issued'",
      [h.hallId],
    );
    for (const e of evs) expect(byId.get(e.ticketId)).toBe(JSON.parse(e.data).number);
    const issued = await t.dataSource.query("SELECT COUNT(*) AS n FROM ticket_event WHERE hallId = ? AND type = 'issued'", [h.hallId]);
    expect(Number(issued[0].n)).toBe(500);
  });

  it('8 windows calling next concurrently over 200 waiting tickets call each exactly once', async () => {
    // A second hall with the same 8 windows, 200 waiting tickets; every window calls until its line is empty.
    const h2 = await createSmallHall(t, Array.from({ length: 8 }, (_, i) => ({
      label: String(i + 1), categories: [['enterprise', 'social', 'tax'][i % 3], ['social', 'tax', 'enterprise'][i % 3]], state: 'open',
    })));
    await Promise.all(Array.from({ length: 200 }, (_, i) =>
      t.http.post(`/api/halls/${h2.hallId}/tickets`).set('Idempotency-Key', `w-${i}`).send({ category: ['enterprise', 'social', 'tax'][i % 3] }).expect(201),
    ));
    const calledBy = new Map<string, string>();
    await Promise.all(
      Object.values(h2.windows).map(async (w) => {
        for (;;) {
          const r = await t.http.post(`/api/halls/${h2.hallId}/windows/${w}/call-next`);
          if (r.status === 204) return;
          expect(r.status).toBe(200);
          expect(calledBy.has(r.body.id)).toBe(false);
          calledBy.set(r.body.id, w);
          await t.http.post(`/api/halls/${h2.hallId}/windows/${w}/no-show`).expect(200);
        }
      }),
    );
    expect(calledBy.size).toBe(200);
    const rows: { status: string; n: number }[] = await t.dataSource.query(
      'SELECT t.status AS status, COUNT(e.id) AS n FROM ticket t ' +
        "LEFT JOIN ticket_event e ON e.ticketId = t.id AND e.type = 'called' WHERE t.hallId = ? GROUP BY t.id, t.status",
      [h2.hallId],
    );
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.status === 'no_show' && Number(r.n) === 1)).toBe(true);
  });

  it('concurrent retries with one idempotency key create one ticket', async () => {
    const res = await Promise.all(
      Array.from({ length: 20 }, () => t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', 'same-key').send({ category: 'tax' })),
    );
    expect(new Set(res.map((r) => r.body.id)).size).toBe(1);
    expect(res.filter((r) => r.status === 201)).toHaveLength(1);
    expect(res.filter((r) => r.status === 200)).toHaveLength(19);
    const rows = await t.dataSource.query('SELECT COUNT(*) AS n FROM ticket WHERE hallId = ? AND idempotencyKey = ?', [h.hallId, 'same-key']);
    expect(Number(rows[0].n)).toBe(1);
  });

  it('two clerks pressing finish on one window at once: one succeeds, one gets 409, one event', async () => {
    const w = h.windows['3'];
    await t.http.post(`/api/halls/${h.hallId}/windows/${w}/call-next`).expect(200);
    const started = await t.http.post(`/api/halls/${h.hallId}/windows/${w}/start`).expect(200);
    const [a, b] = await Promise.all([
      t.http.post(`/api/halls/${h.hallId}/windows/${w}/finish`),
      t.http.post(`/api/halls/${h.hallId}/windows/${w}/finish`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const ev = await t.dataSource.query("SELECT COUNT(*) AS n FROM ticket_event WHERE ticketId = ? AND type = 'finished'", [started.body.id]);
    expect(Number(ev[0].n)).toBe(1);
  });
});
