import { headline } from './advice-text';

const ent = { nameEn: 'Enterprise', nameZh: '企业开办' };

describe('advice headline', () => {
  it('gives the windows and the wait before and after, as the manager reads them', () => {
    const h = headline(ent, { windows: 4, expectedWaitMin: 95 }, { windows: 7, expectedWaitMin: 18 });
    expect(h.en).toBe('Enterprise: open 3 more windows (4 -> 7), expected wait 95 -> 18 min');
    expect(h.zh).toBe('企业开办：建议增开 3 个窗口（4 → 7），预计等待 95 → 18 分钟');
  });

  it('says what a change is for when the wait now stays the same, instead of "0 -> 0 min"', () => {
    const ahead = headline(ent, { windows: 2, expectedWaitMin: 0 }, { windows: 3, expectedWaitMin: 0 }, { nextHour: true, arrivalsPerHour: 23.6 });
    expect(ahead.en).toBe("Enterprise: open 1 more window (2 -> 3) for the next hour's expected arrivals (about 24 an hour); expected wait now stays 0 min");
    expect(ahead.zh).toBe('企业开办：建议增开 1 个窗口（2 → 3），以应对下一小时预计到达（约每小时 24 人）；当前预计等待仍为 0 分钟');
    const spare = headline(ent, { windows: 5, expectedWaitMin: 2 }, { windows: 4, expectedWaitMin: 2 }, { nextHour: false, arrivalsPerHour: 10 });
    expect(spare.en).toBe('Enterprise: 1 window can close (5 -> 4); expected wait now stays 2 min');
  });
});
