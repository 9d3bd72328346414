// The same-origin JSON API (docs/api.md).
export interface Amount { atomic: string; sesh: string }

export function atomic(amount: { atomic: string }): bigint {
  return BigInt(amount.atomic);
}

export async function api<T>(path: string): Promise<T> {
  const response = await fetch(`/api${path}`);
  const body = await response.json().catch(() => ({ error: `the API answered ${response.status} without JSON` }));
  if (!response.ok) throw new Error(`/api${path}: ${body.error ?? response.statusText}`);
  return body as T;
}

export interface Info {
  chainId: number; indexedBlock: number; networkSize: number; aprBps: number;
  poolBalance: Amount; releasePerDay: Amount; stakingRequirement: Amount; rewardPerNodePerDay: Amount;
  feesPaid: Amount; feesToPool: Amount;
}

export interface OpenContract {
  contract: `0x${string}`; operator: `0x${string}`; feeBps: number; autoFinalize: boolean;
  requirement: Amount; contributed: Amount; remaining: Amount; openSlots: number; minimumContribution: Amount;
  reservations: { staker: string; amount: Amount }[]; contributors: { staker: string; amount: Amount }[];
}

export interface Position {
  nodeId: number; staker: `0x${string}`; beneficiary: `0x${string}`; stake: Amount; rewardsPaid: Amount;
  claimable: Amount; withdrawn: unknown; withdrawable: boolean; nodeStatus: string;
  exitUnlocksAt: number | null; registeredAt: number;
}

export interface Contribution { contract: `0x${string}`; amount: Amount; contractStatus: string; nodeId: number | null }

export interface Refund { contract: `0x${string}`; amount: Amount; contractStatus: string }
export interface Stakes { address: string; positions: Position[]; contributions: Contribution[]; refunds: Refund[] }

export interface PoolPoint { timestamp: number; block: number; released: Amount; balance: Amount }
export interface RewardPoint { timestamp: number; block: number; distributed: Amount; perNode: Amount; earningNodes: number }

export interface Manifest {
  chainId: number; block: number;
  contracts: Record<string, { address: `0x${string}`; abi?: string }>;
}

/** `/api/claims/{address}`: the swap program's claims of one address, with their proofs. */
export interface SwapClaims {
  address: string; root: string; deadline: number; distributor: string;
  claims: { amount: Amount; proof: `0x${string}`[]; claimed: boolean }[];
}
