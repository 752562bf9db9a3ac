import { api } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { categoryName, t } from '../../shared/i18n';
import { subscribeLive, type ConnectionState } from '../../shared/live-client';
import type { LiveHall, LiveLine, PublicTicket } from '@hallq/contracts';
import { prefs, setLang } from '../../shared/prefs';
import { duration, errorText, HallClock, stateText, tr } from './console-common';
import { openDialog, type DialogField } from './dialog';
import './counter.css';
import { needsSignIn } from '../../shared/auth';
import { signOut } from '../../shared/sign-in';

/** The /live window view (docs/live.md): the window, its lines, the tickets it may call. */
interface CounterTicket extends PublicTicket { targetWindowId: string | null }
interface WindowSnapshot {
  seq: number;
  at: number;
  hall: LiveHall;
  window: { id: string; label: string; state: string; pauseReason: string | null; categories: string[]; current: CounterTicket | null };
  lines: LiveLine[];
  waiting: CounterTicket[];
}
interface HallInfo { categories: { code: string; nameZh: string; nameEn: string }[]; windows: { id: string; label: string }[] }
interface StateTicket { number: string; startedAt: number | null }

type Action = 'call-next' | 'call' | 'recall' | 'start' | 'finish' | 'no-show' | 'transfer' | 'pause' | 'resume' | 'open' | 'close';

/** Each action: its key (shown on the button), its words, when it makes sense. */
const ACTIONS: { action: Action; key: string; zh: string; en: string; primary?: boolean }[] = [
  { action: 'call-next', key: 'N', zh: '叫下一位', en: 'Call next', primary: true },
  { action: 'recall', key: 'R', zh: '重呼', en: 'Recall' },
  { action: 'start', key: 'S', zh: '开始办理', en: 'Start', primary: true },
  { action: 'finish', key: 'F', zh: '办结', en: 'Finish', primary: true },
  { action: 'no-show', key: 'X', zh: '过号', en: 'No-show' },
  { action: 'transfer', key: 'T', zh: '转办', en: 'Transfer' },
  { action: 'call', key: 'C', zh: '选号呼叫', en: 'Call chosen' },
  { action: 'pause', key: 'P', zh: '暂停', en: 'Pause' },
  { action: 'resume', key: 'U', zh: '恢复', en: 'Resume' },
  { action: 'open', key: 'O', zh: '开窗', en: 'Open' },
  { action: 'close', key: 'Q', zh: '关窗', en: 'Close' },
];

/**
 * The counter (/counter/<hall>/<window>): what a window clerk needs at the desk. The current ticket
 * big, who may be called next, and every action as a button with a one-key shortcut. Live through the
 * /live `{window}` subscription; while that is down it polls the hall state instead.
 */
