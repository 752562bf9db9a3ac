import { api } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { prefs } from '../../shared/prefs';
import { errorText, tr } from '../counter/console-common';
import type { Desk, Panel } from './desk';
import type { AdviceAction } from './manager-types';

/**
 * Staffing advice: the headlines, and each action with Apply and Dismiss (both logged by the api).
 * After an apply the board and advice are read again (`reload`); a dismissed action just leaves the list.
 */
export function advicePanel(desk: Desk, reload: () => Promise<unknown>): Panel {
  const el = h('section', { class: 'panel advice', 'data-testid': 'advice' });
  const inLang = (x: { zh: string; en: string }) => (prefs.lang === 'zh' ? x.zh : x.en);

  const draw = () => {
    const heads = (desk.advice?.categories ?? []).filter((c) => c.headline);
    render(el,
      h('h2', {}, tr('调度建议', 'Staffing advice')),
      heads.length === 0 ? h('p', { class: 'none' }, tr('当前窗口配置合适', 'The windows fit the load')) : null,
      heads.map((c) => h('p', { class: 'headline', 'data-testid': 'headline' }, inLang(c.headline!))),
      h('ul', {}, (desk.advice?.actions ?? []).map((a) => h('li', { class: `action kind-${a.kind}`, 'data-window': a.windowLabel },
        h('span', {}, inLang(a.message)),
        h('span', { class: 'buttons' },
          h('button', { class: 'apply', 'data-testid': 'apply', onclick: () => void apply(a) }, tr('执行', 'Apply')),
          h('button', { class: 'dismiss', onclick: () => void dismiss(a) }, tr('忽略', 'Dismiss'))),
      ))),
    );
  };

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
