import { createSmallHall, type SmallHall, type TestApp } from './test-app';

/**
 * The reported case through the API with the test clock: enterprise declaration on windows 1-4, social
 * on 5, windows 6-9 closed (tax); 24 enterprise arrivals an hour against 15-minute services at 4
 * windows (16 an hour) for 2.5 hours, so its line grows; optionally a social ticket every 20 minutes.
 */
export async function morningPeakHall(t: TestApp, opts: { social?: boolean } = {}): Promise<SmallHall> {
  const h = await createSmallHall(t, [
    ...['1', '2', '3', '4'].map((label) => ({ label, categories: ['enterprise'], state: 'open' })),
    { label: '5', categories: ['social'], state: 'open' },
    ...['6', '7', '8', '9'].map((label) => ({ label, categories: ['tax'], state: 'closed' })),
  ]);
  const serving = new Map<string, number>();
  const act = (w: string, a: string) => t.http.post(`/api/halls/${h.hallId}/windows/${h.windows[w]}/${a}`);
  const issue = (category: string, key: string) =>
    t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', `${h.hallId}${key}`).send({ category }).expect(201);
  for (let s = 0; s < 300; s++) {
    if (s % 5 === 0) await issue('enterprise', `e${s}`);
    if (opts.social && s % 40 === 0) await issue('social', `s${s}`);
    for (const w of ['1', '2', '3', '4']) {
      const since = serving.get(w);
      if (since !== undefined && t.clock.now() - since >= 15 * 60_000) {
        await act(w, 'finish').expect(200);
        serving.delete(w);
      }
      if (!serving.has(w) && (await act(w, 'call-next')).status === 200) {
        await act(w, 'start').expect(200);
        serving.set(w, t.clock.now());
      }
    }
    t.clock.advance(30_000);
  }
  return h;
}