export function counterPage(root: HTMLElement, hallId: string, windowId: string): void {
  document.body.classList.add('console-page', 'counter-page');
  const clock = new HallClock();
  let snap: WindowSnapshot | null = null;
  let info: HallInfo | null = null;
  let conn: ConnectionState = 'connecting';
  let refused: string | null = null;
  let message: { kind: 'error' | 'ok'; text: string } | null = null;
  let busy = false;
  let dialogOpen = false;
  // Service start times are not in the public ticket view: learned from /state, or seen happening.
  const startedAt = new Map<string, number>();

  const main = h('div', { class: 'counter' });
  const dialogHost = h('div');
  root.replaceChildren(main, dialogHost);

  const base = `/halls/${encodeURIComponent(hallId)}`;
  const act = (a: Action, body?: unknown) =>
    api<{ number?: string } | null>(`${base}/windows/${encodeURIComponent(windowId)}/${a}`, { method: 'POST', body: body ? JSON.stringify(body) : undefined });

  const enabled = (a: Action): boolean => {
    if (!snap) return false;
    const w = snap.window;
    const cur = w.current;
    switch (a) {
      case 'call-next': case 'call': return w.state === 'open' && !cur;
      case 'recall': case 'no-show': return cur?.status === 'called';
      case 'start': return cur?.status === 'called';
      case 'finish': return cur?.status === 'serving';
      case 'transfer': return !!cur;
      case 'pause': return w.state === 'open';
      case 'resume': return w.state === 'paused';
      case 'open': return w.state === 'closed';
      case 'close': return w.state !== 'closed';
    }
  };

  async function run(a: Action): Promise<void> {
    if (busy || dialogOpen || !enabled(a)) return;
    let body: unknown;
    if (a === 'call') {
      const chosen = await askCallChosen();
      if (!chosen) return;
      body = chosen;
    } else if (a === 'transfer') {
      const to = await askTransfer();
      if (!to) return;
      body = to;
    } else if (a === 'pause') {
      const v = await ask(tr('暂停窗口', 'Pause the window'), [{
        name: 'reason', label: tr('原因', 'Reason'),
        options: [tr('午休', 'Lunch break'), tr('系统故障', 'System down'), tr('临时离开', 'Away briefly')],
      }]);
      if (!v) return;
      body = { reason: v.reason };
    }
    busy = true;
    try {
      const r = await act(a, body);
      if (a === 'call-next' && !r) message = { kind: 'ok', text: tr('没有等候的号', 'Nobody is waiting') };
      else if (r && 'number' in r && r.number && (a === 'call-next' || a === 'call' || a === 'recall')) {
        message = { kind: 'ok', text: tr(`已呼叫 ${r.number}`, `Called ${r.number}`) };
      } else message = null;
      if (a === 'start' && snap?.window.current) startedAt.set(snap.window.current.number, clock.now());
    } catch (e) {
      message = { kind: 'error', text: errorText(e) };
    } finally {
      busy = false;
    }
    draw();
  }

  /** Dialogs keep the keyboard while open; shortcuts resume when they close. */
  async function ask(title: string, fields: DialogField[]) {
    dialogOpen = true;
    try {
      return await openDialog(dialogHost, title, fields);
    } finally {
      dialogOpen = false;
    }
  }

  async function askCallChosen(number?: string) {
    const options = (snap?.waiting ?? []).map((x) => x.number);
    const v = await ask(tr('选号呼叫（不按顺序）', 'Call a chosen ticket (out of order)'), [
      { name: 'number', label: tr('号码', 'Number'), value: number ?? options[0] ?? '', options },
      {
        name: 'reason', label: tr('原因（记录在案）', 'Reason (logged)'),
        options: [tr('预约到号', 'Appointment due'), tr('补充材料回来', 'Back with documents'), tr('老弱病残孕', 'Needs priority help')],
      },
    ]);
    return v ? { number: v.number.trim().toUpperCase(), reason: v.reason } : null;
  }

  async function askTransfer() {
    info ??= await api<HallInfo>(base).catch(() => null);
    const cats = info?.categories ?? [];
    const wins = (info?.windows ?? []).filter((w) => w.id !== windowId);
    const choices = [
      ...cats.map((c) => ({ value: `category:${c.code}`, label: tr(`类别：${c.nameZh}`, `Category: ${c.nameEn}`) })),
      ...wins.map((w) => ({ value: `window:${w.id}`, label: t('toWindow')(w.label) })),
    ];
    const v = await ask(tr('转办到', 'Transfer to'), [{ name: 'to', label: tr('转到', 'To'), choices }]);
    if (!v) return null;
    const [kind, id] = [v.to.slice(0, v.to.indexOf(':')), v.to.slice(v.to.indexOf(':') + 1)];
    return kind === 'window' ? { window: id } : { category: id };
  }

  const catName = (code: string) => {
    const l = snap?.lines.find((x) => x.category.code === code) ?? null;
    const c = l?.category ?? info?.categories.find((x) => x.code === code);
    return c ? categoryName(c) : code;
  };

  function draw(): void {
    const w = snap?.window;
    const cur = w?.current ?? null;
    const now = clock.now();
    render(
      main,
      h('header', { class: 'bar' },
        h('div', { class: 'title' }, w ? t('toWindow')(w.label) : '…', h('small', {}, snap?.hall.name ?? '')),
        w
          ? h('span', { class: `badge state-${w.state}`, 'data-testid': 'window-state' }, stateText(w.state), w.pauseReason ? ` · ${w.pauseReason}` : '')
          : null,
        h('span', { class: `conn conn-${conn}`, 'data-conn': conn, role: 'status' },
          t(conn === 'live' ? 'live' : conn === 'connecting' ? 'connecting' : 'offline')),
        h('button', { class: 'lang', onclick: () => { setLang(prefs.lang === 'zh' ? 'en' : 'zh'); draw(); } }, t('langSwitch')),
        h('button', { class: 'sign-out', 'data-testid': 'sign-out', onclick: () => void signOut() }, t('signOut')),
      ),
      refused ? h('p', { class: 'msg msg-error', role: 'alert' }, refused) : null,
      h('section', { class: `current${cur ? ` status-${cur.status}` : ' empty'}`, 'data-testid': 'current' },
        cur
          ? [
            h('div', { class: 'num', 'data-testid': 'current-number' }, cur.number),
            h('div', { class: 'cat' }, catName(cur.category), cur.priority === 'priority' ? h('span', { class: 'prio' }, tr('优先', 'Priority')) : null,
              cur.recallCount ? h('span', { class: 'recalls' }, tr(`已重呼 ${cur.recallCount} 次`, `recalled ${cur.recallCount}×`)) : null),
            h('dl', {},
              h('dt', {}, tr('状态', 'Status')), h('dd', {}, cur.status === 'serving' ? tr('办理中', 'Serving') : tr('已呼叫，等候到窗', 'Called, coming')),
              h('dt', {}, tr('等候', 'Waited')),
              h('dd', { 'data-since': cur.issuedAt, 'data-until': cur.calledAt ?? '' }, duration((cur.calledAt ?? now) - cur.issuedAt)),
              cur.status === 'serving' && startedAt.has(cur.number)
                ? [h('dt', {}, tr('办理用时', 'In service')), h('dd', { 'data-since': startedAt.get(cur.number)! }, duration(now - startedAt.get(cur.number)!))]
                : cur.calledAt ? [h('dt', {}, tr('呼叫后', 'Since call')), h('dd', { 'data-since': cur.calledAt }, duration(now - cur.calledAt))] : null,
            ),
          ]
          : h('div', { class: 'idle' }, w?.state === 'open' ? tr('空闲：按 N 叫下一位', 'Free: press N to call next') : tr('窗口未开放', 'Window not open')),
      ),
      message
        ? h('p', { class: `msg msg-${message.kind}`, role: message.kind === 'error' ? 'alert' : 'status', 'data-testid': 'message' }, message.text)
        : null,
      h('section', { class: 'actions' },
        ACTIONS.map((a) => h('button', {
          class: `act${a.primary ? ' primary' : ''}`, 'data-action': a.action, disabled: !enabled(a.action) || busy,
          'aria-keyshortcuts': a.key, title: `${tr(a.zh, a.en)} (${a.key})`, onclick: () => void run(a.action),
        }, h('kbd', {}, a.key), tr(a.zh, a.en))),
      ),
      h('section', { class: 'next' },
        h('h2', {}, tr('等候本窗口', 'Waiting for this window'), h('span', { class: 'count', 'data-testid': 'waiting-count' }, snap ? snap.waiting.length : '')),
        h('div', { class: 'lines' }, (snap?.lines ?? []).map((l) => h('span', {}, `${l.category.prefix} ${categoryName(l.category)} ${l.waiting}`))),
        h('ol', { 'data-testid': 'next' },
          (snap?.waiting ?? []).slice(0, 12).map((x) => h('li', {},
            h('span', { class: 'n' }, x.number),
            h('span', { class: 'c' }, catName(x.category),
              x.priority === 'priority' ? h('span', { class: 'prio' }, tr('优先', 'Priority')) : null,
              x.targetWindowId ? h('span', { class: 'prio' }, tr('转本窗', 'to this window')) : null),
            h('span', { class: 'w', 'data-since': x.issuedAt }, duration(now - x.issuedAt)),
            h('button', {
              class: 'pick', disabled: !enabled('call') || busy, title: tr('不按顺序呼叫此号', 'Call this one out of order'),
              onclick: async () => {
                if (busy || dialogOpen) return;
                const chosen = await askCallChosen(x.number);
                if (!chosen) return;
                busy = true;
                try {
                  await act('call', chosen);
                  message = { kind: 'ok', text: tr(`已呼叫 ${chosen.number}`, `Called ${chosen.number}`) };
                } catch (e) {
                  message = { kind: 'error', text: errorText(e) };
                } finally { busy = false; }
                draw();
              },
            }, tr('呼叫', 'Call')),
          ))),
      ),
    );
  }

  // Elapsed times tick in place, so a re-render never swallows a click.
  setInterval(() => {
    const now = clock.now();
    for (const el of main.querySelectorAll<HTMLElement>('[data-since]')) {
      const until = Number(el.dataset.until) || now;
      el.textContent = duration(until - Number(el.dataset.since));
    }
  }, 1000);

  document.addEventListener('keydown', (e) => {
    if (dialogOpen || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
    if ((e.target as HTMLElement | null)?.closest('input, select, textarea')) return;
    const a = ACTIONS.find((x) => x.key === e.key.toUpperCase());
    if (!a) return;
    e.preventDefault();
    void run(a.action);
  });

  const onSnapshot = (s: WindowSnapshot) => {
    clock.sync(s.at);
    const prev = snap?.window.current;
    snap = s;
    const cur = s.window.current;
    // Seen becoming "serving" here (another device, or a missed answer): its start is about now.
    if (cur?.status === 'serving' && !startedAt.has(cur.number) && prev?.number === cur.number && prev.status === 'called') startedAt.set(cur.number, s.at);
    if (cur?.status === 'serving' && !startedAt.has(cur.number)) void learnStarts();
    draw();
  };

  /** Start times from the hall state (REST), for a ticket that was already in service when the page opened. */
  async function learnStarts(): Promise<void> {
    const st = await api<{ windows: { id: string; current: StateTicket | null }[] }>(`${base}/state`).catch(() => null);
    const c = st?.windows.find((x) => x.id === windowId)?.current;
    if (c?.startedAt) {
      startedAt.set(c.number, c.startedAt);
      draw();
    }
  }

  /** While /live is down, the hall state every 5 s keeps the counter usable. */
  async function poll(): Promise<void> {
    if (conn === 'live') return;
    const st = await api<{ at: number; hall: LiveHall; lines: LiveLine[]; windows: (WindowSnapshot['window'])[]; waiting: CounterTicket[] }>(`${base}/state`)
      .catch(() => null);
    if (!st || (conn as ConnectionState) === 'live') return; // came back while we asked
    const win = st.windows.find((x) => x.id === windowId);
    if (!win) return;
    const lines = win.categories.map((c) => st.lines.find((l) => l.category.code === c)).filter((l): l is LiveLine => !!l);
    const waiting = st.waiting.filter((x) => (x.targetWindowId ? x.targetWindowId === windowId : win.categories.includes(x.category)));
    onSnapshot({ seq: snap?.seq ?? 0, at: st.at, hall: st.hall, window: win, lines, waiting });
  }
  setInterval(() => void poll(), 5000);

  subscribeLive<WindowSnapshot>({ window: windowId }, {
    snapshot: onSnapshot,
    state: (s) => {
      conn = s;
      if (s === 'live') refused = null;
      draw();
    },
    refused: (error, code) => {
      if (needsSignIn(code)) return void signOut(); // signed out elsewhere or no longer this window's clerk
      refused = error;
      draw();
    },
  });
  void api<HallInfo>(base).then((x) => (info = x)).catch(() => undefined);
  draw();
}
