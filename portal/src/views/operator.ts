// (d) Operators: open a contribution contract from the node's public registration data (fee,
// auto-finalize, operator stake, reservations); below it, the operator's own contracts.
import { decodeEventLog } from 'viem';
import { api, atomic, type Info } from '../api';
import { h } from '../dom';
import { parseFeePercent, parseSesh, sesh } from '../format';
import type { Page } from '../page';
import { registrationFields } from './operatorFields';
import { operatorContracts } from './operatorContracts';
import { reservationFields } from './reservationFields';
import { approveThenSend, flow, read, send, Status, type Session } from '../tx';
import { checkProof, parseRegistration } from '../registration';
import { checkReservations } from '../reservations';

export async function operator(page: Page): Promise<HTMLElement> {
  const section = h('section', { 'data-testid': 'operator' }, h('h2', {}, 'Operate a node: open a contribution contract'));
  const session = page.session();
  if (!session) { section.append(h('p', {}, 'Connect the operator\'s wallet.')); return section; }
  const info = await api<Info>('/info');
  const fields = registrationFields();
  const reservations = reservationFields();
  const status = new Status();
  const button = h('button', { 'data-testid': 'create-contract' }, 'Open the contribution contract');
  button.addEventListener('click', () => flow(status, button, () => create(session, status, fields, reservations, atomic(info.stakingRequirement)), () => page.refresh()));
  section.append(
    h('p', {}, 'Load the node\'s public registration file, as `sesh keys registration --keys FILE --operator ADDRESS --out FILE` writes it: blsPublicKey and ed25519PublicKey, and proofOfPossession signed by the node\'s BLS key for this operator address. The page never reads secret keys or seeds.'),
    fields.el, reservations.el, h('div', { class: 'row' }, button), status.el,
    await operatorContracts(page, session),
  );
  return section;
}

async function create(session: Session, status: Status, fields: ReturnType<typeof registrationFields>, reserved: ReturnType<typeof reservationFields>, requirement: bigint): Promise<string> {
  const { deployment, account } = session;
  let registration;
  try { registration = parseRegistration(await fields.text(), account); } catch (e) { status.refuse((e as Error).message); }
  let feeBps = 0;
  try { feeBps = parseFeePercent(fields.fee.value); } catch (e) { status.refuse((e as Error).message); }
  let stake = 0n;
  if (fields.stake.value.trim()) { try { stake = parseSesh(fields.stake.value); } catch (e) { status.refuse((e as Error).message); } }
  const least = (requirement + 3n) / 4n;
  if (stake > 0n && stake < least) status.refuse(`The operator's stake must be at least 25% of the requirement, ${sesh(least)}; ${sesh(stake)} was entered.`);
  if (stake > requirement) status.refuse(`The operator's stake cannot exceed the requirement, ${sesh(requirement)}.`);
  // The factory captures the registry's contributor limit at creation: the reservations' bound.
  const maxContributors = Number(await read<bigint>(session, deployment.contract('StakingRegistry'), 'maxContributors'));
  let reservations;
  try { reservations = checkReservations(reserved.values(), account, requirement, stake, maxContributors); } catch (e) { status.refuse(`${(e as Error).message} Nothing was sent.`); }
  await checkProof(session, status, registration);
  const factory = deployment.contract('ContributionFactory');
  const common = [registration.blsPublicKey, registration.ed25519PublicKey, registration.proofOfPossession, feeBps, fields.autoFinalize.checked, reservations] as const;
  let receipt;
  if (stake > 0n) {
    const token = deployment.contract('SessionToken');
    receipt = await approveThenSend(session, status, token, stake, `Approve exactly ${sesh(stake)} to the factory`,
      factory, `Open the contract with ${sesh(stake)}`, 'createAndContribute', [...common, stake]);
  } else {
    receipt = await send(session, status, 'Open the contract', factory, 'create', [...common]);
  }
  for (const log of receipt.logs) {
    try {
      const event = decodeEventLog({ abi: factory.abi, data: log.data, topics: log.topics });
      if (event.eventName === 'ContributionContractCreated') {
        const created = (event.args as unknown as { contributionContract: string }).contributionContract;
        return `Contribution contract ${created} is open${reservations.length ? ` with ${reservations.length} reservation${reservations.length > 1 ? 's' : ''}` : ''}.`;
      }
    } catch { /* another contract's log */ }
  }
  return 'The contribution contract is open.';
}
