import { api } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { errorText, tr } from '../counter/console-common';
import type { Desk, Panel } from './desk';
import type { DayPlan } from './manager-types';
import { planTable } from './plan-table';

/**
 * The window plan per half hour: tomorrow's by default, or the day the manager picks. It comes from
 * history, so the page loads it at start, on a date change and every ten minutes (`load`).
 */
export function planPanel(desk: Desk): Panel & { load(): Promise<void> } {
  const el = h('section', { class: 'panel plan-panel', 'data-testid': 'plan' });
  let plan: DayPlan | null = null;
  let planDate = '';

  const pickDate = (e: Event) => {
    planDate = (e.target as HTMLInputElement).value;
    void load();
  };
  const draw = () => render(el,
    h('h2', {}, planDate ? tr('窗口计划（每半小时）', 'Window plan (per half hour)') : tr('明日窗口计划（每半小时）', "Tomorrow's window plan (per half hour)"),
      h('label', { class: 'plan-controls' }, tr('日期', 'Date'),
        h('input', { type: 'date', value: plan?.date ?? '', 'aria-label': tr('计划日期', 'Plan date'), onchange: pickDate }))),
    plan ? planTable(plan, desk.board?.categories ?? []) : h('p', { class: 'none' }, '…'),
    h('p', { class: 'chart-note' }, tr('按历史同一星期几、同一时段的到达量和办理时长，满足各事项目标等待所需的窗口数；悬停可见预计每小时到达人数。',
      'Windows each category needs for its target wait, from the arrivals and service times of the same weekday and half hour '
        + 'in the history; hover for the arrivals expected an hour.')),
  );

  async function load(): Promise<void> {
    try {
      plan = await api<DayPlan>(`${desk.base}/plan${planDate ? `?date=${encodeURIComponent(planDate)}` : ''}`);
    } catch (e) {
      desk.say({ kind: 'error', text: errorText(e) });
    }
    draw();
  }
  return { el, draw, load };
}
