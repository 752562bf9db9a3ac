import { api, downloadWithSignIn } from '../../shared/api';
import { KeptChart, type ChartConfiguration } from '../../shared/charts';
import { h, render } from '../../shared/dom';
import { categoryName } from '../../shared/i18n';
import { prefs, setLang } from '../../shared/prefs';
import { errorText, tr } from '../counter/console-common';
import '../counter/counter.css';
import type { DayFigures, DayReportBody as DayReport, RatingReason } from '@hallq/contracts';
import './report.css';

const BLUE = '#0b5cd5';
const ORANGE = '#e85d04';
const TEAL = '#2a9d8f';

/** Words for every reason of the contract's list (`satisfies` fails to compile when the list changes). */
const REASONS: Record<string, [string, string]> = {
  waited_too_long: ['等待太久', 'Waited too long'],
  asked_again_for_data: ['重复索要已交材料', 'Asked again for data already given'],
  hard_to_find_service: ['难找到对应事项', 'Hard to find the right service'],
  sent_between_windows: ['在窗口间来回转', 'Sent between windows'],
  not_resolved: ['问题未解决', 'Not resolved'],
} satisfies Record<RatingReason, [string, string]>;

/**
 * The day report (/report/<hall>?from=&to=): the figures of a range of service days at a glance, four
 * charts (arrivals per half hour, waits per category, utilization per window, rating reasons), the
 * tables behind them and the CSV download. Everything comes from GET /api/halls/:hallId/reports/day.
 */
