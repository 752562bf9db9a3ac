import { createSmallHall, signIn, startTestApp, type SmallHall, type TestApp } from './support/test-app';

/**
 * A known day built through the API on the manual clock, and the day report checked number by number.
 * Times are minutes after 10:00 on Monday 2026-11-30 in Shanghai; windows 1 (enterprise) and 2
 * (enterprise, social) open at 10:00.
 *
 *   0-5  issue A001, A002, B001, A003, B002, A004        6  A004 cancelled by the citizen
 *   10   w1 calls A001, 11 starts, 20 finishes             12 w2 calls B001, starts, 27 finishes
 *   21   w1 calls A002, 23 no-show                         28 w2 calls B002, 29 starts, 30 transfers it to enterprise
 *   24   w1 calls A003, 25 starts, 40 finishes             31 w2 pauses, 41 resumes
 *   42   w1 calls B002, 43 starts, 50 finishes             21 A001 rated 5 (phone), 52 B002 rated 2 (pad at w1)
 *   60   the report
 * Window 1 is worked by the clerk "clerk-wang" (signed in), window 2 by the test admin.
 */
describe('day report', () => {
  let t: TestApp;
  let h: SmallHall;
  const MIN = 60_000;
  const T0 = Date.UTC(2026, 10, 30, 2); // 10:00 in Shanghai
  const at = (m: number) => t.clock.set(T0 + m * MIN);
  let wang = '';
  const act = (w: string, a: string, body?: object) => {
    const r = t.http.post(`/api/halls/${h.hallId}/windows/${h.windows[w]}/${a}`);
    return (w === '1' ? r.set('Authorization', `Bearer ${wang}`) : r).send(body ?? {}).expect(200);
  };
  const url = (q: string, csv = false) => `/api/halls/${h.hallId}/reports/day${csv ? '.csv' : ''}?${q}`;

  beforeAll(async () => {
    t = await startTestApp();
    at(0);
    h = await createSmallHall(t, [
      { label: '1', categories: ['enterprise'], state: 'open' },
      { label: '2', categories: ['enterprise', 'social'], state: 'open' },
    ]);
    await t.http
      .post('/api/accounts')
      .send({ username: 'clerk-wang', role: 'clerk', password: 'clerk-wang-password', windowIds: [h.windows['1']] })
      .expect(201);
    wang = await signIn(t.app, 'clerk-wang', 'clerk-wang-password');
    const tokens: Record<string, string> = {};
    const arrivals = [
      [0, 'enterprise', 'A001'],
      [1, 'enterprise', 'A002'],
      [2, 'social', 'B001'],
      [3, 'enterprise', 'A003'],
      [4, 'social', 'B002'],
      [5, 'enterprise', 'A004'],
    ] as const;
    for (const [m, cat, n] of arrivals) {
      at(m);
      const r = await t.http.post(`/api/halls/${h.hallId}/tickets`).set('Idempotency-Key', n).send({ category: cat }).expect(201);
      expect(r.body.number).toBe(n);
      tokens[n] = r.body.token;
    }
    at(6); await t.anon.post(`/api/tickets/${tokens.A004}/cancel`).expect(200);
    at(10); await act('1', 'call', { number: 'A001', reason: 'test' });
    at(11); await act('1', 'start');
    at(12); await act('2', 'call', { number: 'B001', reason: 'test' }); await act('2', 'start');
    at(20); await act('1', 'finish');
    at(21); await act('1', 'call', { number: 'A002', reason: 'test' });
    await t.http.post(`/api/tickets/${tokens.A001}/rating`).send({ score: 5 }).expect(201);
    at(23); await act('1', 'no-show');
    at(24); await act('1', 'call', { number: 'A003', reason: 'test' });
    at(25); await act('1', 'start');
    at(27); await act('2', 'finish');
    at(28); await act('2', 'call', { number: 'B002', reason: 'test' });
    at(29); await act('2', 'start');
    at(30); await act('2', 'transfer', { category: 'enterprise' });
    at(31); await act('2', 'pause', { reason: 'lunch' });
    at(40); await act('1', 'finish');
    at(41); await act('2', 'resume');
    at(42); expect((await act('1', 'call-next')).body.number).toBe('B002');
    at(43); await act('1', 'start');
    at(50); await act('1', 'finish');
    at(52);
    await t.http
      .post(`/api/halls/${h.hallId}/windows/${h.windows['1']}/rating`)
      .send({ score: 2, reasons: ['sent_between_windows', 'waited_too_long'] })
      .expect(201);
    at(60);
  });
  afterAll(() => t.close());

  const THE_DAY = {
    day: '2026-11-30',
    issued: 6, served: 4, noShows: 1, cancelled: 1, unserved: 0, open: 0, transfers: 1, transferredMoreThanTwice: 0,
    // Waits: A001 600, A002 1200, A003 1260, B001 600, B002 1440 (its first call); A004 was never called.
    wait: { count: 5, meanSec: 1020, p50Sec: 1200, p90Sec: 1440 },
    // Services: A001 540, A003 900, B002 420 (in enterprise, after the transfer), B001 900.
    service: { count: 4, meanSec: 690, p50Sec: 540, p90Sec: 900 },
  };

  it('counts tickets, waits and service times of the day', async () => {
    const r = await t.http.get(url('from=2026-11-30&to=2026-11-30')).expect(200);
    expect(r.body).toMatchObject({ hall: { id: h.hallId, name: 'Test hall', timeZone: 'Asia/Shanghai' }, from: '2026-11-30', to: '2026-11-30' });
    expect(r.body.days).toHaveLength(1);
    expect(r.body.days[0]).toMatchObject(THE_DAY);
    expect(r.body.total).toMatchObject({ ...THE_DAY, day: 'total' });
  });

  it('breaks waits down by issuing category and service times by serving category', async () => {
    const d = (await t.http.get(url('from=2026-11-30&to=2026-11-30')).expect(200)).body.days[0];
    expect(d.categories).toEqual([
      { category: 'enterprise', nameZh: 'enterprise', nameEn: 'enterprise', issued: 4, served: 3,
        wait: { count: 3, meanSec: 1020, p50Sec: 1200, p90Sec: 1260 }, service: { count: 3, meanSec: 620, p50Sec: 540, p90Sec: 900 } },
      { category: 'social', nameZh: 'social', nameEn: 'social', issued: 2, served: 1,
        wait: { count: 2, meanSec: 1020, p50Sec: 600, p90Sec: 1440 }, service: { count: 1, meanSec: 900, p50Sec: 900, p90Sec: 900 } },
      { category: 'tax', nameZh: 'tax', nameEn: 'tax', issued: 0, served: 0,
        wait: { count: 0, meanSec: null, p50Sec: null, p90Sec: null }, service: { count: 0, meanSec: null, p50Sec: null, p90Sec: null } },
    ]);
  });

  it('gives each window its served count, open, busy and idle time and utilization', async () => {
    const d = (await t.http.get(url('from=2026-11-30&to=2026-11-30')).expect(200)).body.days[0];
    expect(d.windows).toEqual([
      // Open 10:00-11:00; holding a ticket 10-20, 21-23, 24-40, 42-50 = 36 min.
      { windowId: h.windows['1'], window: '1', served: 3, openSec: 3600, busySec: 2160, idleSec: 1440, utilization: 0.6 },
      // Open 10:00-10:31 and 10:41-11:00 = 50 min; holding 12-27 and 28-30 = 17 min.
      { windowId: h.windows['2'], window: '2', served: 1, openSec: 3000, busySec: 1020, idleSec: 1980, utilization: 0.34 },
    ]);
  });

  it('gives each member of staff their served tickets, time on duty and busy share', async () => {
    const d = (await t.http.get(url('from=2026-11-30&to=2026-11-30')).expect(200)).body.days[0];
    expect(d.clerks).toEqual([
      // Actions 10:10-10:50 at window 1; served A001 (11-20), A003 (25-40), B002 (43-50) = 31 min.
      { clerk: 'clerk-wang', served: 3, onDutySec: 2400, busySec: 1860, idleSec: 540, utilization: 0.775 },
      // Actions 10:12-10:41 at window 2; served B001 (12-27).
      { clerk: 'test-admin', served: 1, onDutySec: 1740, busySec: 900, idleSec: 840, utilization: 0.517 },
    ]);
  });

  it('counts arrivals per local half hour and the ratings with their reasons', async () => {
    const d = (await t.http.get(url('from=2026-11-30&to=2026-11-30')).expect(200)).body.days[0];
    expect(d.arrivals).toEqual([{ slot: '10:00', count: 6 }]);
    expect(d.ratings).toEqual({
      count: 2, mean: 3.5, distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 },
      reasons: { waited_too_long: 1, asked_again_for_data: 0, hard_to_find_service: 0, sent_between_windows: 1, not_resolved: 0 },
    });
  });

  it('reports each day of a range, empty days included, and the total over them', async () => {
    const r = (await t.http.get(url('from=2026-11-29&to=2026-12-01')).expect(200)).body;
    expect(r.days.map((d: { day: string }) => d.day)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    for (const empty of [r.days[0], r.days[2]]) {
      expect(empty).toMatchObject({ issued: 0, served: 0, wait: { count: 0, p50Sec: null }, arrivals: [], ratings: { count: 0, mean: null } });
      expect(empty.windows.map((w: { openSec: number; utilization: number | null }) => [w.openSec, w.utilization])).toEqual([[0, null], [0, null]]);
    }
    expect(r.days[1]).toMatchObject(THE_DAY);
    expect(r.total).toMatchObject({ ...THE_DAY, day: 'total' });
    expect(r.total.windows.map((w: { busySec: number; utilization: number }) => [w.busySec, w.utilization])).toEqual([[2160, 0.6], [1020, 0.34]]);
  });

  it('gives the same figures as CSV, UTF-8 with a byte-order mark', async () => {
    const r = await t.http.get(url('from=2026-11-30&to=2026-11-30', true)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="hallq-day-report-2026-11-30-2026-11-30.csv"');
    const bytes = r.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('日报 Day report,Test hall,2026-11-30,2026-11-30,Asia/Shanghai');
    const block = (title: string) => {
      const i = lines.indexOf(title);
      expect(i).toBeGreaterThan(0);
      const end = lines.indexOf('', i);
      return lines.slice(i + 1, end);
    };
    expect(block('概况 Summary')).toEqual([
      'day,issued,served,no_shows,cancelled,unserved,open,transfers,transferred_over_twice,' +
        'wait_p50_sec,wait_p90_sec,service_mean_sec,service_p50_sec,service_p90_sec,ratings,rating_mean',
      '2026-11-30,6,4,1,1,0,0,1,0,1200,1440,690,540,900,2,3.5',
      'total,6,4,1,1,0,0,1,0,1200,1440,690,540,900,2,3.5',
    ]);
    expect(block('按类别 Per category').slice(0, 4)).toEqual([
      'day,category,name_zh,issued,served,waited,wait_p50_sec,wait_p90_sec,service_mean_sec,service_p50_sec,service_p90_sec',
      '2026-11-30,enterprise,enterprise,4,3,3,1200,1260,620,540,900',
      '2026-11-30,social,social,2,1,2,600,1440,900,900,900',
      '2026-11-30,tax,tax,0,0,0,,,,,',
    ]);
    expect(block('按窗口 Per window')).toEqual([
      'day,window,served,open_sec,busy_sec,idle_sec,utilization',
      '2026-11-30,1,3,3600,2160,1440,0.6',
      '2026-11-30,2,1,3000,1020,1980,0.34',
      'total,1,3,3600,2160,1440,0.6',
      'total,2,1,3000,1020,1980,0.34',
    ]);
    expect(block('按人员 Per clerk')).toEqual([
      'day,clerk,served,on_duty_sec,busy_sec,idle_sec,utilization',
      '2026-11-30,clerk-wang,3,2400,1860,540,0.775',
      '2026-11-30,test-admin,1,1740,900,840,0.517',
      'total,clerk-wang,3,2400,1860,540,0.775',
      'total,test-admin,1,1740,900,840,0.517',
    ]);
    expect(block('每半小时到达 Arrivals per half hour')).toEqual(['day,slot,arrivals', '2026-11-30,10:00,6', 'total,10:00,6']);
    expect(block('差评原因 Rating reasons')).toContain('2026-11-30,sent_between_windows,1');
    expect(block('差评原因 Rating reasons')).toContain('total,waited_too_long,1');
    expect(block('差评原因 Rating reasons')).toContain('total,not_resolved,0');
  });

  it('refuses bad dates, from after to and ranges over 93 days (400), on JSON and CSV alike', async () => {
    const bad: [string, RegExp][] = [
      ['from=2026-11-31&to=2026-12-01', /from must be a date as YYYY-MM-DD, e\.g\. 2026-11-30; got "2026-11-31"/],
      ['from=30.11.2026&to=2026-12-01', /from must be a date as YYYY-MM-DD/],
      ['from=2026-11-30&to=soon', /to must be a date as YYYY-MM-DD/],
      ['from=2026-11-30', /to must be a date/],
      ['from=2026-12-02&to=2026-12-01', /from \(2026-12-02\) is after to \(2026-12-01\)/],
      ['from=2026-01-01&to=2026-04-04', /The range covers 94 days; at most 93 days per report/],
      ['from=2026-11-30&to=2026-11-30&window=1', /property window should not exist/],
    ];
    for (const [q, message] of bad) {
      for (const csv of [false, true]) {
        const r = await t.http.get(url(q, csv)).expect(400);
        expect(r.body.message).toMatch(message);
      }
    }
    // 93 days is allowed.
    await t.http.get(url('from=2026-09-01&to=2026-12-02')).expect(200);
  });

  it('answers 404 for an unknown hall', async () => {
    for (const path of ['day', 'day.csv']) {
      const r = await t.http.get(`/api/halls/no-such-hall/reports/${path}?from=2026-11-30&to=2026-11-30`).expect(404);
      expect(r.body).toMatchObject({ code: 'HALL_NOT_FOUND', message: 'No hall with id "no-such-hall".' });
    }
  });
});
