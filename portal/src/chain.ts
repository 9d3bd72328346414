// The deployment (manifest and ABIs from /api) and viem clients over the injected wallet.
import { createPublicClient, createWalletClient, custom, getAddress, type Abi, type AbiItem, type Chain, type EIP1193Provider, type PublicClient, type WalletClient } from 'viem';
import { api, type Manifest } from './api';

export type Address = `0x${string}`;
export interface Target { address: Address; abi: Abi }

export interface Deployment {
  manifest: Manifest;
  chain: Chain;
  abis: Record<string, Abi>;
  /** Every custom error of every contract: a revert from any callee decodes. */
  errors: AbiItem[];
  contract(name: string): Target;
  /** A contribution contract (a clone: the implementation's ABI). */
  clone(address: Address): Target;
}

const ABI_NAMES = [
  'SessionToken', 'StakingRegistry', 'StakingLens', 'ConsensusRegistry', 'ContributionContract',
  'ContributionFactory', 'RewardPool', 'SessionPro', 'SessionNames', 'FeeRouter', 'MerkleClaims',
  'TokenConverter',
];

export async function loadDeployment(): Promise<Deployment> {
  const manifest = await api<Manifest>('/deployment');
  const abis: Record<string, Abi> = {};
  await Promise.all(ABI_NAMES.filter((n) => manifest.contracts[n]).map(async (name) => { abis[name] = await api<Abi>(`/abi/${name}`); }));
  const seen = new Set<string>();
  const errors: AbiItem[] = [];
  for (const abi of Object.values(abis)) {
    for (const item of abi) {
      if (item.type !== 'error') continue;
      const key = `${item.name}(${item.inputs.map((i) => i.type).join(',')})`;
      if (!seen.has(key)) { seen.add(key); errors.push(item); }
    }
  }
  const withErrors = (abi: Abi): Abi => [...abi.filter((i) => i.type !== 'error'), ...errors] as Abi;
  const chain: Chain = {
    id: manifest.chainId,
    name: `chain ${manifest.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [] } },
  };
  return {
    manifest, chain, abis, errors,
    contract(name) {
      const entry = manifest.contracts[name];
      if (!entry || !abis[name]) throw new Error(`the deployment has no contract ${name}`);
      return { address: getAddress(entry.address), abi: withErrors(abis[name]) };
    },
    clone(address) {
      return { address: getAddress(address), abi: withErrors(abis.ContributionContract) };
    },
  };
}

export function injected(): EIP1193Provider | undefined {
  return (window as unknown as { ethereum?: EIP1193Provider }).ethereum;
}

export function clients(deployment: Deployment, provider: EIP1193Provider): { reader: PublicClient; writer: WalletClient } {
  const transport = custom(provider);
  return {
    reader: createPublicClient({ chain: deployment.chain, transport, pollingInterval: 500 }) as PublicClient,
    writer: createWalletClient({ chain: deployment.chain, transport, pollingInterval: 500 }),
  };
}
