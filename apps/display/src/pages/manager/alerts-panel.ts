import { api } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { categoryName } from '../../shared/i18n';
import { errorText, tr } from '../counter/console-common';
import type { Desk, Panel } from './desk';
import type { Alert } from './manager-types';

/** One pushed change of the manager feed (or an acknowledgement made here). */
export interface AlertChange { type: string; alert: Alert }

const LEVELS: Record<string, [string, string]> = {
  predicted_over: ['预计超时', 'Predicted over target'],
  over: ['已超时', 'Over target'],
  over_twice: ['超时两倍', 'Over twice the target'],
  ping_pong: ['反复转办', 'Passed back and forth'],
};
const levelText = (level: string): string => (LEVELS[level] ? tr(...LEVELS[level]) : level);
const rank = (level: string) => ['over_twice', 'over', 'predicted_over', 'ping_pong'].indexOf(level);

/**
 * Line alerts (and tickets passed back and forth) one by one, worst first; late tickets grouped by level
 * on one row each ("超时两倍 · 12 张：A044 A043 …"), so thirty late tickets do not bury the line alert.
 * The list is the manager feed's (`desk.alerts`): `change` applies one pushed change and redraws.
 */
export function alertsPanel(desk: Desk): Panel & { change(e: AlertChange): void } {
  const el = h('section', { class: 'panel alerts', 'data-testid': 'alerts' });

  const draw = () => {
    const alerts = desk.alerts;
    const byLine = alerts.filter((a) => a.scope !== 'ticket').sort((x, y) => rank(x.level) - rank(y.level) || y.escalatedAt - x.escalatedAt);
    const tickets = alerts.filter((a) => a.scope === 'ticket');
    const groups = ['over_twice', 'over', 'predicted_over']
      .map((l) => ({ level: l, list: tickets.filter((a) => a.level === l) }))
      .filter((g) => g.list.length);
    const unacked = alerts.filter((a) => !a.acknowledgedAt).length;
    render(el,
      h('h2', {}, tr('告警', 'Alerts'), h('span', { class: 'count', title: tr('未确认', 'not acknowledged') }, unacked)),
      alerts.length === 0 ? h('p', { class: 'none' }, tr('暂无告警', 'No open alerts')) : null,
      h('ul', {},
        byLine.map((a) => h('li', { class: `alert level-${a.level}${a.acknowledgedAt ? ' acked' : ''}`, 'data-alert': a.id },
          h('div', {}, h('b', {}, levelText(a.level)), ' ', h('span', { class: 'what' }, lineText(a)),
            h('small', { title: a.message }, ` ${clock(a.escalatedAt)}`)),
          a.acknowledgedAt
            ? h('span', { class: 'acked-note' }, tr('已确认', 'Acknowledged'))
            : h('button', { onclick: () => void ack([a]) }, tr('确认', 'Acknowledge')),
        )),
        groups.map((g) => {
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
  };

  const clock = (x: number) =>
    new Date(x).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: desk.board?.hall.timeZone });
  /** A line alert reads its line from the board ("企业开办：排队 20 人，4 个窗口"); the bare code before the board is in. */
  const lineText = (a: Alert) => {
    if (a.scope === 'transfers') return tr(`${a.subject} 被反复转办`, `${a.subject} passed back and forth`);
    const c = desk.board?.categories.find((x) => x.code === a.subject);
    if (!c) return a.subject;
    return `${categoryName(c)}${tr('：', ': ')}${tr(`排队 ${c.waiting} 人，${c.openWindows} 个窗口`, `${c.waiting} waiting, ${c.openWindows} windows`)}`;
  };

  /** Raised, escalated or acknowledged replace the alert in the list; cleared removes it. */
  const change = (e: AlertChange) => {
    const rest = desk.alerts.filter((x) => x.id !== e.alert.id);
    desk.alerts = e.type === 'cleared' ? rest : [e.alert, ...rest].sort((x, y) => y.escalatedAt - x.escalatedAt);
    draw();
  };

  async function ack(list: Alert[]): Promise<void> {
    try {
      for (const a of list) {
        change({ type: 'acknowledged', alert: await api<Alert>(`${desk.base}/alerts/${encodeURIComponent(a.id)}/ack`, { method: 'POST' }) });
      }
    } catch (e) {
      desk.say({ kind: 'error', text: errorText(e) });
    }
  }

  return { el, draw, change };
}
