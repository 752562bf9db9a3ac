import { h } from '../../shared/dom';
import { categoryName } from '../../shared/i18n';
import { tr } from '../counter/console-common';
import type { DayPlan } from './manager-types';

type Cat = { code: string; prefix: string; nameZh: string; nameEn: string };

/**
 * A coming day's window plan as a table a manager reads across: one row per category and a total row,
 * one column per half hour; the deeper the blue, the more windows; a total above the hall's windows is red.
 */
export function planTable(plan: DayPlan, cats: Cat[]): HTMLElement {
  const max = Math.max(1, ...plan.slots.flatMap((s) => s.categories.map((c) => c.windows)));
  const codes = cats.filter((c) => plan.slots.some((s) => s.categories.some((x) => x.category === c.code && x.windows > 0)));
  const peak = plan.slots.filter((s) => s.totalWindows === plan.peakWindows && plan.peakWindows > 0);
  const peakText = peak.length ? `${peak[0].local}–${endOf(peak[peak.length - 1].local, plan.stepMinutes)}` : '';
  const cell = (n: number, title: string, slot: string) =>
    h('td', {
      class: 'num plan-cell', 'data-slot': slot,
      style: n > 0 ? `background: rgba(11, 92, 213, ${0.12 + 0.6 * (n / max)}); color: ${n / max > 0.55 ? '#fff' : '#0b2a5b'}` : '', title,
    }, n > 0 ? n : '');
  return h('div', { class: 'plan' },
    h('p', { class: 'plan-head', 'data-testid': 'plan-head' }, plan.peakWindows > 0
      ? tr(`${plan.date} 高峰需要 ${plan.peakWindows} 个窗口（大厅共 ${plan.windowsInHall} 个），${peakText}`,
        `${plan.date}: the peak needs ${plan.peakWindows} windows (the hall has ${plan.windowsInHall}), ${peakText}`)
      : tr(`${plan.date}：历史数据不足，暂无计划`, `${plan.date}: not enough history for a plan yet`)),
    h('div', { class: 'plan-scroll' },
      h('table', { class: 'plan-table' },
        h('thead', {}, h('tr', {}, h('th', {}, ''), plan.slots.map((s) => h('th', { class: 'slot' }, s.local)))),
        h('tbody', {},
          codes.map((c) => h('tr', { 'data-category': c.code },
            h('th', { class: 'cat' }, h('span', { class: 'prefix' }, c.prefix), categoryName(c)),
            plan.slots.map((s) => {
              const x = s.categories.find((y) => y.category === c.code);
              const n = x?.windows ?? 0;
              return cell(n, tr(`预计每小时 ${Math.round(x?.arrivalsPerHour ?? 0)} 人`, `~${Math.round(x?.arrivalsPerHour ?? 0)} arrivals an hour`), s.local);
            }),
          )),
          h('tr', { class: 'plan-total', 'data-category': 'total' },
            h('th', {}, tr('合计', 'Total')),
            plan.slots.map((s) => h('td', { class: `num${s.totalWindows > plan.windowsInHall ? ' more' : ''}`, 'data-slot': s.local }, s.totalWindows))),
        ),
      ),
    ),
  );
}

function endOf(hhmm: string, step: number): string {
  const [hh, mm] = hhmm.split(':').map(Number);
  const m = hh * 60 + mm + step;
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
