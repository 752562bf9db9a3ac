import { api } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { errorText, minutesText, stateText, tr } from '../counter/console-common';
import { categoryLabel, type Desk, type Panel } from './desk';
import type { WhatIfResult } from './manager-types';

type Setup = { state: string; categories: string[] };

/**
 * What if: the manager drafts windows' states and categories and sees the effect on each line's wait;
 * nothing changes in the hall. The draft (window id -> proposed setup) is kept apart from the live board.
 */
export function whatIfPanel(desk: Desk): Panel & { boardChanged(first: boolean): void } {
  const el = h('section', { class: 'panel whatif', 'data-testid': 'what-if' });
  const draft = new Map<string, Setup>();
  let result: WhatIfResult | null = null;
  let error: string | null = null;
  let windowsShape = '';

  const reset = () => {
    draft.clear();
    result = null;
    error = null;
    draw();
  };

  function draw(): void {
    const board = desk.board;
    const codes = (board?.categories ?? []).map((l) => l.code);
    render(el,
      h('h2', {}, tr('假如调整（不会生效）', 'What if (nothing changes)')),
      h('table', { class: 'wi' },
        h('tbody', {}, (board?.windows ?? []).map((w) => {
          const d = draft.get(w.id) ?? { state: w.state, categories: w.categories };
          const set = (next: Partial<Setup>) => {
            draft.set(w.id, { ...d, ...next });
            draw();
          };
          const toggle = (code: string) => (e: Event) =>
            set({ categories: (e.target as HTMLInputElement).checked ? [...d.categories, code] : d.categories.filter((x) => x !== code) });
          return h('tr', { class: draft.has(w.id) && differs(d, w) ? 'changed' : '' },
            h('td', { class: 'label' }, w.label),
            h('td', {}, h('select', { 'aria-label': `${w.label} state`, onchange: (e: Event) => set({ state: (e.target as HTMLSelectElement).value }) },
              ['open', 'paused', 'closed'].map((s) => h('option', { value: s, selected: s === d.state }, stateText(s))))),
            h('td', { class: 'cats' }, codes.map((code) => h('label', {},
              h('input', { type: 'checkbox', checked: d.categories.includes(code), onchange: toggle(code) }),
              board?.categories.find((c) => c.code === code)?.prefix ?? code))),
          );
        })),
      ),
      h('div', { class: 'buttons' },
        h('button', { onclick: reset }, tr('重置', 'Reset')),
        h('button', { class: 'apply', onclick: () => void run() }, tr('计算影响', 'Show the effect'))),
      error ? h('p', { class: 'msg msg-error' }, error) : null,
      result ? resultTable(result, (code) => categoryLabel(board, code)) : null,
    );
  }

  async function run(): Promise<void> {
    const windows = (desk.board?.windows ?? [])
      .filter((w) => draft.has(w.id) && differs(draft.get(w.id)!, w))
      .map((w) => ({ windowId: w.id, state: draft.get(w.id)!.state, categories: draft.get(w.id)!.categories }));
    if (!windows.length) {
      error = tr('先改变一个窗口的状态或事项', "Change a window's state or services first");
      result = null;
      return draw();
    }
    try {
      result = await api<WhatIfResult>(`${desk.base}/what-if`, { method: 'POST', body: JSON.stringify({ windows }) });
      error = null;
    } catch (e) {
      error = errorText(e);
      result = null;
    }
    draw();
  }

  /**
   * The table starts from the windows as they are: redrawn when they change (advice applied here or
   * elsewhere), unless the manager is drafting a change.
   */
  const boardChanged = (first: boolean) => {
    const shape = (desk.board?.windows ?? []).map((w) => `${w.id}:${w.state}:${w.categories.join(',')}`).join('|');
    if (first || (shape !== windowsShape && draft.size === 0)) draw();
    windowsShape = shape;
  };

  return { el, draw, boardChanged };
}

function resultTable(r: WhatIfResult, label: (code: string) => string): HTMLElement {
  return h('table', { class: 'wi-result' },
    h('thead', {}, h('tr', {}, ['', tr('窗口', 'Windows'), tr('预计等待', 'Expected wait'), tr('目标内叫号概率', 'P(within target)')].map((x) => h('th', {}, x)))),
    h('tbody', {}, r.categories.map((c) => h('tr', {},
      h('td', {}, label(c.category)),
      h('td', { class: 'num' }, `${c.before.windows} → ${c.after.windows}`),
      h('td', { class: 'num' }, `${minutesText(c.before.predictedWaitMin)} → ${minutesText(c.after.predictedWaitMin)}`),
      h('td', { class: 'num' }, `${Math.round(c.before.pWithinTarget * 100)}% → ${Math.round(c.after.pWithinTarget * 100)}%`),
    ))));
}

function differs(d: Setup, w: Setup): boolean {
  return d.state !== w.state || d.categories.join() !== w.categories.join();
}
