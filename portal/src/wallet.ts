// The injected EIP-1193 wallet: connect, the deployment's chain (switched to when wrong).
import { getAddress, type EIP1193Provider } from 'viem';
import { h } from './dom';
import { injected, type Address } from './chain';

export interface WalletState { provider?: EIP1193Provider; account?: Address; chainId?: number; wantChainId: number }

type Listener = (state: WalletState) => void;

export class Wallet {
  state: WalletState;
  private listeners: Listener[] = [];
  private bar: HTMLElement;

  constructor(wantChainId: number, bar: HTMLElement) {
    this.state = { provider: injected(), wantChainId };
    this.bar = bar;
    const provider = this.state.provider;
    provider?.on?.('accountsChanged', (accounts: string[]) => { this.state.account = accounts[0] ? getAddress(accounts[0]) : undefined; this.changed(); });
    provider?.on?.('chainChanged', (id: string) => { this.state.chainId = Number(id); this.changed(); });
    this.render();
  }

  onChange(listener: Listener): void { this.listeners.push(listener); }

  get ready(): boolean { return !!this.state.account && this.state.chainId === this.state.wantChainId; }

  async connect(): Promise<void> {
    const provider = this.state.provider;
    if (!provider) throw new Error('No wallet found: install a browser wallet (EIP-1193).');
    const accounts = (await provider.request({ method: 'eth_requestAccounts' })) as string[];
    this.state.account = accounts[0] ? getAddress(accounts[0]) : undefined;
    this.state.chainId = Number(await provider.request({ method: 'eth_chainId' }));
    if (this.state.chainId !== this.state.wantChainId) await this.switchChain();
    this.changed();
  }

  async switchChain(): Promise<void> {
    const provider = this.state.provider!;
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: `0x${this.state.wantChainId.toString(16)}` }] });
    this.state.chainId = Number(await provider.request({ method: 'eth_chainId' }));
  }

  private changed(): void {
    this.render();
    for (const listener of this.listeners) listener(this.state);
  }

  private render(): void {
    const { provider, account, chainId, wantChainId } = this.state;
    const message = h('span', { class: 'wallet-message', 'data-testid': 'wallet-message' });
    const connect = async (): Promise<void> => {
      try { await this.connect(); } catch (e) { message.textContent = e instanceof Error ? e.message : String(e); }
    };
    this.bar.replaceChildren();
    if (!provider) {
      this.bar.append(h('span', { 'data-testid': 'wallet-status' }, 'No wallet found: the page shows the network; install a browser wallet to act.'));
    } else if (!account) {
      this.bar.append(h('button', { 'data-testid': 'connect', onclick: connect }, 'Connect wallet'));
    } else if (chainId !== wantChainId) {
      this.bar.append(
        h('span', { class: 'warn', 'data-testid': 'wrong-chain' }, `Wrong network: the wallet is on chain ${chainId}, the deployment is on ${wantChainId}. `),
        h('button', { 'data-testid': 'switch-chain', onclick: async () => { try { await this.switchChain(); this.changed(); } catch (e) { message.textContent = e instanceof Error ? e.message : String(e); } } }, 'Switch network'),
      );
    } else {
      this.bar.append(h('span', { 'data-testid': 'account' }, account));
    }
    this.bar.append(message);
  }
}
