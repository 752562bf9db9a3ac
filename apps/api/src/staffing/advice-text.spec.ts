import { actionText, headline, shortHeadline } from './advice-text';

const ent = { nameEn: 'Enterprise', nameZh: '企业开办' };
const social = { nameEn: 'Social insurance', nameZh: '社保' };
const medical = { nameEn: 'Medical', nameZh: '医保' };

describe('advice headline', () => {
  it('gives the windows and the wait before and after, as the manager reads them', () => {
    const h = headline(ent, { windows: 4, expectedWaitMin: 95 }, { windows: 7, expectedWaitMin: 18 });
    expect(h.en).toBe('Enterprise: open 3 more windows (4 -> 7), expected wait 95 -> 18 min');
    expect(h.zh).toBe('企业开办：建议增开 3 个窗口（4 → 7），预计等待 95 → 18 分钟');
    const driver = { nextHour: false, arrivalsPerHour: 9, opensOnly: false };
    const moved = headline(ent, { windows: 4, expectedWaitMin: 95 }, { windows: 5, expectedWaitMin: 60 }, driver);
    expect(moved.en).toBe('Enterprise: 1 more window (4 -> 5), expected wait 95 -> 60 min');
  });

  it('says what a change is for when the wait now stays the same, instead of "0 -> 0 min"', () => {
    const ahead = headline(ent, { windows: 2, expectedWaitMin: 0 }, { windows: 3, expectedWaitMin: 0 }, { nextHour: true, arrivalsPerHour: 23.6 });
    expect(ahead.en).toBe("Enterprise: open 1 more window (2 -> 3) for the next hour's expected arrivals (about 24 an hour); expected wait now stays 0 min");
    expect(ahead.zh).toBe('企业开办：建议增开 1 个窗口（2 → 3），以应对下一小时预计到达（约每小时 24 人）；当前预计等待仍为 0 分钟');
    const spare = headline(ent, { windows: 5, expectedWaitMin: 2 }, { windows: 4, expectedWaitMin: 2 }, { nextHour: false, arrivalsPerHour: 10 });
    expect(spare.en).toBe('Enterprise: 1 window can close (5 -> 4); expected wait now stays 2 min');
  });

  it('says once when the hall cannot meet the need: what it takes, what is still possible, when the line clears, what else helps', () => {
    const s = shortHeadline(social, {
      advised: 13, windowsInHall: 10, clerksOnDuty: 10, waiting: 61, actions: true,
      before: { windows: 2, expectedWaitMin: 210 }, after: { windows: 10, expectedWaitMin: 45 }, clearsInMin: 130,
    });
    expect(s.en).toBe(
      'Social insurance: more windows are needed than this hall can staff (about 13 to meet its target; the hall has 10 windows; ' +
        "with the other lines' needs at most 10 can serve it). " +
        'Still possible: the actions below, 2 -> 10 windows, expected wait 210 -> 45 min; the line of 61 clears in about 2 h 10 min at that pace. ' +
        "What else would help: extend today's hours, offer appointments for later, or send people to another hall.",
    );
    expect(s.zh).toMatch(/^社保：所需窗口超出本大厅可安排的数量（达标约需 13 个；大厅共 10 个窗口，兼顾其他事项后最多 10 个可办理）。仍可执行下列调整：窗口 2 → 10/);
    const done = shortHeadline(social, {
      advised: 13, windowsInHall: 10, clerksOnDuty: 6, waiting: 61, actions: false,
      before: { windows: 6, expectedWaitMin: 90 }, after: { windows: 6, expectedWaitMin: 90 }, clearsInMin: null,
    });
    expect(done.en).toMatch(/6 clerks are on duty for 10 windows; with the other lines' needs at most 6 can serve it\)\. /);
    expect(done.en).toMatch(/\. Everything possible here is done \(6 windows serve it\); expected wait 90 min; /);
    expect(done.en).toMatch(/the line of 61 keeps growing at that pace\./);
  });
});

describe('advice action words', () => {
  it("states the window's whole work profile after the change, and each touched category's effect", () => {
    const eff = (n: { nameEn: string; nameZh: string }, b: [number, number], a: [number, number]) =>
      ({ ...n, before: { windows: b[0], expectedWaitMin: b[1] }, after: { windows: a[0], expectedWaitMin: a[1] } });
    expect(actionText('open', '10', social, [], [social], [eff(social, [2, 210], [3, 139])]).en).toBe(
      'Open window 10 for Social insurance: it will serve Social insurance only. Social insurance windows 2 -> 3, expected wait 210 -> 139 min',
    );
    const move = actionText('move', '3', social, [ent], [social, medical], [eff(social, [2, 210], [3, 139]), eff(ent, [3, 5], [2, 12])]);
    expect(move.en).toBe(
      'Move window 3 from Enterprise to Social insurance: it will serve Social insurance and Medical (longest wait against target first). ' +
        'Social insurance windows 2 -> 3, expected wait 210 -> 139 min; Enterprise windows 3 -> 2, expected wait 5 -> 12 min',
    );
    expect(actionText('open', '7', social, [], [social], [eff(social, [2, 210], [3, 139])], true).en).toMatch(/139 min \(this change alone\)$/);
    expect(move.zh).toBe('将 3 号窗口从企业开办调整为社保：该窗口将办理社保、医保（按相对目标等待最久者优先）。社保窗口 2 → 3，预计等待 210 → 139 分钟；企业开办窗口 3 → 2，预计等待 5 → 12 分钟');
  });
});
