// The connected operator's contribution contracts still open (from /api/nodes/open, the figures
// re-read from each contract): contributed, remaining, open slots, reservations; Finalize once
// filled, Update fee while the contract waits for the operator's first deposit, and Reset or Cancel
// (every deposit refunded) until finalization.
import { api, type OpenContract } from '../api';
import type { Address, Target } from '../chain';
import { h } from '../dom';
import { parseFeePercent, percentBps, sesh, shortAddress } from '../format';
import type { Page } from '../page';
import { checkProof, parseRegistration, type Registration } from '../registration';
import { checkReservations, type Reservation } from '../reservations';
import { flow, read, send, Status, type Session } from '../tx';
import { reservationFields } from './reservationFields';

/** `IContributionContract.Status`. */
const STATUS = ['waiting for the operator\'s stake', 'open', 'filled', 'finalized', 'cancelled'] as const;
const WAITING = 0, OPEN = 1, FILLED = 2;

/** New keys (a registration file) or new reservations, before the operator's first deposit. */
function changes(page: Page, session: Session, target: Target, flowStatus: Status, requirement: bigint): HTMLElement {
  const file = h('input', { type: 'file', accept: 'application/json,.json', 'data-testid': 'new-key-file' });
  const keys = h('button', { 'data-testid': 'update-keys' }, 'Update keys');
  keys.addEventListener('click', () => flow(flowStatus, keys, async () => {
    const chosen = file.files?.[0];
    if (!chosen) flowStatus.refuse('Load the node\'s new public registration file first.');
    let registration: Registration;
    try { registration = parseRegistration(await chosen.text(), session.account); } catch (e) { flowStatus.refuse((e as Error).message); }
    await checkProof(session, flowStatus, registration);
    await send(session, flowStatus, 'Update the keys', target, 'updateKeys', [registration.blsPublicKey, registration.ed25519PublicKey, registration.proofOfPossession]);
    return `The keys of ${target.address} are now ${registration.ed25519PublicKey} (terms version ${await read<number>(session, target, 'termsVersion')}).`;
  }, () => page.refresh()));
  const reserved = reservationFields();
  const save = h('button', { 'data-testid': 'update-reservations' }, 'Replace the reservations');
  save.addEventListener('click', () => flow(flowStatus, save, async () => {
    const maxContributors = Number(await read<bigint>(session, session.deployment.contract('StakingRegistry'), 'maxContributors'));
    let list: Reservation[] = [];
    // No stake yet: the operator's share is at least a quarter.
    try { list = checkReservations(reserved.values(), session.account, requirement, 0n, maxContributors); } catch (e) { flowStatus.refuse(`${(e as Error).message} Nothing was sent.`); }
    await send(session, flowStatus, `Set ${list.length} reservation${list.length === 1 ? '' : 's'}`, target, 'updateReservations', [list]);
    return `The reservations of ${target.address} are replaced (${list.length}; terms version ${await read<number>(session, target, 'termsVersion')}).`;
  }, () => page.refresh()));
  return h('details', { 'data-testid': 'changes' }, h('summary', {}, 'Change keys or reservations (each change bumps the terms version)'),
    h('div', { class: 'row' }, h('label', {}, 'New public key file ', file), keys),
    reserved.el, h('div', { class: 'row' }, save));
}

/** `IContributionContract.FinalizeBlocker` as sentences (`StakingLens.finalizeCheck`). */
const BLOCKER = [
  'Nothing blocks it: Finalize registers the node.',
  'The contract is not filled yet.',
  'The staking requirement changed since this contract was opened: reset it (sesh contribution reset) or cancel it.',
  'The staking registry is paused: finalizing waits until its owner resumes it.',
  'The staking registry has not started yet.',
  'The staking registry does not accept this contract\'s factory.',
  'A registered node already uses this Ed25519 key: if the key is yours, evict that node (sesh node evict).',
  'A registered node already uses this BLS key.',
  'The proof of possession does not verify for these keys and this operator.',
  'This Ed25519 key is reserved for the claimant of an eviction for 7 days.',
] as const;

export async function operatorContracts(page: Page, session: Session): Promise<HTMLElement> {
  const { items } = await api<{ items: OpenContract[] }>('/nodes/open');
  const mine = items.filter((item) => item.operator.toLowerCase() === session.account.toLowerCase());
  const el = h('section', { 'data-testid': 'my-contracts' }, h('h2', {}, 'Your contracts'));
  if (mine.length === 0) el.append(h('p', { 'data-testid': 'no-contracts' }, 'No open contribution contract of yours.'));
  for (const item of mine) el.append(await card(page, session, page.deployment.clone(item.contract)));
  return el;
}

