import { ApiError, api } from './api';
import { credential, setStaffToken } from './auth';
import { h, render } from './dom';
import { t } from './i18n';

interface Me { username: string; displayName: string; role: string }

/**
 * Resolves with the signed-in member of staff, first showing a sign-in form when this browser has no
 * valid sign-in. Counter and manager pages wait for it before they start.
 */
export async function requireStaff(root: HTMLElement): Promise<Me> {
  if (credential()) {
    try {
      return await api<Me>('/auth/me');
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
      setStaffToken(null);
    }
  }
  return new Promise<Me>((resolve) => {
    // Built once: a failed attempt keeps what was typed and only shows why.
    const username = h('input', { name: 'username', autocomplete: 'username', required: true, 'data-testid': 'sign-in-username' });
    const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'sign-in-password' });
    const message = h('p', { class: 'msg msg-error', role: 'alert', hidden: true });
    const button = h('button', { class: 'primary', type: 'submit', 'data-testid': 'sign-in-submit' }, t('signIn'));
    const submit = async (ev: Event) => {
      ev.preventDefault();
      if (button.disabled) return;
      button.disabled = true;
      button.textContent = t('signingIn');
      message.hidden = true;
      try {
        const r = await api<{ token: string; account: Me }>('/auth/sign-in', {
          method: 'POST', body: JSON.stringify({ username: username.value.trim(), password: password.value }),
        });
        setStaffToken(r.token);
        resolve(r.account);
      } catch (e) {
        message.textContent = e instanceof ApiError && e.code === 'SIGN_IN_FAILED' ? t('signInWrong')
          : e instanceof ApiError && e.status < 500 ? e.text() : t('signInFailed');
        message.hidden = false;
        button.disabled = false;
        button.textContent = t('signIn');
        password.select();
      }
    };
    render(root, h('main', { class: 'sign-in' },
      h('form', { class: 'sign-in-form', onsubmit: (ev: Event) => void submit(ev) },
        h('h1', {}, t('signInTitle')),
        h('label', {}, t('username'), username),
        h('label', {}, t('password'), password),
        message,
        button)));
    username.focus();
  });
}

/** Ends the sign-in here and on the server, then shows the form again. */
export async function signOut(): Promise<void> {
  await api('/auth/sign-out', { method: 'POST' }).catch(() => undefined);
  setStaffToken(null);
  location.reload();
}
