import { renderSVG } from 'uqr';
import { ApiError, issueTicket, type IssuedTicket } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { categoryName, t, waitRangeText, waitText } from '../../shared/i18n';
import { subscribeLive, type ConnectionState } from '../../shared/live-client';
import type { HallSnapshot, LiveLine } from '@hallq/contracts';
import { prefs, setLang, setLarge } from '../../shared/prefs';
import './kiosk.css';
import { credential, isAuthRefusal } from '../../shared/auth';

type View =
  | { name: 'home' }
  | { name: 'category'; code: string }
  | { name: 'issuing' }
  | { name: 'issued'; ticket: IssuedTicket }
  | { name: 'error'; message: string; retry: () => void };

/** Back to the category list after this long without a touch, so the next person starts fresh. */
const IDLE_MS = 45_000;
const AUTO_PRINT = new URLSearchParams(location.search).get('print') === 'auto';

/**
 * The kiosk (/kiosk/<hall>): categories with what to bring, a priority choice, the ticket with a QR code
 * to the phone page, and an 80 mm print layout. Live: it closes itself when the hall closes or a
 * category pauses, without a reload.
 */
export function kioskPage(root: HTMLElement, hallId: string): void {
  document.body.classList.add('kiosk-page');
  let snap: HallSnapshot | null = null;
  let conn: ConnectionState = 'connecting';
  let refused: string | null = null;
  let refusedAuth = false;
  let view: View = { name: 'home' };
  let idle: ReturnType<typeof setTimeout> | undefined;

  const go = (v: View) => {
    view = v;
    draw();
  };
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => view.name !== 'issuing' && go({ name: 'home' }), IDLE_MS);
  };

  const take = async (code: string, priority: 'normal' | 'priority') => {
    go({ name: 'issuing' });
    try {
      const ticket = await issueTicket(hallId, code, priority);
      go({ name: 'issued', ticket });
      // With a thermal printer, start the kiosk with ?print=auto and chromium --kiosk-printing.
      if (AUTO_PRINT) setTimeout(() => window.print(), 300);
    } catch (e) {
      const message = e instanceof ApiError && e.status < 500 ? e.text() : t('issueFailed');
      go({ name: 'error', message, retry: () => void take(code, priority) });
    }
  };

  const line = (code: string) => snap?.lines.find((l) => l.category.code === code);
  const closed = () => !!snap && (!snap.hall.isOpen || snap.lines.every((l) => !l.category.active));

  const header = () =>
    h('header', { class: 'kbar' },
      h('div', { class: 'hall-name' }, snap?.hall.name ?? ''),
      h('span', { class: `conn conn-${conn}`, 'data-conn': conn }, t(conn === 'live' ? 'live' : conn === 'connecting' ? 'connecting' : 'offline')),
      h('button', { class: 'toggle', onclick: () => (setLarge(!prefs.large), draw()), 'aria-pressed': String(prefs.large) }, t('large')),
      h('button', { class: 'toggle', onclick: () => (setLang(prefs.lang === 'zh' ? 'en' : 'zh'), draw()) }, t('langSwitch')),
    );

  const lineCard = (l: LiveLine) =>
    h('button', {
      class: 'cat-card', disabled: !l.category.active || !snap?.hall.isOpen, 'data-category': l.category.code,
      onclick: () => go({ name: 'category', code: l.category.code }),
    },
    h('span', { class: 'prefix' }, l.category.prefix),
    h('span', { class: 'cat-name' }, categoryName(l.category)),
    h('span', { class: 'cat-meta' },
      !l.category.active
        ? h('span', {}, t('paused'))
        : [
          h('span', {}, `${t('waitingCount')} ${l.waiting}${t('people')}`), ' · ',
          h('span', {}, l.openWindows ? waitText(l.waitNow?.expectedSec) : t('noWindowOpen')),
        ]),
    );

  const body = (): HTMLElement => {
    if (refused) {
      return h('main', { class: 'kmain center' },
        h('p', { class: 'big' }, refusedAuth ? t('deviceNotRegistered') : t('hallNotFound')),
        refusedAuth ? h('p', {}, t('deviceHowTo')) : null);
    }
    if (!snap) return h('main', { class: 'kmain center' }, h('p', { class: 'big' }, t('connecting')));
    if (view.name === 'issuing') return h('main', { class: 'kmain center' }, h('p', { class: 'big' }, t('issuing')));
    if (view.name === 'error') {
      return h('main', { class: 'kmain center' },
        h('p', { class: 'big error', role: 'alert' }, view.message),
        h('div', { class: 'actions' },
          h('button', { class: 'primary', onclick: view.retry }, t('retry')),
          h('button', { onclick: () => go({ name: 'home' }) }, t('back'))));
    }
    if (view.name === 'issued') return issuedView(view.ticket, snap.hall.timeZone, () => go({ name: 'home' }));
    if (closed()) {
      return h('main', { class: 'kmain center', 'data-testid': 'closed' },
        h('p', { class: 'big' }, t('closed')), h('p', {}, t('opens')(snap.hall.opensAt, snap.hall.closesAt)));
    }
    if (view.name === 'category') {
      const l = line(view.code);
      if (!l || !l.category.active) return (view = { name: 'home' }), body();
      const code = view.code;
      return h('main', { class: 'kmain' },
        h('h1', {}, h('span', { class: 'prefix' }, l.category.prefix), categoryName(l.category)),
        h('h2', {}, t('bring')),
        l.category.materials.length ? h('ul', { class: 'materials' }, l.category.materials.map((m) => h('li', {}, m))) : h('p', {}, t('nothingToBring')),
        h('p', { class: 'wait-line' }, `${t('waitingCount')} ${l.waiting}${t('people')} · ${t('waitNow')} ${waitText(l.waitNow?.expectedSec)}`),
        h('div', { class: 'actions' },
          h('button', { class: 'primary', 'data-testid': 'take-normal', onclick: () => void take(code, 'normal') }, t('normal')),
          // Priority tickets come only from a registered kiosk or staff (the api refuses them to anonymous callers).
          credential()
            ? h('button', { class: 'primary priority', 'data-testid': 'take-priority', onclick: () => void take(code, 'priority') }, t('priority'))
            : null,
          h('button', { onclick: () => go({ name: 'home' }) }, t('back'))),
      );
    }
    return h('main', { class: 'kmain' }, h('h1', {}, t('chooseService')), h('div', { class: 'cat-grid' }, snap.lines.map(lineCard)));
  };

  const draw = () => render(root, header(), body());

  subscribeLive<HallSnapshot>({ hall: hallId }, {
    snapshot: (s) => {
      snap = s;
      // Redraw only where a live change matters; never under a citizen's finger mid-issue.
      if (view.name === 'home' || view.name === 'category') draw();
    },
    state: (s) => {
      conn = s;
      draw();
    },
    refused: (error, code) => {
      refused = error;
      refusedAuth = isAuthRefusal(code);
      draw();
    },
  }, { staleAfterMs: 75_000 });

  lockKiosk(touch);
  touch();
  draw();
}

