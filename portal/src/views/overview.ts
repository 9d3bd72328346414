// (a) The network: pool, release, size, reward per node, APR; pool balance and reward per node over time.
import { api, atomic, type Info, type PoolPoint, type RewardPoint } from '../api';
import { lineChart } from '../chart';
import { facts, h } from '../dom';
import { date, groupDigits, percentBps } from '../format';

const toSesh = (a: { atomic: string }): number => Number(atomic(a)) / 1e9;
const seshLabel = (y: number): string => `${groupDigits(y.toFixed(y < 10 ? 3 : 0))} SESH`;
const dayLabel = (x: number): string => date(x).slice(0, 16);

export async function overview(): Promise<HTMLElement> {
  const [info, pool, rewards] = await Promise.all([
    api<Info>('/info'),
    api<{ items: PoolPoint[] }>('/history/pool'),
    api<{ items: RewardPoint[] }>('/history/rewards'),
  ]);
  return h('section', { 'data-testid': 'overview' },
    h('h2', {}, 'Network'),
    facts([
      ['Reward pool balance', h('span', { 'data-testid': 'pool-balance' }, `${info.poolBalance.sesh} SESH`)],
      ['Released per day', h('span', { 'data-testid': 'release-per-day' }, `${info.releasePerDay.sesh} SESH`)],
      ['Network size (earning nodes)', h('span', { 'data-testid': 'network-size' }, String(info.networkSize))],
      ['Reward per node per day', h('span', { 'data-testid': 'reward-per-node' }, `${info.rewardPerNodePerDay.sesh} SESH`)],
      ['APR of a full stake', h('span', { 'data-testid': 'apr' }, percentBps(info.aprBps))],
      ['Staking requirement', `${info.stakingRequirement.sesh} SESH`],
      ['Network fees paid (to the pool)', `${info.feesPaid.sesh} SESH (${info.feesToPool.sesh} SESH)`],
      ['Indexed block', String(info.indexedBlock)],
    ], 'info'),
    lineChart({ title: 'Reward pool balance after each payout', points: pool.items.map((p) => ({ x: p.timestamp, y: toSesh(p.balance) })), formatX: dayLabel, formatY: seshLabel }, 'chart-pool'),
    lineChart({ title: 'Reward per node at each distribution', points: rewards.items.map((p) => ({ x: p.timestamp, y: toSesh(p.perNode) })), formatX: dayLabel, formatY: seshLabel }, 'chart-rewards'),
  );
}
