// (b) Contribution contracts taking deposits, and contributing to one.
import { api, atomic, type OpenContract } from '../api';
import { h } from '../dom';
import { parseSesh, percentBps, sesh, shortAddress } from '../format';
import type { Page } from '../page';
import { signPermit } from '../permit';
import { approveThenSend, flow, read, resetAllowance, send, Status, type Session } from '../tx';
import type { Target } from '../chain';

export async function openNodes(page: Page): Promise<HTMLElement> {
  const { items } = await api<{ items: OpenContract[] }>('/nodes/open');
  const section = h('section', { 'data-testid': 'open-nodes' }, h('h2', {}, 'Open nodes'));
  if (items.length === 0) section.append(h('p', { 'data-testid': 'no-open' }, 'No contribution contract is taking deposits now.'));
  for (const item of items) section.append(await card(page, item));
  return section;
}

async function card(page: Page, item: OpenContract): Promise<HTMLElement> {
  const target = page.deployment.clone(item.contract);
  const session = page.session();
  // With a wallet, the figures that move come from the contract itself (the index lags a moment).
  const [contributed, remaining, openSlots] = session
    ? await Promise.all([read<bigint>(session, target, 'contributed'), read<bigint>(session, target, 'remaining'), read<number | bigint>(session, target, 'openSlots')])
    : [atomic(item.contributed), atomic(item.remaining), item.openSlots];
  const el = h('article', { class: 'card', 'data-testid': 'open-contract', 'data-contract': item.contract },
    h('h3', {}, `Contract ${item.contract}`),
    h('table', {},
      h('tr', {}, h('th', {}, 'Operator'), h('td', {}, shortAddress(item.operator)), h('th', {}, 'Fee'), h('td', {}, percentBps(item.feeBps))),
      h('tr', {}, h('th', {}, 'Requirement'), h('td', {}, `${item.requirement.sesh} SESH`), h('th', {}, 'Contributed'), h('td', { 'data-testid': 'contributed' }, sesh(contributed))),
      h('tr', {}, h('th', {}, 'Remaining'), h('td', { 'data-testid': 'remaining' }, sesh(remaining)), h('th', {}, 'Open slots'), h('td', {}, String(openSlots))),
      h('tr', {}, h('th', {}, 'Minimum contribution'), h('td', { 'data-testid': 'minimum' }, `${item.minimumContribution.sesh} SESH`),
        h('th', {}, 'Reservations'), h('td', {}, item.reservations.length ? item.reservations.map((r) => `${shortAddress(r.staker)}: ${r.amount.sesh} SESH`).join(', ') : 'none')),
    ),
  );
  if (!session) { el.append(h('p', {}, 'Connect a wallet to contribute.')); return el; }
  // The terms shown now are the terms the deposit quotes: a change meanwhile makes it fail (TermsChanged).
  const [terms, minimum, maximum] = await Promise.all([
    read<number>(session, target, 'termsVersion'),
    read<bigint>(session, target, 'minimumContributionOf', [session.account]),
    read<bigint>(session, target, 'maximumContributionOf', [session.account]),
  ]);
  const status = new Status();
  const input = h('input', { 'data-testid': 'contribute-amount', placeholder: 'SESH', inputmode: 'decimal' });
  const button = h('button', { 'data-testid': 'contribute' }, 'Contribute');
  button.addEventListener('click', () => flow(status, button, () => contribute(session, target, status, input.value, terms, minimum, maximum), () => page.refresh()));
  el.append(
    h('p', {}, `You may deposit from ${sesh(minimum)} to ${sesh(maximum)} (terms version ${terms}).`),
    h('div', { class: 'row' }, input, button),
    status.el,
  );
  return el;
}

async function contribute(session: Session, target: Target, status: Status, text: string, terms: number, minimum: bigint, maximum: bigint): Promise<string> {
  let amount: bigint;
  try { amount = parseSesh(text); } catch (e) { status.refuse((e as Error).message); }
  if (amount === 0n) status.refuse('Enter an amount above zero.');
  if (amount < minimum) status.refuse(`${sesh(amount)} is below this contract's minimum contribution for you, ${sesh(minimum)}: nothing was sent.`);
  if (amount > maximum) status.refuse(`${sesh(amount)} is above what this contract can take from you now, ${sesh(maximum)}: nothing was sent.`);
  const token = session.deployment.contract('SessionToken');
  const permit = await signPermit(session, status, target.address, amount, `Sign a permit for exactly ${sesh(amount)}`);
  if (permit) {
    try {
      await send(session, status, `Contribute ${sesh(amount)}`, target, 'contributeWithPermit', [amount, terms, permit.deadline, permit.v, permit.r, permit.s]);
    } finally {
      // A failed deposit reverts its permit too; one submitted to the token by someone else stays.
      await resetAllowance(session, status, token, target);
    }
  } else {
    await approveThenSend(session, status, token, amount, `Approve exactly ${sesh(amount)}`, target, `Contribute ${sesh(amount)}`, 'contribute', [amount, terms]);
  }
  return `Contributed ${sesh(amount)}.`;
}