function issuedView(ticket: IssuedTicket, timeZone: string, done: () => void): HTMLElement {
  const url = `${location.origin}${ticket.trackPath}`;
  const qr = h('div', { class: 'qr', 'data-track': ticket.trackPath });
  qr.innerHTML = renderSVG(url, { border: 2, ecc: 'M' });
  // The hall's time, whatever the kiosk's own clock zone is set to.
  const issued = new Date(ticket.issuedAt).toLocaleString(prefs.lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone });
  return h('main', { class: 'kmain ticket', 'data-testid': 'ticket' },
    h('div', { class: 'slip' },
      h('div', { class: 'slip-hall' }, ticket.hallName),
      h('div', { class: 'slip-cat' }, categoryName({ nameZh: ticket.categoryNameZh, nameEn: ticket.categoryNameEn })),
      h('div', { class: 'slip-label' }, t('yourNumber')),
      h('div', { class: 'slip-number', 'data-testid': 'number' }, ticket.number),
      h('div', { class: 'slip-ahead' }, t('peopleAhead')(ticket.peopleAhead)),
      h('div', { class: 'slip-wait' }, `${t('expectedWait')} ${waitText(ticket.estimatedWait?.expectedSec)}`,
        ticket.estimatedWait ? h('small', {}, ` (${waitRangeText(ticket.estimatedWait)})`) : null),
      ticket.materials.length ? h('ul', { class: 'slip-materials' }, ticket.materials.map((m) => h('li', {}, m))) : null,
      qr,
      h('div', { class: 'slip-scan' }, t('scanToTrack')),
      h('div', { class: 'slip-time' }, `${t('printedAt')} ${issued}`),
    ),
    h('div', { class: 'actions no-print' },
      h('button', { onclick: () => window.print() }, t('print')),
      h('button', { class: 'primary', onclick: done }, t('done'))),
  );
}

/**
 * What a web page can do to keep a passer-by in: no context menu, selection, dragging, pinch zoom or
 * back navigation, and full screen on the first touch. The real lock is the browser's kiosk mode
 * (chromium --kiosk, see apps/display/README.md); this keeps the page itself from being left.
 */
function lockKiosk(onActivity: () => void): void {
  for (const ev of ['contextmenu', 'selectstart', 'dragstart', 'gesturestart']) document.addEventListener(ev, (e) => e.preventDefault());
  document.addEventListener('touchmove', (e) => (e as TouchEvent).touches.length > 1 && e.preventDefault(), { passive: false });
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || /^F\d+$/.test(e.key) || e.key === 'Escape') e.preventDefault();
  });
  history.pushState(null, '', location.href);
  window.addEventListener('popstate', () => history.pushState(null, '', location.href));
  for (const ev of ['pointerdown', 'keydown']) document.addEventListener(ev, onActivity);
  document.addEventListener('pointerdown', () => {
    if (!document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => undefined);
  });
}
