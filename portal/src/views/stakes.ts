// (c) My stakes: positions with claimable rewards, withdrawable stake and their timers; claims,
// exits, withdrawals; deposits in contribution contracts (withdraw, refunds).
import { api, atomic, type Contribution, type Position, type Stakes } from '../api';
import { h } from '../dom';
import { countdown, date, sesh } from '../format';
import { chainNow, type Page } from '../page';
import { flow, read, send, Status, type Session } from '../tx';
import { blsKeyOf } from '../bls';

const DAY = 86_400;
const SMALL_STAKER_LOCK = 30 * DAY;

export async function stakes(page: Page): Promise<HTMLElement> {
  const section = h('section', { 'data-testid': 'stakes' }, h('h2', {}, 'My stakes'));
  const session = page.session();
  if (!session) { section.append(h('p', {}, 'Connect a wallet to see its stakes.')); return section; }
  const [data, now] = await Promise.all([api<Stakes>(`/stakes/${session.account}`), chainNow(page)]);
  const status = new Status();
  const mine = data.positions.filter((p) => p.beneficiary === session.account && atomic(p.claimable) > 0n);
  const total = mine.reduce((sum, p) => sum + atomic(p.claimable), 0n);
  const claimAll = h('button', { 'data-testid': 'claim-all', disabled: mine.length === 0 }, `Claim all (${sesh(total)})`);
  claimAll.addEventListener('click', () => flow(status, claimAll, async () => {
    const refs = mine.map((p) => ({ nodeId: BigInt(p.nodeId), staker: p.staker }));
    await send(session, status, `Claim ${mine.length} positions`, session.deployment.contract('StakingRegistry'), 'claimRewardsBatch', [refs]);
    return `Claimed the rewards of ${mine.length} positions.`;
  }, () => page.refresh()));
  section.append(h('p', {}, `Chain time ${date(now)}.`), h('div', { class: 'row' }, claimAll), status.el);
  if (data.positions.length === 0) section.append(h('p', { 'data-testid': 'no-positions' }, 'No staked positions.'));
  for (const position of data.positions) section.append(await positionCard(page, session, position, now));
  // A reset or cancelled contract holds no deposit of the account, only a refund to claim.
  const owed = data.refunds.filter((r) => !data.contributions.some((c) => c.contract === r.contract))
    .map((r): Contribution => ({ contract: r.contract, amount: { atomic: '0', sesh: '0' }, contractStatus: r.contractStatus, nodeId: null }));
  const deposits = [...data.contributions, ...owed];
  if (deposits.length) section.append(h('h3', {}, 'Deposits and refunds in contribution contracts'));
  for (const contribution of deposits) section.append(await contributionCard(page, session, contribution));
  return section;
}

