import { renderSVG } from 'uqr';
import { ApiError, api } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { prefs, setLang } from '../../shared/prefs';
import { signOut } from '../../shared/sign-in';
import { t } from '../../shared/i18n';
import './devices.css';

interface Device { id: string; kind: 'kiosk' | 'screen'; label: string; createdAt: number; createdBy: string; revokedAt: number | null }
interface Issued extends Device { token: string }

const tr = (zh: string, en: string) => (prefs.lang === 'zh' ? zh : en);

/**
 * /devices/<hall>: a manager registers the hall's kiosks and screens and revokes them. A new device's
 * link (with its token) is shown once, as text and QR code, to open on that device; it is not kept here.
 */
export function devicesPage(root: HTMLElement, hallId: string): void {
  document.body.classList.add('console-page', 'devices-page');
  const base = `/halls/${encodeURIComponent(hallId)}`;
  let devices: Device[] = [];
  let hallName = '';
  let issued: Issued | null = null;
  let message: { kind: 'ok' | 'error'; text: string } | null = null;

  const fail = (e: unknown) => {
    message = { kind: 'error', text: e instanceof ApiError ? e.text() : tr('操作失败，请重试', 'That failed; try again') };
    draw();
  };
  const load = async () => {
    try {
      devices = await api<Device[]>(`${base}/devices`);
      hallName = (await api<{ name: string }>(base)).name;
    } catch (e) {
      fail(e);
    }
    draw();
  };
  const linkOf = (d: Issued) => `${location.origin}/${d.kind}/${encodeURIComponent(hallId)}?device=${encodeURIComponent(d.token)}`;

  const register = async (ev: Event) => {
    ev.preventDefault();
    const data = new FormData(ev.target as HTMLFormElement);
    try {
      issued = await api<Issued>(`${base}/devices`, {
        method: 'POST',
        body: JSON.stringify({ kind: data.get('kind'), label: String(data.get('label') ?? '').trim() }),
      });
      message = null;
      (ev.target as HTMLFormElement).reset();
      await load();
    } catch (e) {
      fail(e);
    }
  };
  const revoke = async (d: Device) => {
    if (!confirm(tr(`停用「${d.label}」？它将立即断开，无法再使用。`, `Revoke "${d.label}"? It disconnects at once and stops working.`))) return;
    try {
      await api(`${base}/devices/${encodeURIComponent(d.id)}/revoke`, { method: 'POST' });
      message = { kind: 'ok', text: tr(`已停用「${d.label}」`, `"${d.label}" revoked`) };
      if (issued?.id === d.id) issued = null;
      await load();
    } catch (e) {
      fail(e);
    }
  };

  const kindText = (k: Device['kind']) => (k === 'kiosk' ? tr('取号机', 'Kiosk') : tr('叫号屏', 'Hall screen'));
  const time = (ms: number) => new Date(ms).toLocaleString(prefs.lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });

  function draw(): void {
    const qr = h('div', { class: 'qr' });
    if (issued) qr.innerHTML = renderSVG(linkOf(issued), { border: 2, ecc: 'M' });
    render(root,
      h('header', { class: 'bar' },
        h('div', { class: 'title' }, tr('设备管理', 'Devices'), h('small', {}, hallName)),
        h('a', { class: 'link', href: `/manager/${encodeURIComponent(hallId)}` }, tr('返回大厅管理', 'Back to the hall')),
        h('button', { class: 'lang', onclick: () => { setLang(prefs.lang === 'zh' ? 'en' : 'zh'); draw(); } }, t('langSwitch')),
        h('button', { class: 'sign-out', onclick: () => void signOut() }, t('signOut'))),
      message ? h('p', { class: `msg msg-${message.kind}`, role: message.kind === 'error' ? 'alert' : 'status' }, message.text) : null,
      h('main', { class: 'devices' },
        h('section', { class: 'panel' },
          h('h2', {}, tr('登记新设备', 'Register a device')),
          h('form', { class: 'register', onsubmit: (ev: Event) => void register(ev) },
            h('label', {}, tr('类型', 'Kind'),
              h('select', { name: 'kind', 'data-testid': 'device-kind' },
                h('option', { value: 'screen' }, kindText('screen')), h('option', { value: 'kiosk' }, kindText('kiosk')))),
            h('label', {}, tr('名称（位置）', 'Name (where it is)'),
              h('input', { name: 'label', required: true, maxlength: 100, placeholder: tr('例如：入口取号机', 'e.g. Entrance kiosk'), 'data-testid': 'device-label' })),
            h('button', { class: 'apply', type: 'submit', 'data-testid': 'device-register' }, tr('登记', 'Register'))),
          issued ? h('div', { class: 'issued', 'data-testid': 'device-issued' },
            h('p', {}, h('strong', {}, tr(`「${issued.label}」已登记。`, `"${issued.label}" is registered.`)), ' ',
              tr('在该设备上打开下面的链接（或扫码）。链接只显示这一次，请勿外传。', 'Open this link on that device (or scan it). It is shown only now; keep it private.')),
            h('div', { class: 'link-row' }, h('code', { 'data-testid': 'device-link' }, linkOf(issued)), qr)) : null),
        h('section', { class: 'panel' },
          h('h2', {}, tr('已登记设备', 'Registered devices'), h('span', { class: 'count' }, String(devices.filter((d) => !d.revokedAt).length))),
          devices.length === 0 ? h('p', { class: 'none' }, tr('还没有登记设备', 'No devices yet')) : h('table', {},
            h('thead', {}, h('tr', {},
              h('th', {}, tr('名称', 'Name')), h('th', {}, tr('类型', 'Kind')), h('th', {}, tr('登记', 'Registered')),
              h('th', {}, tr('状态', 'State')), h('th', {}, ''))),
            h('tbody', {}, devices.map((d) => h('tr', { 'data-device': d.label, class: d.revokedAt ? 'revoked' : '' },
              h('td', {}, d.label), h('td', {}, kindText(d.kind)), h('td', {}, `${time(d.createdAt)} · ${d.createdBy}`),
              h('td', {}, d.revokedAt ? `${tr('已停用', 'Revoked')} ${time(d.revokedAt)}` : tr('使用中', 'Active')),
              h('td', {}, d.revokedAt ? null : h('button', { onclick: () => void revoke(d), 'data-testid': 'device-revoke' }, tr('停用', 'Revoke')))))))),
      ));
  }

  draw();
  void load();
}
