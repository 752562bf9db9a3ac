import { api } from '../../shared/api';
import { h, render } from '../../shared/dom';
import { t } from '../../shared/i18n';

/** The landing page: each hall with links to its screen and kiosk (for whoever sets up the devices). */
export async function homePage(root: HTMLElement): Promise<void> {
  document.body.classList.add('home-page');
  render(root, h('main', { class: 'home' }, h('h1', {}, 'hallq · ', t('appName')), h('p', {}, t('connecting'))));
  const halls = await api<{ id: string; name: string }[]>('/halls').catch(() => []);
  render(root, h('main', { class: 'home' },
    h('h1', {}, 'hallq · ', t('appName')),
    h('h2', {}, t('halls')),
    h('ul', {}, halls.map((hall) => h('li', {},
      h('strong', {}, hall.name), ' — ',
      h('a', { href: `/screen/${hall.id}` }, t('screenLink')), ' · ',
      h('a', { href: `/kiosk/${hall.id}` }, t('kioskLink'))))),
    h('p', {}, h('a', { href: '/api/docs' }, 'API docs'))));
}