async function positionCard(page: Page, session: Session, p: Position, now: number): Promise<HTMLElement> {
  const registry = session.deployment.contract('StakingRegistry');
  const node = await api<{ deposit: { atomic: string } }>(`/nodes/${p.nodeId}`);
  const small = atomic(p.stake) * 4n < atomic(node.deposit);
  // The live figures from the lens (the index follows a moment behind a transaction).
  const live = await read<{ claimable: bigint; withdrawable: bigint; stakeWithdrawn: boolean; rewardsPaid: bigint }>(session, session.deployment.contract('StakingLens'), 'position', [BigInt(p.nodeId), p.staker]);
  const claimable = live.claimable, withdrawable = live.stakeWithdrawn ? 0n : live.withdrawable;
  const ended = p.nodeStatus === 'exited' || p.nodeStatus === 'liquidated';
  const status = new Status();
  const el = h('article', { class: 'card', 'data-testid': 'position', 'data-node': p.nodeId, 'data-staker': p.staker });
  const button = (label: string, testid: string, body: () => Promise<string>): HTMLButtonElement => {
    const b = h('button', { 'data-testid': testid }, label);
    b.addEventListener('click', () => flow(status, b, body, () => page.refresh()));
    return b;
  };
  const timers: (HTMLElement | string)[] = [];
  // A contributor below 25% of the deposit may not request the exit in the node's first 30 days.
  const lockedUntil = small && !ended && p.exitUnlocksAt === null && now < p.registeredAt + SMALL_STAKER_LOCK ? p.registeredAt + SMALL_STAKER_LOCK : undefined;
  if (p.exitUnlocksAt !== null && !ended) {
    timers.push(h('li', { 'data-testid': 'exit-countdown' }, now >= p.exitUnlocksAt ? `Exit unlocked since ${date(p.exitUnlocksAt)}` : `Exit unlocks in ${countdown(p.exitUnlocksAt, now)} (${date(p.exitUnlocksAt)})`));
  }
  if (small && !ended && p.exitUnlocksAt === null) {
    const from = p.registeredAt + SMALL_STAKER_LOCK;
    timers.push(h('li', { 'data-testid': 'lock-countdown' }, now >= from ? 'The 30-day small-staker lock is over: you may request the exit.' : `Below 25% of the deposit: you may request the exit in ${countdown(from, now)} (${date(from)})`));
  }
  const actions: HTMLElement[] = [];
  if (claimable > 0n) {
    actions.push(button(`Claim ${sesh(claimable)}`, 'claim', async () => {
      await send(session, status, `Claim node ${p.nodeId}`, registry, 'claimRewards', [BigInt(p.nodeId), p.staker]);
      return `Claimed ${sesh(claimable)} or more.`;
    }));
  }
  if (!ended && p.exitUnlocksAt === null && p.staker === session.account) {
    const request = button('Request exit', 'request-exit', async () => {
      await send(session, status, `Request node ${p.nodeId}'s exit`, registry, 'requestExit', [BigInt(p.nodeId)]);
      return 'Exit requested: it can be finalized 30 days from now.';
    });
    if (lockedUntil !== undefined) {
      request.disabled = true;
      request.title = `Small-staker lock until ${date(lockedUntil)}`;
    }
    actions.push(request);
  }
  if (!ended && p.exitUnlocksAt !== null) {
    actions.push(button('Finalize exit', 'finalize-exit', async () => {
      const set = status.step(`Find node ${p.nodeId}'s BLS key`);
      set('checking', 'reading its registration event');
      const key = await blsKeyOf(session, BigInt(p.nodeId));
      set('mined', `${key.slice(0, 18)}…`);
      await send(session, status, `Finalize node ${p.nodeId}'s exit`, registry, 'finalizeExit', [BigInt(p.nodeId), key]);
      return 'Exit finalized: the stake can be withdrawn.';
    }));
  }
  if (withdrawable > 0n && p.staker === session.account) {
    actions.push(button(`Withdraw ${sesh(withdrawable)}`, 'withdraw-stake', async () => {
      await send(session, status, `Withdraw the stake of node ${p.nodeId}`, registry, 'withdrawStake', [BigInt(p.nodeId)]);
      return 'Stake withdrawn.';
    }));
  }
  el.append(
    h('h3', {}, `Node ${p.nodeId} — ${p.nodeStatus}`),
    h('table', {},
      h('tr', {}, h('th', {}, 'Stake'), h('td', {}, `${p.stake.sesh} SESH${small ? ' (below 25%)' : ''}`), h('th', {}, 'Claimable'), h('td', { 'data-testid': 'claimable' }, sesh(claimable))),
      h('tr', {}, h('th', {}, 'Rewards paid'), h('td', {}, sesh(live.rewardsPaid)), h('th', {}, 'Withdrawable stake'), h('td', { 'data-testid': 'withdrawable' }, live.stakeWithdrawn ? 'withdrawn' : sesh(withdrawable))),
      h('tr', {}, h('th', {}, 'Registered'), h('td', {}, date(p.registeredAt)), h('th', {}, 'Beneficiary'), h('td', {}, p.beneficiary)),
    ),
    h('ul', {}, ...timers),
    h('div', { class: 'row' }, ...actions),
    status.el,
  );
  return el;
}

async function contributionCard(page: Page, session: Session, c: Contribution): Promise<HTMLElement> {
  const target = session.deployment.clone(c.contract);
  const refundable = await read<bigint>(session, target, 'refundable', [session.account]);
  const status = new Status();
  const el = h('article', { class: 'card', 'data-testid': 'contribution', 'data-contract': c.contract },
    h('h4', {}, `Contract ${c.contract}`),
    h('p', {}, `Deposit ${c.amount.sesh} SESH, contract ${c.contractStatus}${c.nodeId !== null ? `, node ${c.nodeId}` : ''}; refundable ${sesh(refundable)}.`));
  const row = h('div', { class: 'row' });
  const open = !['finalized', 'cancelled'].includes(c.contractStatus.toLowerCase());
  if (open && atomic(c.amount) > 0n) {
    const b = h('button', { 'data-testid': 'withdraw-contribution' }, 'Withdraw deposit');
    b.addEventListener('click', () => flow(status, b, async () => {
      await send(session, status, 'Withdraw the deposit', target, 'withdraw', []);
      return 'Deposit withdrawn.';
    }, () => page.refresh()));
    row.append(b);
  }
  if (refundable > 0n) {
    const b = h('button', { 'data-testid': 'claim-refund' }, `Claim refund ${sesh(refundable)}`);
    b.addEventListener('click', () => flow(status, b, async () => {
      await send(session, status, 'Claim the refund', target, 'claimRefund', []);
      return 'Refund claimed.';
    }, () => page.refresh()));
    row.append(b);
  }
  el.append(row, status.el);
  return el;
}
