import { api } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { categoryName, t, waitRangeText, waitText } from '../../shared/i18n';
import { subscribeLive, type ConnectionState } from '../../shared/live-client';
import type { CitizenTicket, TicketSnapshot } from '@hallq/contracts';
import { prefs, setLang, setLarge } from '../../shared/prefs';
import './ticket.css';

/**
 * The citizen's phone page (/t/<token>): live position and wait; "go to window 5" when called, with a
 * vibration and a notification where the browser allows them.
 */
export function ticketPage(root: HTMLElement, token: string): void {
  document.body.classList.add('ticket-page');
  let ticket: CitizenTicket | null = null;
  let conn: ConnectionState = 'connecting';
  let refused: string | null = null;
  let alertedFor = '';

  const alertCalled = (window: string, number: string) => {
    const key = `${number}@${window}`;
    if (alertedFor === key) return;
    alertedFor = key;
    navigator.vibrate?.([400, 200, 400, 200, 400]);
    if ('Notification' in globalThis && Notification.permission === 'granted') {
      try {
        new Notification(t('goToWindow')(window), { body: `${number} · ${t('calledHint')}`, tag: 'hallq-called' });
      } catch { /* mobile needs a service worker; the page itself still shows it */ }
    }
  };

  const statusBlock = (tk: CitizenTicket) => {
    switch (tk.status) {
      case 'waiting':
        return h('section', { class: 'status waiting', 'data-status': 'waiting' },
          h('div', { class: 'ahead', 'data-testid': 'ahead' }, t('peopleAhead')(tk.peopleAhead)),
          h('div', { class: 'wait' }, `${t('expectedWait')} ${waitText(tk.estimatedWait?.expectedSec)}`),
          tk.estimatedWait ? h('div', { class: 'range' }, waitRangeText(tk.estimatedWait)) : null);
      case 'called':
        return h('section', { class: 'status called', 'data-status': 'called', role: 'alert' },
          h('div', { class: 'go', 'data-testid': 'go' }, t('goToWindow')(tk.windowLabel ?? '?')),
          h('div', {}, t('calledHint')));
      case 'serving':
        return h('section', { class: 'status serving', 'data-status': 'serving' }, t('statusServing')(tk.windowLabel ?? '?'));
      case 'done':
        return h('section', { class: 'status final', 'data-status': 'done' }, t('statusDone'));
      case 'no_show':
        return h('section', { class: 'status final', 'data-status': 'no_show' }, t('statusNoShow'));
      case 'cancelled':
        return h('section', { class: 'status final', 'data-status': 'cancelled' }, t('statusCancelled'));
      default:
        return h('section', { class: 'status final', 'data-status': tk.status }, t('statusUnserved'));
    }
  };

  const draw = () => {
    render(root,
      h('header', { class: 'tbar' },
        h('div', { class: 'hall-name' }, ticket?.hallName ?? ''),
        h('span', { class: `conn conn-${conn}`, 'data-conn': conn }, t(conn === 'live' ? 'live' : conn === 'connecting' ? 'connecting' : 'offline'))),
      refused
        ? h('main', { class: 'tmain' }, h('p', { class: 'status final' }, t('ticketNotFound')))
        : !ticket
          ? h('main', { class: 'tmain' }, h('p', {}, t('connecting')))
          : h('main', { class: 'tmain' },
            h('div', { class: 'label' }, `${t('yourNumber')} · ${categoryName({ nameZh: ticket.categoryNameZh, nameEn: ticket.categoryNameEn })}`),
            h('div', { class: 'number', 'data-testid': 'number' }, ticket.number),
            statusBlock(ticket),
            h('div', { class: 'tools' },
              ticket.status === 'waiting' && 'Notification' in globalThis && Notification.permission === 'default'
                ? h('button', { onclick: () => void Notification.requestPermission().then(draw) }, t('notifyMe')) : null,
              h('button', { onclick: () => (setLarge(!prefs.large), draw()), 'aria-pressed': String(prefs.large) }, t('large')),
              h('button', { onclick: () => (setLang(prefs.lang === 'zh' ? 'en' : 'zh'), draw()) }, t('langSwitch')),
              ticket.status === 'waiting'
                ? h('button', { class: 'cancel', onclick: () => void cancel() }, t('cancelTicket')) : null)),
    );
  };

  const cancel = async () => {
    if (!confirm(t('confirmCancel'))) return;
    await api(`/tickets/${encodeURIComponent(token)}/cancel`, { method: 'POST' }).catch(() => undefined);
  };

  subscribeLive<TicketSnapshot>({ ticket: token }, {
    snapshot: (s) => {
      ticket = s.ticket;
      if (ticket.status === 'called' && ticket.windowLabel) alertCalled(ticket.windowLabel, ticket.number);
      draw();
    },
    called: (e) => {
      // Sent to this ticket's room the moment it is called; the snapshot with it follows shortly.
      if (ticket && e.number === ticket.number) {
        ticket = { ...ticket, status: 'called', windowLabel: e.window, windowId: e.windowId, peopleAhead: 0, estimatedWait: null };
        alertCalled(e.window, e.number);
        draw();
      }
    },
    state: (s) => {
      conn = s;
      draw();
    },
    refused: (error) => {
      refused = error;
      draw();
    },
  });
  draw();
}
