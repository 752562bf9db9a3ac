import { h } from '../../shared/dom';
import { tr } from '../counter/console-common';
import type { Desk, Panel } from './desk';
import { TodayCharts } from './today-charts';

/** Today's line and wait per category against the forecast (the charts themselves are TodayCharts). */
export function chartsPanel(desk: Desk): Panel {
  const title = h('h2');
  const body = h('div', { class: 'today-charts', 'data-testid': 'today-charts' });
  const note = h('p', { class: 'chart-note' });
  const el = h('section', { class: 'panel charts' }, title, body, note);
  const charts = new TodayCharts(body);
  const draw = () => {
    title.textContent = tr('今日排队与等待（虚线为预测）', 'Line and wait today (dashed: forecast)');
    note.textContent = tr(
      '实线：今日实际排队人数与叫号时的平均等待；虚线：根据预测到达与当前开放窗口推算的未来一小时；红色点线：目标等待。',
      'Solid: line length today and the mean wait of the tickets called; dashed: the next hour from the forecast arrivals '
        + 'and the windows open now; red dots: the target wait.');
    if (desk.today) charts.draw(desk.today);
  };
  return { el, draw };
}
