// Reservations of a contribution contract (`IContributionContract.Reservation`: staker, amount),
// checked before anything is sent with the rules `_setReservations` and the first deposit apply:
// real distinct addresses other than the operator, amounts above zero, at most maxContributors - 1
// of them, and a total that leaves room for the operator's stake (at least a quarter).
import { getAddress, isAddress, zeroAddress } from 'viem';
import type { Address } from './chain';
import { parseSesh, sesh } from './format';

export interface Reservation { staker: Address; amount: bigint }
export interface ReservationRow { address: string; amount: string }

/** What the operator must leave for itself: its stake, and never less than ceil(requirement / 4). */
export function operatorShare(requirement: bigint, stake: bigint): bigint {
  const least = (requirement + 3n) / 4n;
  return stake > least ? stake : least;
}

/** The rows as reservations; throws a sentence naming the first row that breaks a rule. */
export function checkReservations(rows: ReservationRow[], operator: Address, requirement: bigint, stake: bigint, maxContributors: number): Reservation[] {
  const list: Reservation[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const n = i + 1;
    if (!row.address.trim() && !row.amount.trim()) return; // an empty row is no reservation
    const text = row.address.trim();
    if (!isAddress(text, { strict: false })) throw new Error(`Reservation ${n}: "${text}" is not an address.`);
    const staker = getAddress(text);
    if (staker === zeroAddress) throw new Error(`Reservation ${n}: the zero address cannot hold a reservation.`);
    if (staker === getAddress(operator)) throw new Error(`Reservation ${n}: the operator cannot reserve a slot for itself; its stake is set apart.`);
    if (seen.has(staker)) throw new Error(`Reservation ${n}: ${staker} is reserved twice.`);
    seen.add(staker);
    let amount: bigint;
    try { amount = parseSesh(row.amount); } catch (e) { throw new Error(`Reservation ${n}: ${(e as Error).message}.`); }
    if (amount === 0n) throw new Error(`Reservation ${n}: the amount must be above zero.`);
    list.push({ staker, amount });
  });
  const most = maxContributors - 1;
  if (list.length > most) throw new Error(`At most ${most} reservations (the operator takes one of the ${maxContributors} contributor slots); ${list.length} were entered.`);
  const total = list.reduce((sum, r) => sum + r.amount, 0n);
  const share = operatorShare(requirement, stake);
  const left = requirement - share;
  if (total > left) {
    throw new Error(`The reservations total ${sesh(total)}, above what is left for other stakers: ${sesh(left)} (the requirement ${sesh(requirement)} minus the operator's ${sesh(share)}).`);
  }
  return list;
}
