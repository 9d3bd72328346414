// (e) Session Pro and Session Names: prices in USD and SESH, subscribing and registering.
import { h } from '../dom';
import { explain } from '../errors';
import { sesh, usd } from '../format';
import type { Page } from '../page';
import { approveThenSend, flow, read, Status, type Session } from '../tx';
import type { Target } from '../chain';

/** The most a payment may take: the quote plus 1% (the price feed moves between quote and block). */
const SLIPPAGE_BPS = 100n;
const withSlippage = (quote: bigint): bigint => (quote * (10_000n + SLIPPAGE_BPS) + 9_999n) / 10_000n;

function sessionIdBytes(text: string, status: Status): `0x${string}` {
  const clean = text.trim().replace(/^0x/, '').toLowerCase();
  if (!/^05[0-9a-f]{64}$/.test(clean)) status.refuse('A Session ID is 66 hex digits starting with 05.');
  return `0x${clean}`;
}

/** Approve exactly the most the payment may take, pay; no allowance is left behind. */
async function pay(session: Session, status: Status, payee: Target, max: bigint, label: string, functionName: string, args: readonly unknown[]): Promise<void> {
  const token = session.deployment.contract('SessionToken');
  await approveThenSend(session, status, token, max, `Approve at most ${sesh(max)}`, payee, label, functionName, args);
}

export async function fees(page: Page): Promise<HTMLElement> {
  const section = h('section', { 'data-testid': 'fees' }, h('h2', {}, 'Session Pro and Session Names'));
  const session = page.session();
  if (!session) { section.append(h('p', {}, 'Connect a wallet to see prices and pay.')); return section; }
  section.append(await pro(session), await names(session));
  return section;
}

async function pro(session: Session): Promise<HTMLElement> {
  const contract = session.deployment.contract('SessionPro');
  const plans: { id: bigint; usdPrice: bigint; duration: bigint; sesh: bigint }[] = [];
  for (let id = 1n; id <= 8n; id++) {
    const plan = await read<{ usdPrice: bigint; duration: bigint }>(session, contract, 'plan', [id]);
    if (plan.duration === 0n) continue;
    const [, quote] = await read<readonly [bigint, bigint]>(session, contract, 'quotePlan', [id]);
    plans.push({ id, usdPrice: plan.usdPrice, duration: plan.duration, sesh: quote });
  }
  const select = h('select', { 'data-testid': 'plan' }, ...plans.map((p) => h('option', { value: p.id.toString() }, `Plan ${p.id}: ${Number(p.duration) / 86_400} days, ${usd(p.usdPrice)} ≈ ${sesh(p.sesh)}`)));
  const id = h('input', { size: 70, placeholder: '05… (66 hex digits)', 'data-testid': 'pro-session-id' });
  const status = new Status();
  const button = h('button', { 'data-testid': 'subscribe' }, 'Subscribe');
  button.addEventListener('click', () => flow(status, button, async () => {
    const sessionId = sessionIdBytes(id.value, status);
    const planId = BigInt(select.value);
    const [usdPrice, quote] = await read<readonly [bigint, bigint]>(session, contract, 'quotePlan', [planId]);
    const max = withSlippage(quote);
    await pay(session, status, contract, max, `Subscribe plan ${planId} (${usd(usdPrice)}, at most ${sesh(max)})`, 'subscribe', [sessionId, planId, max]);
    const expiry = await read<bigint>(session, contract, 'proExpiry', [sessionId]);
    return `Session Pro until ${new Date(Number(expiry) * 1000).toISOString()}.`;
  }));
  return h('article', { class: 'card', 'data-testid': 'pro' }, h('h3', {}, 'Session Pro'),
    h('div', { class: 'row' }, select), h('div', { class: 'row' }, id, button), status.el);
}

async function names(session: Session): Promise<HTMLElement> {
  const contract = session.deployment.contract('SessionNames');
  const name = h('input', { placeholder: 'name (3–64: a-z, 0-9, -)', 'data-testid': 'name' });
  const id = h('input', { size: 70, placeholder: '05… (66 hex digits)', 'data-testid': 'name-session-id' });
  const price = h('span', { 'data-testid': 'name-price' });
  const status = new Status();
  const quote = h('button', { 'data-testid': 'quote-name' }, 'Price');
  quote.addEventListener('click', () => flow(status, quote, async () => {
    const [usdPrice, seshPrice] = await read<readonly [bigint, bigint]>(session, contract, 'quoteName', [name.value]).catch((e) => status.refuse(explain(session.deployment.errors, e)));
    price.textContent = `${usd(usdPrice)} ≈ ${sesh(seshPrice)} a year`;
  }));
  const button = h('button', { 'data-testid': 'register-name' }, 'Register');
  button.addEventListener('click', () => flow(status, button, async () => {
    const sessionId = sessionIdBytes(id.value, status);
    // Quoting reverts with the name's own error (length, alphabet): show it as the refusal.
    const [usdPrice, seshPrice] = await read<readonly [bigint, bigint]>(session, contract, 'quoteName', [name.value])
      .catch((error) => status.refuse(explain(session.deployment.errors, error)));
    price.textContent = `${usd(usdPrice)} ≈ ${sesh(seshPrice)} a year`;
    const max = withSlippage(seshPrice);
    await pay(session, status, contract, max, `Register "${name.value}" (${usd(usdPrice)}, at most ${sesh(max)})`, 'register', [name.value, sessionId, max]);
    return `"${name.value}" is registered to ${id.value.trim()}.`;
  }));
  return h('article', { class: 'card', 'data-testid': 'names' }, h('h3', {}, 'Session Names'),
    h('div', { class: 'row' }, name, quote, price), h('div', { class: 'row' }, id, button), status.el);
}
