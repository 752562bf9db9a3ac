import { h, render } from '../../shared/dom';
import { tr } from './console-common';

export interface DialogField {
  name: string;
  label: string;
  value?: string;
  /** Suggestions for a text field, also offered as one-tap buttons. */
  options?: string[];
  /** A pick from a list instead of text. */
  choices?: { value: string; label: string }[];
}

/**
 * A small modal form for the questions an action needs (a reason, a transfer target). Enter submits,
 * Escape cancels; resolves with the values, or null when cancelled. Every field is required.
 */
export function openDialog(host: HTMLElement, title: string, fields: DialogField[]): Promise<Record<string, string> | null> {
  return new Promise((resolve) => {
    const close = (v: Record<string, string> | null) => {
      document.removeEventListener('keydown', onKey, true);
      render(host);
      resolve(v);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close(null);
      }
    };
    document.addEventListener('keydown', onKey, true);
    const form = h('form', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
      h('h2', {}, title),
      fields.map((f, i) => f.choices
        ? h('label', {}, f.label,
          h('select', { name: f.name, required: true, 'data-field': f.name },
            f.choices.map((c) => h('option', { value: c.value }, c.label))))
        : h('label', {}, f.label,
          h('input', { name: f.name, value: f.value ?? '', required: true, autocomplete: 'off', list: f.options ? `dl-${i}` : null, 'data-field': f.name }),
          f.options ? h('datalist', { id: `dl-${i}` }, f.options.map((o) => h('option', { value: o }))) : null,
          f.options && f.name === 'reason'
            ? h('div', { class: 'quick' }, f.options.map((o) => h('button', {
              type: 'button', onclick: (e: Event) => {
                const input = (e.target as HTMLElement).closest('label')!.querySelector('input')!;
                input.value = o;
              },
            }, o)))
            : null)),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'cancel', onclick: () => close(null) }, tr('取消 (Esc)', 'Cancel (Esc)')),
        h('button', { type: 'submit', class: 'ok', 'data-testid': 'dialog-ok' }, tr('确定 (Enter)', 'OK (Enter)'))),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form);
      close(Object.fromEntries(fields.map((f) => [f.name, String(data.get(f.name) ?? '').trim()])));
    });
    render(host, h('div', { class: 'overlay' }, form));
    // Focus the first empty field (the reason, usually), else the first one.
    const inputs = [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')];
    (inputs.find((x) => !x.value) ?? inputs[0])?.focus();
  });
}
