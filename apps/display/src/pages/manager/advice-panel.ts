import { api } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { prefs } from '../../shared/prefs';
import { errorText, tr } from '../counter/console-common';
import type { Desk, Panel } from './desk';
import type { AdviceAction, Staff } from './manager-types';

/**
 * Staffing advice: today's clerks on duty (the manager sets it; the advice opens no more windows), the
 * headlines (a short one in alarm colours, more or fewer windows in calmer ones, a calm line when nothing
 * is to change), and each action with Apply and Dismiss (both logged by the api). After an apply the board
 * and advice are read again (`reload`); a dismissed action just leaves the list.
 */
export function advicePanel(desk: Desk, reload: () => Promise<unknown>): Panel {
  const el = h('section', { class: 'panel advice', 'data-testid': 'advice' });
  const inLang = (x: { zh: string; en: string }) => (prefs.lang === 'zh' ? x.zh : x.en);
  /** The count being typed, kept across redraws until it is saved. */
  let draft: string | null = null;

  const draw = () => {
    const heads = (desk.advice?.categories ?? []).filter((c) => c.headline);
    const calm = desk.advice && heads.length === 0 && desk.advice.actions.length === 0;
    render(el,
      h('h2', {}, tr('调度建议', 'Staffing advice')),
      desk.advice?.staff ? staffLine(desk.advice.staff) : null,
      calm ? h('p', { class: 'calm', 'data-testid': 'calm' }, tr('窗口安排与客流相符，无需调整', 'The windows fit the load: no change needed')) : null,
      heads.map((c) => h('p', { class: `headline kind-${c.headlineKind ?? 'more'}`, 'data-testid': 'headline' }, inLang(c.headline!))),
      h('ul', {}, (desk.advice?.actions ?? []).map((a) => h('li', { class: `action kind-${a.kind}`, 'data-window': a.windowLabel },
        h('span', {}, inLang(a.message)),
        h('span', { class: 'buttons' },
          h('button', { class: 'apply', 'data-testid': 'apply', onclick: () => void apply(a) }, tr('执行', 'Apply')),
          h('button', { class: 'dismiss', onclick: () => void dismiss(a) }, tr('忽略', 'Dismiss'))),
      ))),
    );
  };

  function staffLine(s: Staff): HTMLElement {
    const input = h('input', {
      type: 'number', min: '0', max: String(s.windowsInHall), value: draft ?? String(s.clerksOnDuty), 'aria-label': tr('今日在岗人数', 'Clerks on duty today'),
      'data-testid': 'clerks-on-duty', oninput: (e: Event) => { draft = (e.target as HTMLInputElement).value; },
    }) as HTMLInputElement;
    return h('p', { class: 'staff' },
      h('label', {}, tr('今日在岗', 'Clerks on duty today'), ' ', input),
      h('span', {}, tr(` / ${s.windowsInHall} 个窗口 · 开放 ${s.open} 个，可再开 ${s.spare} 个`,
        ` / ${s.windowsInHall} windows · ${s.open} open, ${s.spare} more can open`)),
      h('button', { onclick: () => void saveStaff(input.value) }, tr('保存', 'Save')));
  }

  async function saveStaff(value: string): Promise<void> {
    try {
      await api(`${desk.base}/staff`, { method: 'PUT', body: JSON.stringify({ clerksOnDuty: Number(value) }) });
      draft = null;
      desk.say({ kind: 'ok', text: tr(`今日在岗人数已设为 ${value}`, `Clerks on duty today: ${value}`) });
    } catch (e) {
      desk.say({ kind: 'error', text: errorText(e) });
    }
    await reload();
  }

  async function apply(a: AdviceAction): Promise<void> {
    try {
      await api(`${desk.base}/advice/apply`, { method: 'POST', body: JSON.stringify(actionBody(a)) });
      desk.say({ kind: 'ok', text: tr(`已执行：${a.message.zh}`, `Applied: ${a.message.en}`) });
    } catch (e) {
      desk.say({ kind: 'error', text: errorText(e) });
    }
    await reload();
  }

  async function dismiss(a: AdviceAction): Promise<void> {
    try {
      await api(`${desk.base}/advice/dismiss`, { method: 'POST', body: JSON.stringify(actionBody(a)) });
      if (desk.advice) desk.advice.actions = desk.advice.actions.filter((x) => x !== a);
      desk.say({ kind: 'ok', text: tr('已忽略该建议（已记录）', 'Dismissed (logged)') });
      draw();
    } catch (e) {
      desk.say({ kind: 'error', text: errorText(e) });
    }
  }

  return { el, draw };
}

/** The action as the api takes it back: without its words and label. */
function actionBody(a: AdviceAction) {
  return { kind: a.kind, windowId: a.windowId, category: a.category, fromCategory: a.fromCategory, categories: a.categories };
}
