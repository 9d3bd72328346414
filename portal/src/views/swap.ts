// (f) The Token Swap Program: the Merkle claims (Service Node Bonus, Oxen Coin Claims) paid to the
// listed accounts, and the converter from the wrapped legacy token at its fixed ratio.
import { decodeEventLog, erc20Abi, formatUnits, getAddress, parseUnits, type Abi } from 'viem';
import { api, atomic, type SwapClaims } from '../api';
import type { Address, Target } from '../chain';
import { h } from '../dom';
import { date, groupDigits, sesh } from '../format';
import { chainNow, type Page } from '../page';
import { approveThenSend, flow, read, send, Status, type Session } from '../tx';

export async function swap(page: Page): Promise<HTMLElement> {
  const section = h('section', { 'data-testid': 'swap' }, h('h2', {}, 'Token Swap Program'));
  const session = page.session();
  if (!session) { section.append(h('p', {}, 'Connect a wallet to see its claims and convert legacy tokens.')); return section; }
  const contracts = session.deployment.manifest.contracts;
  if (!contracts.MerkleClaims && !contracts.TokenConverter) {
    section.append(h('p', { 'data-testid': 'no-swap' }, 'This deployment has no swap program.'));
    return section;
  }
  const now = await chainNow(page);
  if (contracts.MerkleClaims) section.append(await claims(page, session, now));
  if (contracts.TokenConverter) section.append(await converter(page, session));
  return section;
}

interface Schedule { start: bigint; cliff: bigint; end: bigint; cliffShareBps: number }

async function claims(page: Page, session: Session, now: number): Promise<HTMLElement> {
  const distributor = session.deployment.contract('MerkleClaims');
  const card = h('article', { class: 'card', 'data-testid': 'claims' }, h('h3', {}, 'Claims (Service Node Bonus, Oxen Coin Claims)'));
  const data = await api<SwapClaims>(`/claims/${session.account}`);
  const [factory, schedule] = await Promise.all([
    read<Address>(session, distributor, 'VESTING_FACTORY'),
    read<Schedule>(session, distributor, 'vestingSchedule'),
  ]);
  const vests = BigInt(factory) !== 0n && BigInt(now) < schedule.end;
  const closed = now > data.deadline;
  card.append(h('p', { 'data-testid': 'claim-deadline' }, closed
    ? `The claim window closed on ${date(data.deadline)}; what was not claimed goes back to the program.`
    : `Claims are open until ${date(data.deadline)}.`));
  if (vests) {
    card.append(h('p', { 'data-testid': 'claim-vesting' }, `A claim is paid into a vesting contract of your own: ${schedule.cliffShareBps / 100}% at the cliff on ${date(Number(schedule.cliff))}, the rest linearly until ${date(Number(schedule.end))}.`));
  }
  if (data.claims.length === 0) {
    card.append(h('p', { 'data-testid': 'no-claims' }, `${session.account} is not in the program's list.`));
    return card;
  }
  const status = new Status();
  const list = h('ul', {});
  for (const item of data.claims) {
    const amount = atomic(item.amount);
    // The index answers for the block it last read: the chain says whether the leaf is paid now.
    const paid = await read<boolean>(session, distributor, 'isClaimed', [session.account, amount]);
    const row = h('li', { 'data-testid': 'claim', 'data-amount': amount.toString(), 'data-claimed': String(paid) }, `${sesh(amount)} `);
    if (paid) {
      row.append(h('span', { class: 'muted' }, 'claimed'));
    } else {
      const button = h('button', { 'data-testid': 'claim-swap', disabled: closed }, `Claim ${sesh(amount)}`);
      button.addEventListener('click', () => flow(status, button, () => claim(session, status, distributor, amount, item.proof), () => page.refresh()));
      row.append(button);
    }
    list.append(row);
  }
  card.append(list, status.el);
  return card;
}

async function claim(session: Session, status: Status, distributor: Target, amount: bigint, proof: readonly `0x${string}`[]): Promise<string> {
  const [deadline, held] = await Promise.all([
    read<bigint>(session, distributor, 'DEADLINE'),
    read<bigint>(session, session.deployment.contract('SessionToken'), 'balanceOf', [distributor.address]),
  ]);
  const block = await session.reader.getBlock();
  if (block.timestamp > deadline) status.refuse(`The claim window closed on ${date(Number(deadline))}: nothing was sent.`);
  if (held < amount) status.refuse(`The distributor holds ${sesh(held)}, less than this claim's ${sesh(amount)}: nothing was sent.`);
  const receipt = await send(session, status, `Claim ${sesh(amount)}`, distributor, 'claim', [session.account, amount, proof]);
  for (const log of receipt.logs) {
    if (getAddress(log.address) !== distributor.address) continue;
    try {
      const event = decodeEventLog({ abi: distributor.abi, data: log.data, topics: log.topics });
      if (event.eventName !== 'Claimed') continue;
      const vesting = (event.args as unknown as { vesting: Address }).vesting;
      if (BigInt(vesting) !== 0n) return `Claimed ${sesh(amount)} into your vesting contract ${vesting} (sesh vesting show).`;
    } catch { /* another event */ }
  }
  return `Claimed ${sesh(amount)} to ${session.account}.`;
}