export function reportPage(root: HTMLElement, hallId: string): void {
  document.body.classList.add('console-page', 'report-page');
  const base = `/halls/${encodeURIComponent(hallId)}`;
  const q = new URLSearchParams(location.search);
  let from = q.get('from') ?? '';
  let to = q.get('to') ?? '';
  let report: DayReport | null = null;
  let error: string | null = null;
  let timeZone = 'Asia/Shanghai';

  const header = h('header', { class: 'bar' });
  const controls = h('section', { class: 'panel controls', 'data-testid': 'controls' });
  const msgBox = h('div');
  const tiles = h('section', { class: 'tiles', 'data-testid': 'tiles' });
  const chartTitles = { arrivals: h('h2'), waits: h('h2'), windows: h('h2'), reasons: h('h2') };
  const charts = {
    arrivals: new KeptChart(240, 'arrivals'),
    waits: new KeptChart(240, 'waits'),
    windows: new KeptChart(240, 'windows'),
    reasons: new KeptChart(240, 'reasons'),
  };
  const panel = (key: keyof typeof charts) => h('section', { class: 'panel chart-panel', 'data-chart': key }, chartTitles[key], charts[key].box);
  const tables = h('section', { class: 'panel', 'data-testid': 'tables' });
  root.replaceChildren(header, controls, msgBox, h('main', { class: 'report' }, tiles,
    h('div', { class: 'chart-grid' }, panel('arrivals'), panel('waits'), panel('windows'), panel('reasons')), tables));

  const csvHref = () => `/api${base}/reports/day.csv?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  function drawHeader(): void {
    render(header,
      h('div', { class: 'title' }, tr('日报表', 'Day report'), h('small', {}, report?.hall.name ?? '')),
      h('a', { class: 'link', href: `/manager/${encodeURIComponent(hallId)}` }, tr('返回大厅管理', 'Back to the manager page')),
      h('button', { class: 'lang', onclick: () => { setLang(prefs.lang === 'zh' ? 'en' : 'zh'); drawAll(); } }, prefs.lang === 'zh' ? 'English' : '中文'),
    );
  }

  function drawControls(): void {
    const pick = (f: string, t: string) => () => { from = f; to = t; void load(); };
    const today = dayIn(timeZone, 0);
    render(controls,
      h('label', {}, tr('从', 'From'),
        h('input', { type: 'date', value: from, 'data-testid': 'from', onchange: (e: Event) => { from = (e.target as HTMLInputElement).value; } })),
      h('label', {}, tr('到', 'To'),
        h('input', { type: 'date', value: to, 'data-testid': 'to', onchange: (e: Event) => { to = (e.target as HTMLInputElement).value; } })),
      h('button', { class: 'apply', 'data-testid': 'show', onclick: () => void load() }, tr('查询', 'Show')),
      h('span', { class: 'quick' },
        h('button', { onclick: pick(today, today) }, tr('今天', 'Today')),
        h('button', { onclick: pick(dayIn(timeZone, -1), dayIn(timeZone, -1)) }, tr('昨天', 'Yesterday')),
        h('button', { onclick: pick(dayIn(timeZone, -6), today) }, tr('近 7 天', 'Last 7 days'))),
      h('a', {
        class: 'csv', href: csvHref(), download: '', 'data-testid': 'csv',
        onclick: (ev: Event) => void downloadWithSignIn(ev).catch((e) => { error = errorText(e); drawAll(); }),
      }, tr('下载 CSV（Excel）', 'Download CSV (Excel)')),
    );
  }

  function drawTiles(d: DayFigures): void {
    const tile = (key: string, label: string, value: string | number, sub?: string) =>
      h('div', { class: 'tile', 'data-tile': key }, h('span', { class: 'label' }, label), h('b', {}, value), sub ? h('small', {}, sub) : null);
    render(tiles,
      tile('issued', tr('取号', 'Issued'), d.issued),
      tile('served', tr('办结', 'Served'), d.served, d.issued ? `${Math.round((d.served / d.issued) * 100)}%` : undefined),
      tile('noShows', tr('过号未到', 'No-shows'), d.noShows),
      tile('cancelled', tr('取消 / 未办理', 'Cancelled / unserved'), `${d.cancelled} / ${d.unserved}`, tr('未办理：到闭厅仍在排队', 'unserved: still in line at closing')),
      tile('transfers', tr('转办', 'Transfers'), d.transfers, d.transferredMoreThanTwice
        ? tr(`${d.transferredMoreThanTwice} 张转办超过两次`, `${d.transferredMoreThanTwice} passed on 3+ times`)
        : undefined),
      tile('wait', tr('等待 中位/P90', 'Wait p50 / p90'), `${mins(d.wait.p50Sec)} / ${mins(d.wait.p90Sec)}`, tr('分钟', 'min')),
      tile('service', tr('办理 中位/P90', 'Service p50 / p90'), `${mins(d.service.p50Sec)} / ${mins(d.service.p90Sec)}`, tr('分钟', 'min')),
      tile('ratings', tr('好差评', 'Ratings'), d.ratings.mean === null ? '—' : d.ratings.mean.toFixed(2),
        tr(`${d.ratings.count} 条评价（满分 5）`, `${d.ratings.count} ratings (of 5)`)),
    );
  }

  function drawCharts(d: DayFigures): void {
    chartTitles.arrivals.textContent = tr('每半小时取号人数', 'Arrivals per half hour');
    chartTitles.waits.textContent = tr('各事项等待时间（分钟）', 'Wait per category (min)');
    chartTitles.windows.textContent = tr('各窗口利用率', 'Utilization per window');
    chartTitles.reasons.textContent = tr(`不满意原因（共 ${d.ratings.count} 条评价）`, `What people complained of (${d.ratings.count} ratings)`);
    const grid = { color: '#eef1f5' };
    charts.arrivals.update({
      type: 'bar',
      data: { labels: d.arrivals.map((a) => a.slot), datasets: [{ label: tr('取号', 'Issued'), data: d.arrivals.map((a) => a.count), backgroundColor: BLUE }] },
      options: {
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, grid }, x: { grid: { display: false } } },
      },
    } satisfies ChartConfiguration<'bar'>);
    const cats = d.categories.filter((c) => c.issued > 0);
    charts.waits.update({
      type: 'bar',
      data: {
        labels: cats.map((c) => categoryName(c)),
        datasets: [
          { label: tr('中位数', 'Median'), data: cats.map((c) => minsNum(c.wait.p50Sec)), backgroundColor: TEAL },
          { label: 'P90', data: cats.map((c) => minsNum(c.wait.p90Sec)), backgroundColor: ORANGE },
        ],
      },
      options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, grid }, x: { grid: { display: false } } } },
    } satisfies ChartConfiguration<'bar'>);
    const wins = d.windows.filter((w) => w.openSec > 0);
    charts.windows.update({
      type: 'bar',
      data: {
        labels: wins.map((w) => tr(`${w.window} 号窗口`, `Window ${w.window}`)),
        datasets: [{
          label: tr('利用率 %', 'Utilization %'),
          data: wins.map((w) => Math.round((w.utilization ?? 0) * 100)),
          backgroundColor: wins.map((w) => ((w.utilization ?? 0) >= 0.9 ? ORANGE : TEAL)),
        }],
      },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { min: 0, max: 100, grid, ticks: { callback: (v) => `${v}%` } }, y: { grid: { display: false } } },
      },
    } satisfies ChartConfiguration<'bar'>);
    const reasons = Object.entries(d.ratings.reasons).sort((a, b) => b[1] - a[1]);
    charts.reasons.update({
      type: 'bar',
      data: {
        labels: reasons.map(([r]) => (REASONS[r] ? tr(...REASONS[r]) : r)),
        datasets: [{ label: tr('次数', 'Times given'), data: reasons.map(([, n]) => n), backgroundColor: '#b00020' }],
      },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 }, grid }, y: { grid: { display: false } } },
      },
    } satisfies ChartConfiguration<'bar'>);
  }

  function drawTables(r: DayReport): void {
    const d = r.total;
    render(tables,
      h('h2', {}, tr('各事项', 'Per category')),
      h('table', { 'data-testid': 'category-table' },
        h('thead', {}, h('tr', {}, ['', tr('取号', 'Issued'), tr('办结', 'Served'), tr('等待 中位', 'Wait p50'), tr('等待 P90', 'Wait p90'),
          tr('办理 中位', 'Service p50'), tr('办理 P90', 'Service p90')].map((x) => h('th', {}, x)))),
        h('tbody', {}, d.categories.map((c) => h('tr', { 'data-category': c.category },
          h('td', {}, categoryName(c)), h('td', { class: 'num' }, c.issued), h('td', { class: 'num' }, c.served),
          h('td', { class: 'num' }, mins(c.wait.p50Sec)), h('td', { class: 'num' }, mins(c.wait.p90Sec)),
          h('td', { class: 'num' }, mins(c.service.p50Sec)), h('td', { class: 'num' }, mins(c.service.p90Sec)))))),
      h('h2', {}, tr('各窗口', 'Per window')),
      h('table', { 'data-testid': 'window-table' },
        h('thead', {}, h('tr', {}, ['', tr('办结', 'Served'), tr('开放（小时）', 'Open (h)'), tr('忙碌（小时）', 'Busy (h)'), tr('空闲（小时）', 'Idle (h)'),
          tr('利用率', 'Utilization')].map((x) => h('th', {}, x)))),
        h('tbody', {}, d.windows.map((w) => h('tr', { 'data-window': w.window },
          h('td', {}, w.window), h('td', { class: 'num' }, w.served), h('td', { class: 'num' }, hours(w.openSec)), h('td', { class: 'num' }, hours(w.busySec)),
          h('td', { class: 'num' }, hours(w.idleSec)), h('td', { class: 'num' }, w.utilization === null ? '—' : `${Math.round(w.utilization * 100)}%`))))),
      r.days.length > 1 ? [
        h('h2', {}, tr('每日', 'Per day')),
        h('table', { 'data-testid': 'day-table' },
          h('thead', {}, h('tr', {}, [tr('日期', 'Day'), tr('取号', 'Issued'), tr('办结', 'Served'), tr('过号', 'No-shows'),
            tr('等待 P90（分钟）', 'Wait p90 (min)'), tr('评价均分', 'Mean rating')].map((x) => h('th', {}, x)))),
          h('tbody', {}, r.days.map((x) => h('tr', { 'data-day': x.day },
            h('td', {}, x.day), h('td', { class: 'num' }, x.issued), h('td', { class: 'num' }, x.served), h('td', { class: 'num' }, x.noShows),
            h('td', { class: 'num' }, mins(x.wait.p90Sec)), h('td', { class: 'num' }, x.ratings.mean === null ? '—' : x.ratings.mean.toFixed(2)))))),
      ] : null,
    );
  }

  function drawAll(): void {
    drawHeader();
    drawControls();
    render(msgBox, error ? h('p', { class: 'msg msg-error', role: 'alert', 'data-testid': 'message' }, error) : null);
    if (report) {
      drawTiles(report.total);
      drawCharts(report.total);
      drawTables(report);
    }
  }

  async function load(): Promise<void> {
    try {
      report = await api<DayReport>(`${base}/reports/day?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      error = null;
      const url = new URL(location.href);
      url.searchParams.set('from', from);
      url.searchParams.set('to', to);
      history.replaceState(null, '', url);
    } catch (e) {
      error = errorText(e);
    }
    drawAll();
  }

  // The hall's time zone decides what "today" is; then the range from the URL, or today.
  void api<{ id: string; timeZone: string }[]>('/halls').then((halls) => {
    timeZone = halls.find((x) => x.id === hallId)?.timeZone ?? timeZone;
  }).catch(() => undefined).finally(() => {
    from ||= dayIn(timeZone, 0);
    to ||= from;
    void load();
  });
  drawHeader();
}

/** The calendar day `offset` days from today in the hall's time zone, as YYYY-MM-DD. */
function dayIn(timeZone: string, offset: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offset * 86_400_000));
}

function mins(sec: number | null): string {
  return sec === null ? '—' : String(Math.round(sec / 60));
}

function minsNum(sec: number | null): number {
  return sec === null ? 0 : Math.round(sec / 6) / 10;
}

function hours(sec: number): string {
  return (sec / 3600).toFixed(1);
}
