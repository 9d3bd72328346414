// What every view gets: the deployment, the wallet, and a session once the wallet is usable.
import type { Deployment } from './chain';
import type { Session } from './tx';
import type { Wallet } from './wallet';

export interface Page {
  deployment: Deployment;
  wallet: Wallet;
  /** The connected account on the right chain, or undefined. */
  session(): Session | undefined;
  /** Re-renders the current view (after a flow changed the chain). */
  refresh(): void;
}

/** The chain's time (the devnet's clock runs ahead of the wall clock). */
export async function chainNow(page: Page): Promise<number> {
  const session = page.session();
  if (!session) return Math.floor(Date.now() / 1000);
  const block = await session.reader.getBlock();
  return Number(block.timestamp);
}