async function card(page: Page, session: Session, target: Target): Promise<HTMLElement> {
  // Live from the contract: the index follows a moment behind each transaction.
  const [status, contributed, remaining, openSlots, reservations, feeBps, terms, requirement] = await Promise.all([
    read<number>(session, target, 'status'),
    read<bigint>(session, target, 'contributed'),
    read<bigint>(session, target, 'remaining'),
    read<bigint>(session, target, 'openSlots'),
    read<readonly { staker: Address; amount: bigint }[]>(session, target, 'reservations'),
    read<number>(session, target, 'feeBps'),
    read<number>(session, target, 'termsVersion'),
    read<bigint>(session, target, 'requirement'),
  ]);
  const flowStatus = new Status();
  const el = h('article', { class: 'card', 'data-testid': 'my-contract', 'data-contract': target.address, 'data-status': STATUS[status] ?? String(status) },
    h('h3', {}, `Contract ${target.address}`),
    h('table', {},
      h('tr', {}, h('th', {}, 'Status'), h('td', { 'data-testid': 'my-status' }, STATUS[status] ?? String(status)),
        h('th', {}, 'Fee'), h('td', { 'data-testid': 'my-fee' }, `${percentBps(feeBps)} (terms version ${terms})`)),
      h('tr', {}, h('th', {}, 'Contributed'), h('td', { 'data-testid': 'my-contributed' }, `${sesh(contributed)} of ${sesh(requirement)}`),
        h('th', {}, 'Remaining'), h('td', { 'data-testid': 'my-remaining' }, sesh(remaining))),
      h('tr', {}, h('th', {}, 'Open slots'), h('td', { 'data-testid': 'my-slots' }, String(openSlots)),
        h('th', {}, 'Reservations'), h('td', { 'data-testid': 'my-reservations' },
          reservations.length ? reservations.map((r) => `${shortAddress(r.staker)}: ${sesh(r.amount)}`).join(', ') : 'none')),
    ),
  );
  const actions = h('div', { class: 'row' });
  if (status === FILLED) {
    // What the registry would say now, so a blocked Finalize is explained rather than reverted.
    const [ready, reason] = await read<readonly [boolean, number]>(session, session.deployment.contract('StakingLens'), 'finalizeCheck', [target.address]);
    el.append(h('p', { class: ready ? '' : 'failed', 'data-testid': 'finalize-check', 'data-ready': String(ready) }, BLOCKER[reason] ?? `Blocked (reason ${reason}).`));
    const finalize = h('button', { 'data-testid': 'finalize', disabled: !ready }, 'Finalize: register the node');
    finalize.addEventListener('click', () => flow(flowStatus, finalize, async () => {
      await send(session, flowStatus, 'Finalize', target, 'finalize', []);
      const id = await read<bigint>(session, target, 'nodeId');
      return `Contract ${target.address} is finalized: node ${id} is registered.`;
    }, () => page.refresh()));
    actions.append(finalize);
  }
  if (status === WAITING) {
    // Fee, keys and reservations change only before the operator's first deposit; each change
    // bumps the terms version, so a deposit quoting the old terms is refused (TermsChanged).
    const fee = h('input', { size: 6, value: String(feeBps / 100), 'data-testid': 'new-fee' });
    const update = h('button', { 'data-testid': 'update-fee' }, 'Update fee');
    update.addEventListener('click', () => flow(flowStatus, update, async () => {
      let bps = 0;
      try { bps = parseFeePercent(fee.value); } catch (e) { flowStatus.refuse((e as Error).message); }
      if (bps === feeBps) flowStatus.refuse(`The fee is already ${percentBps(feeBps)}: nothing was sent.`);
      await send(session, flowStatus, `Update the fee to ${percentBps(bps)}`, target, 'updateFee', [bps]);
      const now = await read<number>(session, target, 'termsVersion');
      return `The fee of ${target.address} is now ${percentBps(bps)} (terms version ${now}: deposits quoting version ${terms} are refused).`;
    }, () => page.refresh()));
    actions.append(h('label', {}, 'Fee (%) ', fee), update);
    el.append(changes(page, session, target, flowStatus, requirement));
  } else if (status === OPEN) {
    actions.append(h('span', {}, 'The fee is fixed once the operator has deposited.'));
  }
  if (status === WAITING || status === OPEN || status === FILLED) {
    // Before finalization the operator may hand every deposit back (each depositor claims it as a
    // refund): reset reopens the contract for new keys, fee or reservations, cancel ends it.
    const reset = h('button', { 'data-testid': 'reset' }, 'Reset: refund every deposit');
    reset.addEventListener('click', () => flow(flowStatus, reset, async () => {
      await send(session, flowStatus, 'Reset', target, 'reset', []);
      const now = await read<number>(session, target, 'termsVersion');
      return `Contract ${target.address} is reset: ${sesh(contributed)} is refundable to its depositors (sesh contribution refund, or My stakes), terms version ${now}.`;
    }, () => page.refresh()));
    const cancel = h('button', { 'data-testid': 'cancel' }, 'Cancel the contract');
    cancel.addEventListener('click', () => flow(flowStatus, cancel, async () => {
      await send(session, flowStatus, 'Cancel', target, 'cancel', []);
      return `Contract ${target.address} is cancelled: ${sesh(contributed)} is refundable to its depositors.`;
    }, () => page.refresh()));
    actions.append(reset, cancel);
  }
  el.append(actions, flowStatus.el);
  return el;
}
