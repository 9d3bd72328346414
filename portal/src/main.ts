// The portal: tabs over the views, the wallet bar, and re-rendering when the wallet changes.
import './style.css';
import { clients, loadDeployment, type Deployment } from './chain';
import { h } from './dom';
import type { Page } from './page';
import type { Session } from './tx';
import { fees } from './views/fees';
import { openNodes } from './views/open';
import { operator } from './views/operator';
import { overview } from './views/overview';
import { stakes } from './views/stakes';
import { swap } from './views/swap';
import { Wallet } from './wallet';

const VIEWS: { id: string; title: string; render: (page: Page) => Promise<HTMLElement> }[] = [
  { id: 'overview', title: 'Network', render: () => overview() },
  { id: 'open', title: 'Open nodes', render: openNodes },
  { id: 'stakes', title: 'My stakes', render: stakes },
  { id: 'operator', title: 'Operator', render: operator },
  { id: 'fees', title: 'Pro & Names', render: fees },
  { id: 'swap', title: 'Token swap', render: swap },
];

async function start(): Promise<void> {
  const view = document.getElementById('view')!;
  let deployment: Deployment;
  try {
    deployment = await loadDeployment();
  } catch (error) {
    view.replaceChildren(h('p', { class: 'failed', 'data-testid': 'load-error' }, `The API could not be read: ${(error as Error).message}`));
    return;
  }
  const wallet = new Wallet(deployment.manifest.chainId, document.getElementById('wallet')!);
  let cached: { key: string; session: Session } | undefined;
  let current = VIEWS.find((v) => `#${v.id}` === location.hash) ?? VIEWS[0];
  let generation = 0;

  const page: Page = {
    deployment, wallet,
    session() {
      const { provider, account } = wallet.state;
      if (!provider || !account || !wallet.ready) return undefined;
      const key = `${account}:${wallet.state.chainId}`;
      if (cached?.key !== key) cached = { key, session: { deployment, account, ...clients(deployment, provider) } };
      return cached.session;
    },
    refresh: () => void render(),
  };

  const tabs = document.getElementById('tabs')!;
  const drawTabs = (): void => tabs.replaceChildren(...VIEWS.map((v) =>
    h('a', { href: `#${v.id}`, class: v === current ? 'active' : '', 'data-testid': `tab-${v.id}` }, v.title)));

  async function render(): Promise<void> {
    const mine = ++generation;
    drawTabs();
    view.setAttribute('data-loading', '');
    try {
      const el = await current.render(page);
      if (mine === generation) view.replaceChildren(el);
    } catch (error) {
      if (mine === generation) view.replaceChildren(h('p', { class: 'failed', 'data-testid': 'view-error' }, (error as Error).message));
    } finally {
      if (mine === generation) { view.removeAttribute('data-loading'); view.setAttribute('data-view', current.id); }
    }
  }

  window.addEventListener('hashchange', () => {
    current = VIEWS.find((v) => `#${v.id}` === location.hash) ?? VIEWS[0];
    void render();
  });
  wallet.onChange(() => void render());
  await render();
}

void start();
