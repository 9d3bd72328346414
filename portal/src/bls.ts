// A node's BLS key, as finalizeExit takes it back: the registry keeps only its hash, the key is in
// the consensus registry's BLSKeyAdded event of the node (read in bounded ranges).
import { getAbiItem, type AbiEvent, type Hex } from 'viem';
import type { Session } from './tx';

const RANGE = 10_000n;

export async function blsKeyOf(session: Session, nodeId: bigint): Promise<Hex> {
  const consensus = session.deployment.contract('ConsensusRegistry');
  const event = getAbiItem({ abi: consensus.abi, name: 'BLSKeyAdded' }) as AbiEvent;
  const latest = await session.reader.getBlockNumber();
  // Newest first: an exit concerns a recent registration more often than not.
  const first = BigInt(session.deployment.manifest.block ?? 0);
  for (let to = latest; to >= first; to -= RANGE) {
    const from = to - RANGE + 1n > first ? to - RANGE + 1n : first;
    const logs = await session.reader.getLogs({ address: consensus.address, event, args: { nodeId }, fromBlock: from, toBlock: to });
    const last = logs.at(-1) as { args?: { blsKey?: Hex } } | undefined;
    if (last?.args?.blsKey) return last.args.blsKey;
    if (from === first) break;
  }
  throw new Error(`node ${nodeId}'s BLS key was not found in the consensus registry's events`);
}
