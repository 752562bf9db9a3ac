import { createSmallHall, type SmallHall, type TestApp } from './test-app';

const MIN = 60_000;
const REASONS = [['waited_too_long'], ['sent_between_windows', 'waited_too_long'], [], ['asked_again_for_data']];

/**
 * Whole served mornings through the API on the test clock, for the plan and the report: windows 1
 * (enterprise), 2 (enterprise, social), 3 (social, tax) open; 08:30-11:30 an enterprise ticket every 2
 * minutes from 09:00 to 10:30 (every 6 otherwise), social every 10, tax every 30; 8-minute services;
 * every third served ticket rated at the counter pad, with reasons in turn; at 11:38 the services under
 * way finish and the windows close (they open at 08:30 the next day). `days` are local 08:30s.
 */
export async function servedMornings(t: TestApp, days: number[]): Promise<SmallHall> {
  t.clock.set(days[0] - 30 * MIN);
  const h = await createSmallHall(t);
  const act = (w: string, a: string, body: object = {}) => t.http.post(`/api/halls/${h.hallId}/windows/${h.windows[w]}/${a}`).send(body);
  let n = 0;
  let served = 0;
  for (const [i, start] of days.entries()) {
    const serving = new Map<string, number>();
    t.clock.set(start);
    if (i > 0) for (const w of ['1', '2', '3']) (await act(w, 'open')).status === 200 || fail(`open ${w}`);
    for (let m = 0; m < 180; m++) {
      t.clock.set(start + m * MIN);
      const peak = m >= 30 && m < 120;
      const due: string[] = [];
      if (m % (peak ? 2 : 6) === 0) due.push('enterprise');
      if (m % 10 === 5) due.push('social');
      if (m % 30 === 15) due.push('tax');
      for (const category of due) {
        await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', `${h.hallId}-${n++}`).send({ category }).expect(201);
      }
      for (const w of ['1', '2', '3']) {
        const since = serving.get(w);
        if (since !== undefined && t.clock.now() - since >= 8 * MIN) {
          (await act(w, 'finish')).status === 200 || fail(`finish at ${w}`);
          serving.delete(w);
          if (++served % 3 === 0) await act(w, 'rating', { score: 1 + (served % 5), reasons: REASONS[served % REASONS.length] }).expect(201);
        }
        if (!serving.has(w) && (await act(w, 'call-next')).status === 200) {
          (await act(w, 'start')).status === 200 || fail(`start at ${w}`);
          serving.set(w, t.clock.now());
        }
      }
    }
    // Noon: the services under way end; the rest of the line is left (closed out at the day's end).
    t.clock.set(start + 188 * MIN);
    for (const w of serving.keys()) (await act(w, 'finish')).status === 200 || fail(`finish at ${w}`);
    for (const w of ['1', '2', '3']) (await act(w, 'close')).status === 200 || fail(`close ${w}`);
  }
  return h;
}

function fail(what: string): never {
  throw new Error(`servedMornings: ${what} refused`);
}
