import { h, render } from '../../shared/dom';
import { t } from '../../shared/i18n';
import { prefs, setLang } from '../../shared/prefs';
import { signOut } from '../../shared/sign-in';
import { tr } from '../counter/console-common';
import type { Desk, Message, Panel } from './desk';

/** The top bar: the hall's name, links to the report, devices and screen, the connection, language, sign-out. */
export function headerBar(desk: Desk, onLangChange: () => void): Panel {
  const el = h('header', { class: 'bar' });
  const hall = encodeURIComponent(desk.hallId);
  const connText = () => t(desk.conn === 'live' ? 'live' : desk.conn === 'connecting' ? 'connecting' : 'offline');
  const switchLang = () => {
    setLang(prefs.lang === 'zh' ? 'en' : 'zh');
    onLangChange();
  };
  const draw = () => render(el,
    h('div', { class: 'title' }, tr('大厅管理', 'Hall manager'), h('small', {}, desk.board?.hall.name ?? '')),
    h('a', { class: 'link', href: `/report/${hall}`, 'data-testid': 'report-link' }, tr('日报表', 'Day report')),
    h('a', { class: 'link', href: `/devices/${hall}`, 'data-testid': 'devices-link' }, tr('设备', 'Devices')),
    h('a', { class: 'link', href: `/screen/${hall}`, target: '_blank' }, t('screenLink')),
    h('span', { class: `conn conn-${desk.conn}`, 'data-conn': desk.conn, role: 'status' }, connText()),
    h('button', { class: 'lang', onclick: switchLang }, t('langSwitch')),
    h('button', { class: 'sign-out', 'data-testid': 'sign-out', onclick: () => void signOut() }, t('signOut')),
  );
  return { el, draw };
}

/** The message line under the bar; `say(null)` clears it. */
export function messageBox(): { el: HTMLElement; say(m: Message): void } {
  const el = h('div');
  const say = (m: Message) => render(el, m
    ? h('p', { class: `msg msg-${m.kind}`, role: m.kind === 'error' ? 'alert' : 'status', 'data-testid': 'message' }, m.text)
    : null);
  return { el, say };
}
