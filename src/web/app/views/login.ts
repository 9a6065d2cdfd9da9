/** Editors log in here; the session lives in an httpOnly cookie the page never sees. */
import { ApiError, login } from '../api.js';
import { h, render } from '../dom.js';
import { t } from '../i18n.js';
import type { Navigate } from './common.js';

export async function loginView(main: HTMLElement, navigate: Navigate, refreshHeader: () => void): Promise<void> {
  const name = h('input', { name: 'name', autocomplete: 'username', required: true, maxlength: 64 });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const msg = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'login' },
    h('h1', null, t.login), h('label', null, t.name, name), h('label', null, t.password, password), msg,
    h('button', { type: 'submit', class: 'primary' }, t.login));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    try {
      await login(name.value, password.value);
      refreshHeader();
      navigate('/review');
    } catch (err) {
      msg.textContent = err instanceof ApiError && err.status === 401 ? t.login_failed : `${t.error}: ${(err as Error).message}`;
    }
  });
  render(main, form);
  name.focus();
}
