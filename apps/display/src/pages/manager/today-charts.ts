import { clockText, KeptChart, type ChartConfiguration } from '../../shared/charts';
import { categoryName } from '../../shared/i18n';
import { tr } from '../counter/console-common';
import type { Today } from './manager-types';

const LINE = '#0b5cd5';
const WAIT = '#e85d04';
const TARGET = '#b00020';

/**
 * Per category, one chart of today: the line length (blue, left axis) and the wait of the tickets called
 * (orange, minutes, right axis) so far, solid; the forecaster's next hour dashed; the target wait as a red
 * dotted line. Charts are kept per category and only their data is swapped on each refresh.
 */
export class TodayCharts {
  private readonly charts = new Map<string, KeptChart>();

  constructor(private readonly root: HTMLElement) {}

  draw(today: Today): void {
    const tz = today.hall.timeZone;
    const shown = today.categories.filter((c) =>
      c.actual.some((p) => p.waiting > 0 || p.called > 0) || c.forecast.some((p) => p.waiting > 0));
    const wanted = new Set(shown.map((c) => c.code));
    for (const [code, chart] of this.charts) {
      if (!wanted.has(code)) {
        chart.destroy();
        chart.box.parentElement?.remove();
        this.charts.delete(code);
      }
    }
    if (!shown.length && !this.root.querySelector('.none')) {
      const p = document.createElement('p');
      p.className = 'none';
      p.textContent = tr('今天还没有人排队', 'No one has queued today yet');
      this.root.append(p);
    } else if (shown.length) this.root.querySelector('.none')?.remove();
    const end = today.categories[0]?.forecast.at(-1)?.at ?? today.at;
    for (const c of shown) {
      let chart = this.charts.get(c.code);
      if (!chart) {
        chart = new KeptChart(170, categoryName(c));
        const fig = document.createElement('figure');
        fig.className = 'today-chart';
        fig.dataset.category = c.code;
        const cap = document.createElement('figcaption');
        fig.append(cap, chart.box);
        this.root.append(fig);
        this.charts.set(c.code, chart);
      }
      const last = c.actual.at(-1);
      const fc = c.forecast.at(-1);
      chart.box.parentElement!.querySelector('figcaption')!.textContent = `${c.prefix} ${categoryName(c)}`
        + ` · ${tr('现在排队', 'in line now')} ${last?.waiting ?? 0}`
        + ` · ${tr('一小时后预计', 'in an hour, forecast')} ${fc ? Math.round(fc.waiting) : '—'}`;
      chart.update(config(c, today.from, end, tz));
    }
    // Keep the categories' order, whichever line came first today.
    for (const c of shown) this.root.append(this.charts.get(c.code)!.box.parentElement!);
  }
}

function config(c: Today['categories'][number], from: number, to: number, tz: string): ChartConfiguration<'line'> {
  const min = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: tr('排队人数', 'Line'), data: c.actual.map((p) => ({ x: p.at, y: p.waiting })),
          borderColor: LINE, backgroundColor: 'rgba(11,92,213,0.08)', fill: true, yAxisID: 'y', pointRadius: 0, borderWidth: 2.5, tension: 0.2,
        },
        {
          label: tr('排队（预测）', 'Line (forecast)'), data: c.forecast.map((p) => ({ x: p.at, y: p.waiting })),
          borderColor: LINE, borderDash: [6, 4], yAxisID: 'y', pointRadius: 0, borderWidth: 2,
        },
        {
          label: tr('等待（分钟）', 'Wait (min)'), data: c.actual.filter((p) => p.waitSec !== null).map((p) => ({ x: p.at, y: min(p.waitSec)! })),
          borderColor: WAIT, backgroundColor: WAIT, yAxisID: 'wait', pointRadius: 2, borderWidth: 2, spanGaps: true,
        },
        {
          label: tr('等待（预测）', 'Wait (forecast)'), data: c.forecast.filter((p) => p.waitSec !== null).map((p) => ({ x: p.at, y: min(p.waitSec)! })),
          borderColor: WAIT, borderDash: [6, 4], yAxisID: 'wait', pointRadius: 0, borderWidth: 2,
        },
        {
          label: tr('目标等待', 'Target wait'), data: [{ x: from, y: c.targetWaitSec / 60 }, { x: to, y: c.targetWaitSec / 60 }],
          borderColor: TARGET, borderDash: [2, 3], yAxisID: 'wait', pointRadius: 0, borderWidth: 1.5,
        },
      ],
    },
    options: {
      parsing: false,
      interaction: { mode: 'nearest', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14, boxHeight: 2, font: { size: 11 } } },
        tooltip: { callbacks: { title: (items) => clockText(items[0].parsed.x ?? 0, tz) } },
      },
      scales: {
        x: {
          type: 'linear', min: from, max: to,
          ticks: { stepSize: tickStep(to - from), callback: (v) => clockText(Number(v), tz) }, grid: { color: '#eef1f5' },
        },
        y: {
          position: 'left', beginAtZero: true, title: { display: true, text: tr('人', 'people') }, ticks: { precision: 0 }, grid: { color: '#eef1f5' },
        },
        wait: { position: 'right', beginAtZero: true, title: { display: true, text: tr('分钟', 'min') }, grid: { display: false } },
      },
    },
  };
}

/** A round tick step (1 min to 2 h) that puts at most 8 ticks on the axis. */
function tickStep(spanMs: number): number {
  const MIN = 60_000;
  return ([1, 2, 5, 10, 15, 30, 60, 120].map((m) => m * MIN).find((s) => spanMs / s <= 8) ?? 240 * MIN);
}
