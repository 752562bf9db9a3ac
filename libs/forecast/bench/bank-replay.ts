/**
 * Replays a call-centre log in the Anonymous Bank layout through the forecaster, one event at a time,
 * and scores its prediction for each call at the moment it joined the queue, beside the baselines of
 * the data README: constant mean, QL, QL_m, LES, HOL. Scored calls, as the README defines them:
 * outcome AGENT with q_time > 0, no type IN, no PHANTOM, and at least one agent serving on arrival.
 */
import { createForecaster, type ForecastEvent, type HallSnapshot } from '../src';
import { readBankLog, type BankCall } from './bank-log';
import { score, type Score } from './scoring';

/** Target used for the P(called within target) calibration on call-centre logs, seconds. */
export const BANK_TARGET_S = 60;

export interface ReplayResult {
  file: string;
  calls: number;
  scored: number;
  meanWaitS: number;
  scores: Score[];
  replayMs: number;
}

export function replayBankLog(file: string): ReplayResult {
  const calls = readBankLog(file).filter((c) => c.type !== 'IN' && c.outcome !== 'PHANTOM');
  const t0 = performance.now();

  // --- events in time order (issued before anything else at the same second) ---
  type Ev = { at: number; order: number; e: ForecastEvent; call: BankCall };
  const evs: Ev[] = [];
  const S = 1000;
  for (const c of calls) {
    const id = c.callId;
    const prio = c.priority === 2 ? 'priority' : 'normal';
    if (c.queued && c.qTime > 0) {
      evs.push({ at: c.qStart, order: 0, call: c, e: { type: 'issued', at: c.qStart * S, ticketId: id, categoryId: c.type, priority: prio } });
      if (c.served) {
        evs.push({ at: c.qExit, order: 1, call: c, e: { type: 'started', at: c.qExit * S, ticketId: id } });
        evs.push({ at: c.qExit + c.serTime, order: 1, call: c, e: { type: 'finished', at: (c.qExit + c.serTime) * S, ticketId: id } });
      } else {
        evs.push({ at: c.qExit, order: 1, call: c, e: { type: 'abandoned', at: c.qExit * S, ticketId: id } });
      }
    } else if (c.served) {
      // served without queueing: issued and started at once
      evs.push({ at: c.serStart, order: 0, call: c, e: { type: 'issued', at: c.serStart * S, ticketId: id, categoryId: c.type, priority: prio } });
      evs.push({ at: c.serStart, order: 0.5, call: c, e: { type: 'started', at: c.serStart * S, ticketId: id } });
      evs.push({ at: c.serExit, order: 1, call: c, e: { type: 'finished', at: c.serExit * S, ticketId: id } });
    }
  }
  evs.sort((a, b) => a.at - b.at || a.order - b.order);

  // --- baselines' ingredients ---
  const hourSum = new Array(24).fill(0);
  const hourN = new Array(24).fill(0);
  for (const c of calls) {
    if (c.served && c.serTime > 0) {
      const h = Math.floor((c.serStart % 86400) / 3600);
      hourSum[h] += c.serTime;
      hourN[h]++;
    }
  }
  const muHour = hourSum.map((s, h) => (hourN[h] ? hourN[h] / s : 1 / 200));
  const theta = (() => {
    let ab = 0;
    let waited = 0;
    for (const c of calls) {
      if (c.queued && c.qTime > 0) {
        waited += c.qTime;
        if (!c.served) ab++;
      }
    }
    return ab / waited;
  })();

  const types = [...new Set(calls.map((c) => c.type))];
  const f = createForecaster({
    categories: types.map((id) => ({ id, targetWaitMs: BANK_TARGET_S * S, defaultServiceMs: 200 * S })),
    priorPatienceMs: 300 * S,
    utcOffsetMinutes: 0,
  });

  // Agents busy, counted from ser_start / ser_exit as the README does (strictly before the arrival).
  const marks: Array<[number, number]> = [];
  for (const c of calls) if (c.served && c.serTime > 0) marks.push([c.serStart, 1], [c.serExit, -1]);
  marks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const markT = marks.map((m) => m[0]);
  const busyAfter: number[] = [];
  marks.reduce((acc, m) => (busyAfter.push(acc + m[1]), acc + m[1]), 0);
  const busyAt = (t: number) => {
    let lo = 0;
    let hi = markT.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (markT[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo ? busyAfter[lo - 1] : 0;
  };
  const inQueue = new Map<string, BankCall>();
  let lastLesWait = 0;
  const rows: { actual: number; ours: number; p: number; p10: number; p90: number; c: number; ql: number; qlm: number; les: number; hol: number }[] = [];
  const snapshotCats = types.map((id) => ({ id, targetWaitMs: BANK_TARGET_S * S, defaultServiceMs: 200 * S }));
  for (const ev of evs) {
    const e = ev.e;
    if (e.type === 'issued' && ev.order === 0 && ev.call.queued && ev.call.qTime > 0) {
      const c = ev.call;
      const busy = busyAt(c.qStart);
      const isScored = c.served && busy > 0;
      f.observe(e);
      if (isScored) {
        const internal = f.internalSnapshot();
        const state: HallSnapshot = { ...internal, categories: snapshotCats, waiting: internal.waiting };
        const pred = f.predictTickets(state, e.at).find((p) => p.ticketId === c.callId);
        const n = inQueue.size;
        const mu = muHour[Math.floor((c.qStart % 86400) / 3600)];
        let qlm = 0;
        for (let i = 0; i <= n; i++) qlm += 1 / (busy * mu + i * theta);
        let hol = 0;
        for (const q of inQueue.values()) hol = Math.max(hol, c.qStart - q.qStart);
        rows.push({
          actual: c.qTime,
          ours: (pred?.expectedWaitMs ?? 0) / S,
          p: pred?.pWithinTarget ?? 0,
          p10: (pred?.p10WaitMs ?? 0) / S,
          p90: (pred?.p90WaitMs ?? 0) / S,
          c: 0,
          ql: (n + 1) / (busy * mu),
          qlm,
          les: lastLesWait,
          hol,
        });
      }
      inQueue.set(c.callId, c);
      continue;
    }
    f.observe(e);
    if (e.type === 'started') {
      inQueue.delete(ev.call.callId);
      lastLesWait = ev.call.queued ? ev.call.qTime : 0;
    } else if (e.type === 'abandoned') inQueue.delete(ev.call.callId);
  }
  const replayMs = performance.now() - t0;
  const actual = rows.map((r) => r.actual);
  const meanWait = actual.reduce((a, b) => a + b, 0) / actual.length;
  const scores = [
    score('hallq (calibrated QL_m)', rows.map((r) => r.ours), actual, rows.map((r) => r.p), BANK_TARGET_S, true, {
      p10: rows.map((r) => r.p10),
      p90: rows.map((r) => r.p90),
    }),
    score('constant mean', rows.map(() => meanWait), actual),
    score('QL', rows.map((r) => r.ql), actual),
    score('QL_m', rows.map((r) => r.qlm), actual),
    score('LES', rows.map((r) => r.les), actual),
    score('HOL', rows.map((r) => r.hol), actual),
  ];
  return { file, calls: calls.length, scored: rows.length, meanWaitS: meanWait, scores, replayMs };
}
