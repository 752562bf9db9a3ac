import { api } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { categoryName, t } from '../../shared/i18n';
import { subscribeLive, type ConnectionState } from '../../shared/live-client';
import { prefs, setLang } from '../../shared/prefs';
import { duration, errorText, HallClock, minutesText, stateText, tr } from '../counter/console-common';
import '../counter/counter.css';
import { lineChart, SampleStore } from './line-chart';
import type { Advice, AdviceAction, Alert, Board, WhatIfResult } from './manager-types';
import './manager.css';

const COLORS = ['#d62828', '#0b5cd5', '#2a9d8f', '#f77f00', '#7b2cbf', '#588157', '#6c757d'];

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
  const samples = new SampleStore(hallId);
  let state: Board | null = null;
  let advice: Advice | null = null;
  let alerts: Alert[] = [];
  let conn: ConnectionState = 'connecting';
  let message: { kind: 'ok' | 'error'; text: string } | null = null;
  let reportsLink: string | null = null;
  // What-if draft: window id -> proposed state and categories. Kept apart from the live board.
  const draft = new Map<string, { state: string; categories: string[] }>();
  let whatIf: WhatIfResult | null = null;
  let whatIfError: string | null = null;

  const header = h('header', { class: 'bar' });
  const msgBox = h('div');
  const board = h('section', { class: 'panel board', 'data-testid': 'board' });
  const lines = h('section', { class: 'panel', 'data-testid': 'lines' });
  const charts = h('section', { class: 'panel charts' });
  const adviceBox = h('section', { class: 'panel advice', 'data-testid': 'advice' });
  const alertsBox = h('section', { class: 'panel alerts', 'data-testid': 'alerts' });
  const whatIfBox = h('section', { class: 'panel whatif', 'data-testid': 'what-if' });
  root.replaceChildren(header, msgBox, h('main', { class: 'manager' }, h('div', { class: 'col' }, board, lines, charts), h('div', { class: 'col' }, alertsBox, adviceBox, whatIfBox)));

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
      reportsLink ? h('a', { class: 'link', href: reportsLink }, tr('今日报表 CSV', "Today's report (CSV)")) : null,
      h('a', { class: 'link', href: `/screen/${encodeURIComponent(hallId)}`, target: '_blank' }, t('screenLink')),
      h('span', { class: `conn conn-${conn}`, 'data-conn': conn, role: 'status' }, t(conn === 'live' ? 'live' : conn === 'connecting' ? 'connecting' : 'offline')),
      h('button', { class: 'lang', onclick: () => { setLang(prefs.lang === 'zh' ? 'en' : 'zh'); drawAll(); } }, t('langSwitch')),
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
    const series = (state?.categories ?? []).map((l, i) => ({ key: l.code, label: categoryName(l), color: COLORS[i % COLORS.length] }));
    render(charts,
      h('h2', {}, tr('今日排队人数', 'Line length today')),
      lineChart(samples.all(), series, { timeZone: state?.hall.timeZone }),
      h('div', { class: 'legend' }, series.map((s) => h('span', {}, h('i', { style: `background:${s.color}` }), s.label))),
    );
  }

  function drawAlerts(): void {
    render(alertsBox,
      h('h2', {}, tr('告警', 'Alerts'), h('span', { class: 'count' }, alerts.length)),
      alerts.length === 0 ? h('p', { class: 'none' }, tr('暂无告警', 'No open alerts')) : null,
      h('ul', {}, alerts.map((a) => h('li', { class: `alert level-${a.level}${a.acknowledgedAt ? ' acked' : ''}`, 'data-alert': a.id },
        h('div', {}, h('b', {}, levelText(a.level)), ' ', a.message,
          h('small', {}, ` ${new Date(a.escalatedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: state?.hall.timeZone })}`)),
        a.acknowledgedAt
          ? h('span', { class: 'acked-note' }, tr('已确认', 'Acknowledged'))
          : h('button', { onclick: () => void ack(a) }, tr('确认', 'Acknowledge')),
      ))),
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

  function drawAll(): void {
    drawHeader();
    drawBoard();
    drawCharts();
    drawAlerts();
    drawAdvice();
    drawWhatIf();
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

  async function ack(a: Alert): Promise<void> {
    try {
      onAlert({ type: 'acknowledged', alert: await api<Alert>(`${base}/alerts/${encodeURIComponent(a.id)}/ack`, { method: 'POST' }) });
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
    const added = samples.add(s.hall.serviceDay, s.at, Object.fromEntries(s.categories.map((l) => [l.code, l.waiting])));
    drawHeader();
    drawBoard();
    if (added || first) drawCharts();
    if (first) drawWhatIf();
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

  subscribeLive<{ at: number }>({ hall: hallId }, {
    snapshot: () => {
      refreshState();
      refreshSlow();
    },
    state: (s) => {
      conn = s;
      drawHeader();
    },
    refused: (error) => say({ kind: 'error', text: error }),
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
  setInterval(() => { refreshState(); refreshSlow(); }, 15_000);
  setInterval(() => {
    const now = clock.now();
    for (const el of board.querySelectorAll<HTMLElement>('[data-since]')) if (el.dataset.since) el.textContent = duration(now - Number(el.dataset.since));
  }, 1000);

  // Day reports belong to another part of hallq; linked when the api has them.
  void fetch(`/api${base}/reports/day.csv`, { method: 'HEAD' }).then((r) => {
    if (r.ok) {
      reportsLink = `/api${base}/reports/day.csv`;
      drawHeader();
    }
  }).catch(() => undefined);

  drawAll();
  void loadState().then(loadAdvice);
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
