// Sending a transaction with visible states: checking (simulated first, so a revert is a sentence
// before anything is signed), pending (sent), mined, failed.
import type { Abi, PublicClient, TransactionReceipt, WalletClient } from 'viem';
import type { Address, Deployment, Target } from './chain';
import { h } from './dom';
import { explain } from './errors';

export interface Session { deployment: Deployment; reader: PublicClient; writer: WalletClient; account: Address }

export class FlowError extends Error {}

/** The steps of one flow, each a row with its state. */
export class Status {
  readonly el: HTMLElement;
  constructor() { this.el = h('ol', { class: 'status', 'data-testid': 'status' }); }

  step(label: string): (state: 'checking' | 'pending' | 'signed' | 'mined' | 'failed' | 'refused', detail?: string) => void {
    const row = h('li', { 'data-testid': 'tx', 'data-state': 'checking' });
    this.el.append(row);
    return (state, detail) => {
      row.dataset.state = state;
      row.className = state;
      row.textContent = `${label}: ${state}${detail ? ` — ${detail}` : ''}`;
    };
  }

  /** A refusal before anything is sent (a checked amount, a missing input). */
  refuse(sentence: string): never {
    this.step('Check')('refused', sentence);
    throw new FlowError(sentence);
  }

  clear(): void { this.el.replaceChildren(); }
}

export async function send(session: Session, status: Status, label: string, target: Target, functionName: string, args: readonly unknown[]): Promise<TransactionReceipt> {
  const { reader, writer, account, deployment } = session;
  const set = status.step(label);
  set('checking', 'simulating');
  try {
    const call = { address: target.address, abi: target.abi as Abi, functionName, args, account } as const;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const { request } = await reader.simulateContract(call as any);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const estimate = await reader.estimateContractGas(call as any);
    // Headroom as a careful wallet adds: a call landing a second later may pull the reward pool.
    const headroom = estimate / 4n > 100_000n ? estimate / 4n : 100_000n;
    set('pending', 'waiting for the wallet');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const hash = await writer.writeContract({ ...(request as any), account, chain: deployment.chain, gas: estimate + headroom });
    set('pending', `sent ${hash}`);
    const receipt = await reader.waitForTransactionReceipt({ hash, pollingInterval: 300 });
    if (receipt.status !== 'success') {
      // Replay at its block for the reason.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await reader.simulateContract({ ...(call as any), blockNumber: receipt.blockNumber });
      throw new Error(`${label} reverted (transaction ${hash})`);
    }
    set('mined', `block ${receipt.blockNumber}, transaction ${hash}`);
    return receipt;
  } catch (error) {
    const sentence = explain(deployment.errors, error);
    set('failed', sentence);
    throw new FlowError(sentence);
  }
}

/** The page's log of finished flows (outside the views, so it survives their re-rendering). */
function activity(outcome: 'done' | 'failed', text: string): void {
  const log = document.getElementById('activity');
  if (!log) return;
  log.prepend(h('li', { class: outcome, 'data-testid': 'activity', 'data-outcome': outcome }, `${new Date().toLocaleTimeString()} ${text}`));
}

/** Runs a flow behind a button: disables it meanwhile, shows the outcome. */
export async function flow(status: Status, button: HTMLButtonElement | null, body: () => Promise<string | void>, after?: () => void): Promise<void> {
  status.clear();
  if (button) button.disabled = true;
  try {
    const done = (await body()) || 'Done.';
    status.el.append(h('li', { class: 'done', 'data-testid': 'done' }, done));
    activity('done', done);
    after?.();
  } catch (error) {
    const sentence = error instanceof Error ? error.message : String(error);
    if (!(error instanceof FlowError)) status.step('Error')('failed', sentence);
    activity('failed', sentence);
  } finally {
    if (button) button.disabled = false;
  }
}

/**
 * Approves `spender` for exactly `amount` of `token`, sends the call, and leaves no allowance
 * behind: after a failed call, or one that took less than approved, the allowance is reset to 0.
 */
export async function approveThenSend(session: Session, status: Status, token: Target, amount: bigint, approveLabel: string,
  spender: Target, label: string, functionName: string, args: readonly unknown[]): Promise<TransactionReceipt> {
  await send(session, status, approveLabel, token, 'approve', [spender.address, amount]);
  try {
    return await send(session, status, label, spender, functionName, args);
  } finally {
    await resetAllowance(session, status, token, spender, amount);
  }
}

/** Leaves no allowance of `token` to `spender` behind (one transaction, only if there is one). */
export async function resetAllowance(session: Session, status: Status, token: Target, spender: Target, unknown = 1n): Promise<void> {
  // An unreadable allowance counts as standing: revoking needlessly is the lesser harm.
  const left = await read<bigint>(session, token, 'allowance', [session.account, spender.address]).catch(() => unknown);
  if (left > 0n) await send(session, status, 'Reset the allowance to 0', token, 'approve', [spender.address, 0n]).catch(() => undefined);
}

export async function read<T>(session: Pick<Session, 'reader'>, target: Target, functionName: string, args: readonly unknown[] = []): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await session.reader.readContract({ address: target.address, abi: target.abi, functionName, args } as any)) as T;
}
