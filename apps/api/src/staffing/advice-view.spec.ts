import type { PredictedEffect, StaffingAdvice } from '@hallq/forecast';
import type { CategoryView } from '@hallq/queue';
import { adviceView } from './advice-view';

const MIN = 60_000;
const eff = (windows: number, waitMin: number): PredictedEffect => ({
  windows, expectedWaitMs: waitMin * MIN, p10WaitMs: waitMin * MIN * 0.7, p90WaitMs: waitMin * MIN * 1.3,
  pWithinTarget: 0.5, serviceLevel: 0.8, clearsInMs: 90 * MIN,
});
const cat = (id: string, nameEn: string) => ({ id, code: id, nameEn, nameZh: nameEn }) as CategoryView;
const cats = new Map([['soc', cat('soc', 'Social insurance')], ['tax', cat('tax', 'Tax')]]);
const wins = new Map([['w10', { id: 'w10', label: '10' }]]);
const category = (id: string, over: Partial<StaffingAdvice['categories'][number]> = {}): StaffingAdvice['categories'][number] => ({
  categoryId: id, current: 2, currentShare: 2, needNow: 2, needNextHour: 2, needBacklog: 2, advised: 2, waiting: 3, arrivalsPerHour: 6,
  arrivalsNextHour: 6, before: eff(2, 5), after: eff(2, 5), short: 0, ...over,
});
const staff = { windowsInHall: 10, clerksOnDuty: 10, open: 10, spare: 0 };

describe('advice view', () => {
  it('a hall that fits its load has no headline (the page shows a calm line)', () => {
    const v = adviceView({ at: 0, categories: [category('soc'), category('tax', { advised: 3 })], actions: [], unmet: [], staff }, cats, wins, false);
    expect(v.categories.map((c) => [c.headline, c.headlineKind])).toEqual([[null, null], [null, null]]);
  });

  it('no headline stays without an action but the one "cannot be met here", with what is still possible and what else helps', () => {
    const a: StaffingAdvice = {
      at: 0, actions: [], unmet: [{ categoryId: 'soc', windows: 3 }], staff,
      categories: [category('soc', { advised: 13, current: 10, before: eff(10, 151), after: eff(10, 151), short: 3, waiting: 61 }), category('tax')],
    };
    const v = adviceView(a, cats, wins, false);
    expect(v.categories.filter((c) => c.headline).map((c) => c.headlineKind)).toEqual(['short']);
    expect(v.categories[0].headline!.en).toBe(
      "Social insurance: more windows are needed than this hall can staff (about 13 to meet its target; the hall has 10 windows; with the other lines' " +
        'needs at most 10 can serve it). Everything possible here is done (10 windows serve it); expected wait 151 min; the line of 61 clears in ' +
        "about 1 h 30 min at that pace. What else would help: extend today's hours, offer appointments for later, or send people to another hall.",
    );
  });

  it('an action says the window\'s whole profile; whole windows and minutes as every page shows a wait', () => {
    const a: StaffingAdvice = {
      at: 0, unmet: [], staff: { ...staff, open: 9, spare: 1 },
      categories: [category('soc', { advised: 3, before: eff(2, 210), after: eff(3, 139.2) }), category('tax')],
      actions: [{
        kind: 'open', windowId: 'w10', categoryId: 'soc', categoryIds: ['soc'], summary: '',
        effects: [{ categoryId: 'soc', before: eff(2, 210), after: eff(3, 139.2) }],
      }],
    };
    const v = adviceView(a, cats, wins, true);
    expect(v.actions[0]).toMatchObject({ kind: 'open', windowLabel: '10', category: 'soc', categories: ['soc'] });
    expect(v.actions[0].message.en).toBe(
      'Open window 10 for Social insurance: it will serve Social insurance only. Social insurance windows 2 -> 3, expected wait 210 -> 140 min',
    );
    const en = 'Social insurance: open 1 more window (2 -> 3), expected wait 210 -> 140 min';
    expect(v.categories[0]).toMatchObject({ headlineKind: 'more', headline: { en } });
    expect(v.staff).toEqual({ windowsInHall: 10, clerksOnDuty: 10, open: 9, spare: 1, clerksSetToday: true });
  });
});