async function converter(page: Page, session: Session): Promise<HTMLElement> {
  const contract = session.deployment.contract('TokenConverter');
  const card = h('article', { class: 'card', 'data-testid': 'converter' }, h('h3', {}, 'Convert the wrapped legacy token'));
  const legacyAddress = getAddress(await read<Address>(session, contract, 'LEGACY_TOKEN'));
  const legacy: Target = { address: legacyAddress, abi: erc20Abi as Abi };
  const [symbol, decimals, mine, numerator, denominator, paused, float] = await Promise.all([
    read<string>(session, legacy, 'symbol'),
    read<number>(session, legacy, 'decimals'),
    read<bigint>(session, legacy, 'balanceOf', [session.account]),
    read<bigint>(session, contract, 'RATIO_NUMERATOR'),
    read<bigint>(session, contract, 'RATIO_DENOMINATOR'),
    read<boolean>(session, contract, 'paused'),
    read<bigint>(session, session.deployment.contract('SessionToken'), 'balanceOf', [contract.address]),
  ]);
  const perWhole = await read<bigint>(session, contract, 'quote', [10n ** BigInt(decimals)]);
  const units = (value: bigint): string => `${groupDigits(formatUnits(value, decimals))} ${symbol}`;
  card.append(
    h('p', { 'data-testid': 'converter-terms' }, `1 ${symbol} converts to ${sesh(perWhole)} (the ratio is fixed at deployment). The converter holds ${sesh(float)}.`),
    h('p', { 'data-testid': 'legacy-balance' }, `You hold ${units(mine)}.`),
  );
  if (paused) card.append(h('p', { class: 'failed', 'data-testid': 'converter-paused' }, 'The converter is paused: conversions are refused until its owner resumes it.'));
  const input = h('input', { placeholder: `amount of ${symbol}`, 'data-testid': 'convert-amount' });
  const quote = h('span', { 'data-testid': 'convert-quote' });
  const status = new Status();
  const parse = (): bigint => {
    const clean = input.value.trim().replace(/,/g, '');
    if (!new RegExp(`^\\d+(\\.\\d{0,${decimals}})?$`).test(clean)) status.refuse(`"${input.value}" is not an amount of ${symbol} (at most ${decimals} decimals).`);
    return parseUnits(clean, decimals);
  };
  input.addEventListener('input', () => {
    const clean = input.value.trim().replace(/,/g, '');
    quote.textContent = /^\d+(\.\d*)?$/.test(clean) ? `≈ ${sesh((parseUnits(clean.replace(/\.$/, ''), decimals) * numerator) / denominator)}` : '';
  });
  const button = h('button', { 'data-testid': 'convert', disabled: paused }, 'Convert');
  button.addEventListener('click', () => flow(status, button, async () => {
    const amount = parse();
    if (amount === 0n) status.refuse('Enter an amount above zero.');
    const balance = await read<bigint>(session, legacy, 'balanceOf', [session.account]);
    if (amount > balance) status.refuse(`You hold ${units(balance)}, less than ${units(amount)}: nothing was sent.`);
    // The converter's own quote (rounded down), then the least the call may pay: exactly that, since
    // the ratio cannot move between this read and the block.
    const out = await read<bigint>(session, contract, 'quote', [amount]);
    if (out === 0n) status.refuse(`${units(amount)} converts to 0 SESH at this ratio: nothing was sent.`);
    const held = await read<bigint>(session, session.deployment.contract('SessionToken'), 'balanceOf', [contract.address]);
    if (out > held) status.refuse(`The converter holds ${sesh(held)}, less than the ${sesh(out)} this would pay: nothing was sent.`);
    await approveThenSend(session, status, legacy, amount, `Approve exactly ${units(amount)}`, contract,
      `Convert ${units(amount)} to at least ${sesh(out)}`, 'convert', [amount, out]);
    return `Converted ${units(amount)} to ${sesh(out)}.`;
  }, () => page.refresh()));
  card.append(h('div', { class: 'row' }, input, quote, button), status.el);
  return card;
}
