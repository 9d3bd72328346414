// A frontend's view of a deployment: viem with nothing but `deployments/<chain-id>.json` and the
// ABI files it names (one ABI per address). Driven by tests/e2e/frontend.rs:
//   node frontend.mjs contribute <manifest> <rpc> <private key> <contribution contract> <atomic SESH>
//   node frontend.mjs claim      <manifest> <rpc> <private key>
// Prints one JSON line with what it did.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, createWalletClient, getAddress, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

const [command, manifestPath, rpc, key, ...args] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const chain = {
  id: manifest.chainId,
  name: `chain ${manifest.chainId}`,
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [rpc] } },
};
const account = privateKeyToAccount(key);
const publicClient = createPublicClient({ chain, transport: http(rpc) });
const wallet = createWalletClient({ account, chain, transport: http(rpc) });

/** The contract `name` of the manifest: its address and the one ABI file it names. */
function contract(name) {
  const entry = manifest.contracts[name];
  if (!entry || !entry.abi) throw new Error(`the manifest has no contract ${name} with an ABI`);
  const abi = JSON.parse(readFileSync(path.join(path.dirname(manifestPath), entry.abi), 'utf8'));
  return { address: entry.address, abi };
}

// Gas as a careful wallet sets it: the estimate plus headroom, because a call that pulls the
// reward pool costs more when it lands a second after the estimate (see session_client::transact).
async function send(target, functionName, args) {
  const { request } = await publicClient.simulateContract({ ...target, functionName, args, account });
  const estimate = await publicClient.estimateContractGas({ ...target, functionName, args, account });
  const headroom = estimate / 4n > 100_000n ? estimate / 4n : 100_000n;
  const hash = await wallet.writeContract({ ...request, gas: estimate + headroom });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`${functionName} reverted`);
  return receipt;
}

async function contribute(clone, amountText) {
  const amount = BigInt(amountText);
  const factory = contract('ContributionFactory');
  const owned = await publicClient.readContract({ ...factory, functionName: 'owns', args: [clone] });
  if (!owned) throw new Error(`${clone} is not a contribution contract of the factory`);
  // The clones share the implementation's ABI, which the manifest publishes.
  const target = { address: getAddress(clone), abi: contract('ContributionContract').abi };
  const minimum = await publicClient.readContract({ ...target, functionName: 'minimumContributionOf', args: [account.address] });
  if (amount < minimum) throw new Error(`${amount} is below the minimum ${minimum}`);
  // The terms as read now: the deposit lands under them or not at all (TermsChanged).
  const terms = await publicClient.readContract({ ...target, functionName: 'termsVersion' });
  await send(contract('SessionToken'), 'approve', [target.address, amount]);
  await send(target, 'contribute', [amount, terms]);
  const nodeId = await publicClient.readContract({ ...target, functionName: 'nodeId' });
  return { contributed: amount.toString(), nodeId: nodeId.toString() };
}

async function claim() {
  const lens = contract('StakingLens');
  const nodes = await publicClient.readContract({ ...lens, functionName: 'nodes', args: [0n, 100n] });
  const refs = [];
  let due = 0n;
  for (const node of nodes) {
    for (const position of node.contributors) {
      if (getAddress(position.beneficiary) === account.address && position.claimable > 0n) {
        refs.push({ nodeId: node.nodeId, staker: position.staker });
        due += position.claimable;
      }
    }
  }
  if (refs.length === 0) throw new Error('nothing to claim');
  await send(contract('StakingRegistry'), 'claimRewardsBatch', [refs]);
  return { claimed: due.toString(), positions: refs.length };
}

const result = command === 'contribute' ? await contribute(...args) : command === 'claim' ? await claim() : null;
if (!result) throw new Error(`unknown command ${command}`);
console.log(JSON.stringify(result));
