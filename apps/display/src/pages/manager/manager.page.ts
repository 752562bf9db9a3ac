import { api } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { categoryName, t } from '../../shared/i18n';
import { subscribeLive, type ConnectionState } from '../../shared/live-client';
import { prefs, setLang } from '../../shared/prefs';
import { duration, errorText, HallClock, minutesText, stateText, tr } from '../counter/console-common';
import '../counter/counter.css';
import type { Advice, AdviceAction, Alert, Board, DayPlan, Today, WhatIfResult } from './manager-types';
import { planTable } from './plan-table';
import { TodayCharts } from './today-charts';
import './manager.css';
import { needsSignIn } from '../../shared/auth';
import { signOut } from '../../shared/sign-in';

/**
 * The manager's desk (/manager/<hall>): windows and lines live, alerts to acknowledge, staffing advice
 * applied or dismissed with one click, a what-if panel, and today's line lengths. The /live hall
 * subscription says when something changed; the details (service start times, ids) come from the
 * REST state, advice and alerts, fetched at most once a second.
 */
export function managerPage(root: HTMLElement, hallId: string): void {
  document.body.classList.add('console-page', 'manager-page');
  const base = `/halls/${encodeURIComponent(hallId)}`;
  const clock = new HallClock();
  let state: Board | null = null;
  let today: Today | null = null;
  let windowsShape = '';
  let plan: DayPlan | null = null;
  let planDate = '';
  let advice: Advice | null = null;
  let alerts: Alert[] = [];
  let conn: ConnectionState = 'connecting';
  let message: { kind: 'ok' | 'error'; text: string } | null = null;
  // What-if draft: window id -> proposed state and categories. Kept apart from the live board.
  const draft = new Map<string, { state: string; categories: string[] }>();
  let whatIf: WhatIfResult | null = null;
  let whatIfError: string | null = null;

  const header = h('header', { class: 'bar' });
  const msgBox = h('div');
  const board = h('section', { class: 'panel board', 'data-testid': 'board' });
  const lines = h('section', { class: 'panel', 'data-testid': 'lines' });
  const chartsTitle = h('h2');
  const chartsBody = h('div', { class: 'today-charts', 'data-testid': 'today-charts' });
  const charts = h('section', { class: 'panel charts' }, chartsTitle, chartsBody, h('p', { class: 'chart-note' }));
  const todayCharts = new TodayCharts(chartsBody);
  const planBox = h('section', { class: 'panel plan-panel', 'data-testid': 'plan' });
  const adviceBox = h('section', { class: 'panel advice', 'data-testid': 'advice' });
  const alertsBox = h('section', { class: 'panel alerts', 'data-testid': 'alerts' });
  const whatIfBox = h('section', { class: 'panel whatif', 'data-testid': 'what-if' });
  root.replaceChildren(header, msgBox, h('main', { class: 'manager' }, h('div', { class: 'col' }, board, lines, charts, planBox), h('div', { class: 'col' }, alertsBox, adviceBox, whatIfBox)));

  const cat = (code: string) => state?.categories.find((c) => c.code === code);
  const catLabel = (code: string) => {
    const c = cat(code);
    return c ? categoryName(c) : code;
  };
  const say = (m: typeof message) => {
    message = m;
    render(msgBox, m ? h('p', { class: `msg msg-${m.kind}`, role: m.kind === 'error' ? 'alert' : 'status', 'data-testid': 'message' }, m.text) : null);
  };

  function drawHeader(): void {
    render(header,
      h('div', { class: 'title' }, tr('大厅管理', 'Hall manager'), h('small', {}, state?.hall.name ?? '')),
      h('a', { class: 'link', href: `/report/${encodeURIComponent(hallId)}`, 'data-testid': 'report-link' }, tr('日报表', 'Day report')),
      h('a', { class: 'link', href: `/devices/${encodeURIComponent(hallId)}`, 'data-testid': 'devices-link' }, tr('设备', 'Devices')),
      h('a', { class: 'link', href: `/screen/${encodeURIComponent(hallId)}`, target: '_blank' }, t('screenLink')),
      h('span', { class: `conn conn-${conn}`, 'data-conn': conn, role: 'status' }, t(conn === 'live' ? 'live' : conn === 'connecting' ? 'connecting' : 'offline')),
      h('button', { class: 'lang', onclick: () => { setLang(prefs.lang === 'zh' ? 'en' : 'zh'); drawAll(); } }, t('langSwitch')),
      h('button', { class: 'sign-out', 'data-testid': 'sign-out', onclick: () => void signOut() }, t('signOut')),
    );
  }

  function drawBoard(): void {
    const now = clock.now();
    render(board,
      h('h2', {}, tr('窗口', 'Windows')),
      h('table', {},
        h('thead', {}, h('tr', {}, ['', tr('状态', 'State'), tr('事项', 'Serves'), tr('当前', 'Current'), tr('用时', 'Time'), tr('今日办结', 'Served today'), tr('今日利用率', 'Busy today')].map((x) => h('th', {}, x)))),
        h('tbody', {}, (state?.windows ?? []).map((w) => {
          const c = w.current;
          const since = c && w.inServiceSec !== null ? state!.at - w.inServiceSec * 1000 : null;
          return h('tr', { 'data-window': w.label, 'data-state': w.state },
            h('td', { class: 'label' }, h('a', { href: `/counter/${encodeURIComponent(hallId)}/${encodeURIComponent(w.id)}`, target: '_blank' }, w.label)),
            h('td', {}, h('span', { class: `badge state-${w.state}` }, stateText(w.state)), w.pauseReason ? h('small', {}, ` ${w.pauseReason}`) : null),
            h('td', { class: 'serves' }, w.categories.map(catLabel).join(' · ')),
            h('td', { class: 'ticket' }, c ? [h('b', {}, c.number), h('small', {}, c.status === 'serving' ? tr(' 办理中', ' serving') : tr(' 已呼叫', ' called'))] : '—'),
            h('td', { class: 'time', 'data-since': since ?? '' }, since !== null ? duration(now - since) : ''),
            h('td', { class: 'num', 'data-testid': 'served-today' }, w.servedToday),
            h('td', { class: 'num util', 'data-testid': 'utilization' }, w.utilizationToday === null ? '—' : utilBar(w.utilizationToday)),
          );
        })),
      ),
    );
    const byCat = new Map((advice?.categories ?? []).map((c) => [c.category, c]));
    render(lines,
      h('h2', {}, tr('排队与建议窗口', 'Lines and advised windows')),
      h('table', {},
        h('thead', {}, h('tr', {}, ['', tr('排队', 'Line'), tr('现在取号约等', 'Wait now'), tr('今日P90等待', 'p90 wait today'), tr('目标', 'Target'),
          tr('下一小时预计到达', 'Next hour: arrivals'), tr('开放窗口', 'Windows'), tr('建议', 'Advised')].map((x) => h('th', {}, x)))),
        h('tbody', {}, (state?.categories ?? []).map((l) => {
          const a = byCat.get(l.code);
          const waitMin = l.waitNow ? Math.ceil(l.waitNow.expectedSec / 60) : null;
          const over = l.waitNow && l.waitNow.expectedSec > l.targetWaitSec;
          const p90Over = l.waitP90TodaySec !== null && l.waitP90TodaySec > l.targetWaitSec;
          return h('tr', { 'data-category': l.code, class: over ? 'over' : '' },
            h('td', { class: 'cat' }, h('span', { class: 'prefix' }, l.prefix), categoryName(l)),
            h('td', { class: 'num', 'data-testid': 'line-waiting' }, l.waiting),
            h('td', { class: 'num wait-now', 'data-testid': 'wait-now' }, l.openWindows === 0 && l.waiting ? t('noWindowOpen') : minutesText(waitMin)),
            h('td', { class: `num${p90Over ? ' more' : ''}`, 'data-testid': 'p90-today' }, l.waitP90TodaySec === null ? '—' : minutesText(Math.round(l.waitP90TodaySec / 60))),
            h('td', { class: 'num' }, minutesText(Math.round(l.targetWaitSec / 60))),
            h('td', { class: 'num', 'data-testid': 'forecast-next-hour' }, l.forecastNextHour ? tr(`约 ${Math.round(l.forecastNextHour.arrivals)} 人`, `~${Math.round(l.forecastNextHour.arrivals)}`) : '—'),
            h('td', { class: 'num' }, l.openWindows),
            h('td', { class: `num${a && a.advised > Math.round(a.current) ? ' more' : ''}`, 'data-testid': 'advised' }, a ? a.advised : '—'),
          );
        })),
      ),
    );
  }

  function drawCharts(): void {
    chartsTitle.textContent = tr('今日排队与等待（虚线为预测）', 'Line and wait today (dashed: forecast)');
    charts.querySelector('.chart-note')!.textContent = tr(
      '实线：今日实际排队人数与叫号时的平均等待；虚线：根据预测到达与当前开放窗口推算的未来一小时；红色点线：目标等待。',
      'Solid: line length today and the mean wait of the tickets called; dashed: the next hour from the forecast arrivals and the windows open now; red dots: the target wait.');
    if (today) todayCharts.draw(today);
  }

  /**
   * Line alerts (and tickets passed back and forth) one by one, worst first; late tickets grouped by level
   * on one row each ("超时两倍 · 12 张：A044 A043 …"), so thirty late tickets do not bury the line alert.
   */
  function drawAlerts(): void {
    const at = (x: number) => new Date(x).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: state?.hall.timeZone });
    const rank = (l: string) => ['over_twice', 'over', 'predicted_over', 'ping_pong'].indexOf(l);
    const lines = alerts.filter((a) => a.scope !== 'ticket').sort((x, y) => rank(x.level) - rank(y.level) || y.escalatedAt - x.escalatedAt);
    const tickets = alerts.filter((a) => a.scope === 'ticket');
    const levels = ['over_twice', 'over', 'predicted_over'].map((l) => ({ level: l, list: tickets.filter((a) => a.level === l) })).filter((g) => g.list.length);
    const unacked = alerts.filter((a) => !a.acknowledgedAt).length;
    const lineText = (a: Alert) => {
      if (a.scope === 'transfers') return tr(`${a.subject} 被反复转办`, `${a.subject} passed back and forth`);
      const c = state?.categories.find((x) => x.code === a.subject);
      return c ? `${categoryName(c)}${tr('：', ': ')}${tr(`排队 ${c.waiting} 人，${c.openWindows} 个窗口`, `${c.waiting} waiting, ${c.openWindows} windows`)}` : a.subject;
    };
    render(alertsBox,
      h('h2', {}, tr('告警', 'Alerts'), h('span', { class: 'count', title: tr('未确认', 'not acknowledged') }, unacked)),
      alerts.length === 0 ? h('p', { class: 'none' }, tr('暂无告警', 'No open alerts')) : null,
      h('ul', {},
        lines.map((a) => h('li', { class: `alert level-${a.level}${a.acknowledgedAt ? ' acked' : ''}`, 'data-alert': a.id },
          h('div', {}, h('b', {}, levelText(a.level)), ' ', h('span', { class: 'what' }, lineText(a)),
            h('small', { title: a.message }, ` ${at(a.escalatedAt)}`)),
          a.acknowledgedAt
            ? h('span', { class: 'acked-note' }, tr('已确认', 'Acknowledged'))
            : h('button', { onclick: () => void ack([a]) }, tr('确认', 'Acknowledge')),
        )),
        levels.map((g) => {
          const open = g.list.filter((a) => !a.acknowledgedAt);
          const numbers = g.list.map((a) => a.subject).sort();
          return h('li', { class: `alert tickets level-${g.level}${open.length ? '' : ' acked'}`, 'data-alert-group': g.level },
            h('div', {}, h('b', {}, levelText(g.level)), ' ', tr(`${g.list.length} 张号`, `${g.list.length} tickets`),
              h('small', { class: 'numbers' }, ` ${numbers.slice(0, 8).join(' ')}${numbers.length > 8 ? ' …' : ''}`)),
            open.length
              ? h('button', { onclick: () => void ack(open) }, tr('全部确认', 'Acknowledge all'))
              : h('span', { class: 'acked-note' }, tr('已确认', 'Acknowledged')),
          );
        }),
      ),
    );
  }

  function drawAdvice(): void {
    const heads = (advice?.categories ?? []).filter((c) => c.headline);
    render(adviceBox,
      h('h2', {}, tr('调度建议', 'Staffing advice')),
      heads.length === 0 ? h('p', { class: 'none' }, tr('当前窗口配置合适', 'The windows fit the load')) : null,
      heads.map((c) => h('p', { class: 'headline', 'data-testid': 'headline' }, prefs.lang === 'zh' ? c.headline!.zh : c.headline!.en)),
      h('ul', {}, (advice?.actions ?? []).map((a) => h('li', { class: `action kind-${a.kind}`, 'data-window': a.windowLabel },
        h('span', {}, prefs.lang === 'zh' ? a.message.zh : a.message.en),
        h('span', { class: 'buttons' },
          h('button', { class: 'apply', 'data-testid': 'apply', onclick: () => void apply(a) }, tr('执行', 'Apply')),
          h('button', { class: 'dismiss', onclick: () => void dismiss(a) }, tr('忽略', 'Dismiss'))),
      ))),
    );
  }

  function drawWhatIf(): void {
    const ws = state?.windows ?? [];
    const codes = (state?.categories ?? []).map((l) => l.code);
    render(whatIfBox,
      h('h2', {}, tr('假如调整（不会生效）', 'What if (nothing changes)')),
      h('table', { class: 'wi' },
        h('tbody', {}, ws.map((w) => {
          const d = draft.get(w.id) ?? { state: w.state, categories: w.categories };
          const set = (next: Partial<typeof d>) => {
            draft.set(w.id, { ...d, ...next });
            drawWhatIf();
          };
          return h('tr', { class: draft.has(w.id) && differs(d, w) ? 'changed' : '' },
            h('td', { class: 'label' }, w.label),
            h('td', {}, h('select', { 'aria-label': `${w.label} state`, onchange: (e: Event) => set({ state: (e.target as HTMLSelectElement).value }) },
              ['open', 'paused', 'closed'].map((s) => h('option', { value: s, selected: s === d.state }, stateText(s))))),
            h('td', { class: 'cats' }, codes.map((code) => h('label', {},
              h('input', {
                type: 'checkbox', checked: d.categories.includes(code),
                onchange: (e: Event) => set({ categories: (e.target as HTMLInputElement).checked ? [...d.categories, code] : d.categories.filter((x) => x !== code) }),
              }), cat(code)?.prefix ?? code))),
          );
        })),
      ),
      h('div', { class: 'buttons' },
        h('button', { onclick: () => { draft.clear(); whatIf = null; whatIfError = null; drawWhatIf(); } }, tr('重置', 'Reset')),
        h('button', { class: 'apply', onclick: () => void runWhatIf() }, tr('计算影响', 'Show the effect'))),
      whatIfError ? h('p', { class: 'msg msg-error' }, whatIfError) : null,
      whatIf ? h('table', { class: 'wi-result' },
        h('thead', {}, h('tr', {}, ['', tr('窗口', 'Windows'), tr('预计等待', 'Expected wait'), tr('目标内叫号概率', 'P(within target)')].map((x) => h('th', {}, x)))),
        h('tbody', {}, whatIf.categories.map((c) => h('tr', {},
          h('td', {}, catLabel(c.category)),
          h('td', { class: 'num' }, `${c.before.windows} → ${c.after.windows}`),
          h('td', { class: 'num' }, `${minutesText(c.before.predictedWaitMin)} → ${minutesText(c.after.predictedWaitMin)}`),
          h('td', { class: 'num' }, `${Math.round(c.before.pWithinTarget * 100)}% → ${Math.round(c.after.pWithinTarget * 100)}%`),
        )))) : null,
    );
  }

  function drawPlan(): void {
    render(planBox,
      h('h2', {}, planDate ? tr('窗口计划（每半小时）', 'Window plan (per half hour)') : tr('明日窗口计划（每半小时）', "Tomorrow's window plan (per half hour)"),
        h('label', { class: 'plan-controls' }, tr('日期', 'Date'),
          h('input', { type: 'date', value: plan?.date ?? '', 'aria-label': tr('计划日期', 'Plan date'), onchange: (e: Event) => { planDate = (e.target as HTMLInputElement).value; void loadPlan(); } }))),
      plan ? planTable(plan, state?.categories ?? []) : h('p', { class: 'none' }, '…'),
      h('p', { class: 'chart-note' }, tr('按历史同一星期几、同一时段的到达量和办理时长，满足各事项目标等待所需的窗口数；悬停可见预计每小时到达人数。',
        'Windows each category needs for its target wait, from the arrivals and service times of the same weekday and half hour in the history; hover for the arrivals expected an hour.')),
    );
  }

  function drawAll(): void {
    drawHeader();
    drawBoard();
    drawCharts();
    drawAlerts();
    drawAdvice();
    drawWhatIf();
    drawPlan();
  }

  async function apply(a: AdviceAction): Promise<void> {
    try {
      await api(`${base}/advice/apply`, { method: 'POST', body: JSON.stringify(actionBody(a)) });
      say({ kind: 'ok', text: tr(`已执行：${a.message.zh}`, `Applied: ${a.message.en}`) });
    } catch (e) {
      say({ kind: 'error', text: errorText(e) });
    }
    await Promise.all([loadState(), loadAdvice()]);
  }

  async function dismiss(a: AdviceAction): Promise<void> {
    try {
      await api(`${base}/advice/dismiss`, { method: 'POST', body: JSON.stringify(actionBody(a)) });
      if (advice) advice.actions = advice.actions.filter((x) => x !== a);
      say({ kind: 'ok', text: tr('已忽略该建议（已记录）', 'Dismissed (logged)') });
      drawAdvice();
    } catch (e) {
      say({ kind: 'error', text: errorText(e) });
    }
  }

  async function ack(list: Alert[]): Promise<void> {
    try {
      for (const a of list) onAlert({ type: 'acknowledged', alert: await api<Alert>(`${base}/alerts/${encodeURIComponent(a.id)}/ack`, { method: 'POST' }) });
    } catch (e) {
      say({ kind: 'error', text: errorText(e) });
    }
  }

  /** One pushed alert change: raised/escalated/acknowledged replace it in the list, cleared removes it. */
  function onAlert(e: { type: string; alert: Alert }): void {
    const rest = alerts.filter((x) => x.id !== e.alert.id);
    alerts = e.type === 'cleared' ? rest : [e.alert, ...rest].sort((x, y) => y.escalatedAt - x.escalatedAt);
    drawAlerts();
  }

  async function runWhatIf(): Promise<void> {
    const windows = (state?.windows ?? [])
      .filter((w) => draft.has(w.id) && differs(draft.get(w.id)!, w))
      .map((w) => ({ windowId: w.id, state: draft.get(w.id)!.state, categories: draft.get(w.id)!.categories }));
    if (!windows.length) {
      whatIfError = tr('先改变一个窗口的状态或事项', "Change a window's state or services first");
      whatIf = null;
      return drawWhatIf();
    }
    try {
      whatIf = await api<WhatIfResult>(`${base}/what-if`, { method: 'POST', body: JSON.stringify({ windows }) });
      whatIfError = null;
    } catch (e) {
      whatIfError = errorText(e);
      whatIf = null;
    }
    drawWhatIf();
  }

  async function loadState(): Promise<void> {
    const s = await api<Board>(`${base}/board`).catch(() => null);
    if (!s) return;
    const first = !state;
    state = s;
    clock.sync(s.at);
    drawHeader();
    drawBoard();
    // A line alert reads its line from the board ("企业开办：排队 20 人，4 个窗口"): alerts pushed before the
    // first board arrived showed the bare category code until the next alert change.
    drawAlerts();
    // The what-if table starts from the windows as they are: redrawn when they change (advice applied
    // here or elsewhere), unless the manager is drafting a change.
    const shape = s.windows.map((w) => `${w.id}:${w.state}:${w.categories.join(',')}`).join('|');
    if (first || (shape !== windowsShape && draft.size === 0)) drawWhatIf();
    windowsShape = shape;
  }
  async function loadToday(): Promise<void> {
    const d = await api<Today>(`${base}/board/today`).catch(() => null);
    if (!d) return;
    today = d;
    drawCharts();
  }
  async function loadPlan(): Promise<void> {
    try {
      plan = await api<DayPlan>(`${base}/plan${planDate ? `?date=${encodeURIComponent(planDate)}` : ''}`);
    } catch (e) {
      say({ kind: 'error', text: errorText(e) });
    }
    drawPlan();
  }
  async function loadAdvice(): Promise<void> {
    const a = await api<Advice>(`${base}/advice`).catch(() => null);
    if (!a) return;
    advice = a;
    drawAdvice();
    drawBoard();
  }

  // Snapshots can come 4 times a second in a busy hall: the REST reads follow at most every 2 s
  // (the board) and every 5 s (advice), whatever the rate. Alerts are pushed (the manager feed below).
  const throttle = (fn: () => Promise<void>, ms: number) => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    return () => {
      if (timer) return;
      const wait = Math.max(0, last + ms - Date.now());
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        void fn();
      }, wait);
    };
  };
  const refreshState = throttle(loadState, 2000);
  const refreshSlow = throttle(loadAdvice, 5000);
  const refreshCharts = throttle(loadToday, 10_000);

  subscribeLive<{ at: number }>({ hall: hallId }, {
    snapshot: () => {
      refreshState();
      refreshSlow();
      refreshCharts();
    },
    state: (s) => {
      conn = s;
      drawHeader();
    },
    refused: (error, code) => (needsSignIn(code) ? void signOut() : say({ kind: 'error', text: error })),
  }, { staleAfterMs: 75_000 });
  // Alerts: the open list on every (re)connect, then each change as the api makes it; no polling.
  subscribeLive<never>({ manager: hallId }, {
    snapshot: () => undefined,
    state: () => undefined,
    refused: (error) => say({ kind: 'error', text: error }),
    events: {
      alerts: (s: { alerts: Alert[] }) => {
        alerts = s.alerts;
        drawAlerts();
      },
      alert: onAlert,
    },
  });
  setInterval(() => { refreshState(); refreshSlow(); refreshCharts(); }, 15_000);
  setInterval(() => {
    const now = clock.now();
    for (const el of board.querySelectorAll<HTMLElement>('[data-since]')) if (el.dataset.since) el.textContent = duration(now - Number(el.dataset.since));
  }, 1000);

  drawAll();
  void loadState().then(() => Promise.all([loadAdvice(), loadToday(), loadPlan()]));
  // The plan comes from history: once at start and every 10 minutes is plenty.
  setInterval(() => void loadPlan(), 600_000);
}

function actionBody(a: AdviceAction) {
  return { kind: a.kind, windowId: a.windowId, category: a.category, fromCategory: a.fromCategory, categories: a.categories };
}

function differs(d: { state: string; categories: string[] }, w: { state: string; categories: string[] }): boolean {
  return d.state !== w.state || d.categories.join() !== w.categories.join();
}

/** Utilization as a percentage with a small bar, so a busy window stands out at a glance. */
function utilBar(u: number): HTMLElement {
  const pct = Math.round(u * 100);
  return h('span', { class: `util-bar${pct >= 90 ? ' hot' : ''}`, title: `${pct}%` }, h('span', { class: 'track' }, h('i', { style: `width:${Math.min(100, pct)}%` })), h('b', {}, `${pct}%`));
}

function levelText(level: string): string {
  const L: Record<string, [string, string]> = {
    predicted_over: ['预计超时', 'Predicted over target'],
    over: ['已超时', 'Over target'],
    over_twice: ['超时两倍', 'Over twice the target'],
    ping_pong: ['反复转办', 'Passed back and forth'],
  };
  return L[level] ? tr(...L[level]) : level;
}
