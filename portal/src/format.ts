// SESH amounts (9 decimals), USD (6 decimals), times and countdowns.
import { formatUnits, parseUnits } from 'viem';

export const SESH_DECIMALS = 9;
export const USD_DECIMALS = 6;

export function groupDigits(text: string): string {
  const [whole, fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

export function sesh(atomic: bigint): string {
  return `${groupDigits(formatUnits(atomic, SESH_DECIMALS))} SESH`;
}

export function usd(amount: bigint): string {
  const cents = amount / 10_000n;
  return `$${groupDigits((cents / 100n).toString())}.${(cents % 100n).toString().padStart(2, '0')}`;
}

/** Parses a SESH amount typed by a person; throws a sentence. */
export function parseSesh(text: string): bigint {
  const clean = text.trim().replace(/,/g, '');
  if (!/^\d+(\.\d{0,9})?$/.test(clean)) throw new Error(`"${text}" is not a SESH amount (at most 9 decimals)`);
  return parseUnits(clean, SESH_DECIMALS);
}

export function date(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** "12 d 3 h 5 min" until `target`, or "now" once reached. */
export function countdown(target: number, now: number): string {
  let left = target - now;
  if (left <= 0) return 'now';
  const days = Math.floor(left / 86_400);
  left -= days * 86_400;
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left - hours * 3600) / 60);
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', `${minutes} min`].filter(Boolean).join(' ');
}

export function percentBps(bps: number): string {
  return `${(bps / 100).toFixed(2)}%`;
}

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** A fee typed as a percentage ("5", "7.5") in basis points; throws a sentence. */
export function parseFeePercent(text: string): number {
  const percent = Number(text.trim() || '0');
  if (!/^\s*\d*(\.\d{0,2})?\s*$/.test(text) || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new Error('The fee is a percentage from 0 to 100 (at most 2 decimals).');
  }
  return Math.round(percent * 100);
}
