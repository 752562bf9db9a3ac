import { api } from '../../shared/api';
import { h } from '../../shared/dom';
import { HallClock } from '../counter/console-common';
import '../counter/counter.css';
import { advicePanel } from './advice-panel';
import { alertsPanel } from './alerts-panel';
import { linesPanel, windowsPanel } from './board-panels';
import { chartsPanel } from './charts-panel';
import type { Desk } from './desk';
import { headerBar, messageBox } from './header-bar';
import { followHall, throttle } from './live-feeds';
import type { Advice, Board, Today } from './manager-types';
import { planPanel } from './plan-panel';
import { whatIfPanel } from './what-if-panel';
import './manager.css';

/**
 * The manager's desk (/manager/<hall>): windows and lines live, alerts to acknowledge, staffing advice
 * applied or dismissed with one click, a what-if panel, and today's line lengths. The /live hall
 * subscription says when something changed; the details (service start times, ids) come from the
 * REST board, advice and today's series, each read at most every few seconds. This file wires the
 * panels (one module each) to the desk they share and to the reads that fill it.
 */
export function managerPage(root: HTMLElement, hallId: string): void {
  document.body.classList.add('console-page', 'manager-page');
  const message = messageBox();
  const desk: Desk = {
    hallId,
    base: `/halls/${encodeURIComponent(hallId)}`,
    clock: new HallClock(),
    board: null,
    advice: null,
    alerts: [],
    today: null,
    conn: 'connecting',
    say: message.say,
  };

  const header = headerBar(desk, () => drawAll());
  const windows = windowsPanel(desk);
  const lines = linesPanel(desk);
  const charts = chartsPanel(desk);
  const plan = planPanel(desk);
  const alerts = alertsPanel(desk);
  const advice = advicePanel(desk, () => Promise.all([loadBoard(), loadAdvice()]));
  const whatIf = whatIfPanel(desk);
  root.replaceChildren(header.el, message.el, h('main', { class: 'manager' },
    h('div', { class: 'col' }, windows.el, lines.el, charts.el, plan.el),
    h('div', { class: 'col' }, alerts.el, advice.el, whatIf.el)));

  function drawAll(): void {
    for (const p of [header, windows, lines, charts, alerts, advice, whatIf, plan]) p.draw();
  }

  async function loadBoard(): Promise<void> {
    const b = await api<Board>(`${desk.base}/board`).catch(() => null);
    if (!b) return;
    const first = !desk.board;
    desk.board = b;
    desk.clock.sync(b.at);
    header.draw();
    windows.draw();
    lines.draw();
    // Alerts pushed before the first board arrived showed the bare category code until the next change.
    alerts.draw();
    whatIf.boardChanged(first);
  }
  async function loadToday(): Promise<void> {
    const d = await api<Today>(`${desk.base}/board/today`).catch(() => null);
    if (!d) return;
    desk.today = d;
    charts.draw();
  }
  async function loadAdvice(): Promise<void> {
    const a = await api<Advice>(`${desk.base}/advice`).catch(() => null);
    if (!a) return;
    desk.advice = a;
    advice.draw();
    windows.draw();
    lines.draw();
  }

  // The REST reads follow the live hall at most every 2 s (the board), 5 s (advice) and 10 s (today's
  // series), and every 15 s at least. Alerts are pushed (the manager feed).
  const refreshBoard = throttle(loadBoard, 2000);
  const refreshAdvice = throttle(loadAdvice, 5000);
  const refreshToday = throttle(loadToday, 10_000);
  const refreshAll = () => {
    refreshBoard();
    refreshAdvice();
    refreshToday();
  };
  followHall(desk, {
    changed: refreshAll,
    connChanged: () => header.draw(),
    alerts: (list) => {
      desk.alerts = list;
      alerts.draw();
    },
    alert: alerts.change,
  });
  setInterval(refreshAll, 15_000);
  setInterval(() => windows.tick(), 1000);

  drawAll();
  void loadBoard().then(() => Promise.all([loadAdvice(), loadToday(), plan.load()]));
  // The plan comes from history: once at start and every 10 minutes is plenty.
  setInterval(() => void plan.load(), 600_000);
}
