// Browser tests of the portal: a fresh devnet, the built page served by `sesh portal`, Debian's
// chromium driven by playwright-core, a wallet injected before the page's scripts. Each flow is
// clicked through and the chain's state asserted afterwards with viem. Screenshots go to
// portal/test/screenshots/ (ignored). Any console error or page error fails the run.
//   npm run portal:test            (SESH_BIN=... to use another sesh binary, CHROMIUM=... another browser)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createPublicClient, createTestClient, createWalletClient, erc20Abi, getAddress, http, parseUnits } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { startSystem } from './devnet.mjs';
import { walletScript } from './wallet.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const bin = process.env.SESH_BIN ?? path.join(repo, 'target/debug/sesh');
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const dist = path.join(repo, 'portal/dist');
const shots = path.join(repo, 'portal/test/screenshots');
const MNEMONIC = 'test test test test test test test test test test test junk';
const dev = (i) => mnemonicToAccount(MNEMONIC, { addressIndex: i });
const SESH = (text) => parseUnits(text, 9);
const started = Date.now();

for (const [what, file] of [['sesh', bin], ['chromium', browserPath], ['the built page (npm run portal:build)', path.join(dist, 'index.html')]]) {
  if (!existsSync(file)) { console.error(`portal:test: ${what} is missing at ${file}`); process.exit(1); }
}
mkdirSync(shots, { recursive: true });

const system = await startSystem({ bin, repo, page: dist });
let browser;
const problems = [];
const results = [];

try {
  const manifest = JSON.parse(readFileSync(system.manifest, 'utf8'));
  const abi = (name) => JSON.parse(readFileSync(path.join(path.dirname(system.manifest), manifest.contracts[name].abi), 'utf8'));
  const at = (name) => ({ address: getAddress(manifest.contracts[name].address), abi: abi(name) });
  const chain = { id: manifest.chainId, name: 'devnet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [system.rpc] } } };
  const client = createPublicClient({ chain, transport: http(system.rpc) });
  const anvil = createTestClient({ chain, mode: 'anvil', transport: http(system.rpc) });
  const read = (target, functionName, args = []) => client.readContract({ ...target, functionName, args });
  const token = at('SessionToken'), lens = at('StakingLens'), factory = at('ContributionFactory');
  const clone = (address) => ({ address, abi: abi('ContributionContract') });
  const balance = (who) => client.readContract({ address: token.address, abi: erc20Abi, functionName: 'balanceOf', args: [who] });
  const allowance = (who, spender) => client.readContract({ address: token.address, abi: erc20Abi, functionName: 'allowance', args: [who, spender] });

  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    // launch() gives chromium a fresh temporary profile of its own (it refuses --user-data-dir);
    // each test's wallet lives in a new context of it.
  });

  /** A page whose wallet is dev account `index`, connected unless told otherwise. */
  async function open(label, index, { startChainId = manifest.chainId, view = 'overview', connect = true } = {}) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
    await context.addInitScript(walletScript, { rpc: system.rpc, account: dev(index).address, startChainId });
    const page = await context.newPage();
    page.setDefaultTimeout(90_000);
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${label}: console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${label}: page error: ${e.message}`));
    await page.goto(`${system.origin}/#${view}`);
    await page.waitForSelector(`#view[data-view="${view}"]:not([data-loading])`);
    if (connect) {
      await page.getByTestId('connect').click();
      await page.getByTestId('account').waitFor();
      await page.waitForSelector(`#view[data-view="${view}"]:not([data-loading])`);
    }
    return page;
  }
  async function go(page, view) {
    await page.getByTestId(`tab-${view}`).click();
    await page.waitForFunction((v) => { const el = document.getElementById('view'); return el.dataset.view === v && !el.hasAttribute('data-loading') && location.hash === `#${v}`; }, view);
  }
  /** Re-renders `view` until `selector` shows (the index follows the chain a moment later). */
  async function until(page, view, selector) {
    for (let i = 0; i < 120; i++) {
      await go(page, view === 'overview' ? 'overview' : view);
      if (await page.locator(selector).count()) return page.locator(selector);
      await go(page, 'overview');
      await page.waitForTimeout(500);
    }
    await go(page, view);
    throw new Error(`${selector} never showed in ${view}; it shows:\n${(await page.locator('#view').innerText()).slice(0, 3000)}`);
  }
  /** Clicks and waits for the flow's outcome in the activity log; the view has re-rendered after. */
  async function act(page, locator) {
    const before = await page.getByTestId('activity').count();
    await locator.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=activity]').length > n, before);
    const last = page.getByTestId('activity').first();
    const outcome = { outcome: await last.getAttribute('data-outcome'), text: await last.textContent() };
    await page.waitForSelector('#view:not([data-loading])');
    return outcome;
  }
  const shot = (page, name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  async function test(name, body) {
    const t0 = Date.now();
    await body();
    results.push(`ok  ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    console.log(results.at(-1));
  }

  await test('overview: figures match the chain, both charts drawn', async () => {
    const page = await open('overview', 1, { connect: false });
    const size = await read(lens, 'networkSize');
    assert.equal(await page.getByTestId('network-size').textContent(), size.toString());
    assert.match(await page.getByTestId('apr').textContent(), /^\d+\.\d\d%$/);
    assert.match(await page.getByTestId('pool-balance').textContent(), /^[\d,]+(\.\d+)? SESH$/);
    for (const chart of ['chart-pool', 'chart-rewards']) {
      const points = await page.locator(`[data-testid=${chart}] polyline`).getAttribute('points');
      assert.ok(points.split(' ').length >= 2, `${chart} has a line`);
    }
    await shot(page, 'overview');
    await page.context().close();
  });

  await test('wallet on the wrong chain: the page asks to switch, then shows the account', async () => {
    const page = await open('wrong-chain', 3, { startChainId: 1 });
    assert.deepEqual(await page.evaluate(() => window.__switches), [`0x${manifest.chainId.toString(16)}`]);
    assert.equal(await page.getByTestId('account').textContent(), dev(3).address);
    await page.context().close();
  });

  // An operator's public registration data: `sesh keys registration` writes the public keys and the
  // proof of possession binding them to one operator on this deployment (the secret stays in the
  // key file, which the page refuses).
  const keysFor = (seedByte, operator, name) => {
    const keys = path.join(system.dir, `${name}-keys.json`), out = path.join(system.dir, `${name}-registration.json`);
    execFileSync(bin, ['keys', 'generate', '--out', keys, '--seed', `0x${seedByte.repeat(32)}`], { cwd: repo, stdio: 'pipe' });
    execFileSync(bin, ['keys', 'registration', '--keys', keys, '--operator', operator, '--out', out, '--rpc-url', system.rpc,
      '--deployment', system.manifest], { cwd: repo, stdio: 'pipe' });
    return { keys, registration: out };
  };
  const operatorIndex = 2, operatorAddress = dev(operatorIndex).address;
  const { keys: keyFile, registration: publicFile } = keysFor('42', operatorAddress, 'node');
  const keyText = readFileSync(keyFile, 'utf8');
  const created = async () => (await client.getContractEvents({ ...factory, eventName: 'ContributionContractCreated', fromBlock: 0n })).map((e) => e.args.contributionContract);
  /** Fills the create form (a fresh render) and clicks it; returns the outcome and the new contract. */
  async function createContract(page, { file, fee = '0', stake = '', reservations = [] }) {
    await page.getByTestId('key-file').setInputFiles(file);
    await page.getByTestId('fee').fill(fee);
    await page.getByTestId('operator-stake').fill(stake);
    for (const [i, [who, amount]] of reservations.entries()) {
      await page.getByTestId('add-reservation').click();
      await page.getByTestId('reservation-address').nth(i).fill(who);
      await page.getByTestId('reservation-amount').nth(i).fill(amount);
    }
    const before = (await created()).length;
    const result = await act(page, page.getByTestId('create-contract'));
    const after = await created();
    assert.equal(after.length, before + (result.outcome === 'done' ? 1 : 0), 'one contract per success, none per failure');
    return { result, contract: result.outcome === 'done' ? after.at(-1) : undefined };
  }
  const myCard = (contract) => `[data-testid=my-contract][data-contract="${contract}"]`;
  let opened;

  await test('operator: refuses secrets, a file without proof and reservations above what is left (unsent); opens a contract with its stake and one reservation', async () => {
    const page = await open('operator', operatorIndex, { view: 'operator' });
    const nonce = await client.getTransactionCount({ address: operatorAddress });
    await page.getByTestId('key-json').fill(keyText);
    let result = await act(page, page.getByTestId('create-contract'));
    assert.equal(result.outcome, 'failed');
    assert.match(result.text, /secret seed/);
    const { seed: _seed, ...publicOnly } = JSON.parse(keyText);
    await page.getByTestId('key-json').fill(JSON.stringify(publicOnly));
    result = await act(page, page.getByTestId('create-contract'));
    assert.equal(result.outcome, 'failed');
    assert.match(result.text, new RegExp(`no proofOfPossession.*${operatorAddress}`));
    await page.getByTestId('key-json').fill('');
    // 6,250 staked leaves 18,750 SESH of the 25,000 for others: one atomic unit more is refused.
    const reserved = dev(5).address;
    ({ result } = await createContract(page, { file: publicFile, fee: '5', stake: '6250', reservations: [[reserved, '18750.000000001']] }));
    assert.equal(result.outcome, 'failed');
    assert.match(result.text, /The reservations total 18,750\.000000001 SESH, above what is left for other stakers: 18,750 SESH \(the requirement 25,000 SESH minus the operator's 6,250 SESH\)\. Nothing was sent\./);
    assert.equal(await client.getTransactionCount({ address: operatorAddress }), nonce, 'nothing was sent');

    await page.getByTestId('reservation-amount').fill('2000');
    const before = await balance(operatorAddress);
    ({ result, contract: opened } = await createContract(page, { file: publicFile, fee: '5', stake: '6250' }));
    assert.equal(result.outcome, 'done', result.text);
    assert.ok(result.text.includes(opened) && result.text.includes('with 1 reservation'), result.text);
    assert.equal(await read(factory, 'owns', [opened]), true);
    assert.equal(await read(clone(opened), 'operator'), operatorAddress);
    assert.equal(await read(clone(opened), 'feeBps'), 500);
    assert.equal(await read(clone(opened), 'contributionOf', [operatorAddress]), SESH('6250'));
    assert.deepEqual(await read(clone(opened), 'reservations'), [{ staker: reserved, amount: SESH('2000') }]);
    assert.equal(before - (await balance(operatorAddress)), SESH('6250'));
    assert.equal(await allowance(operatorAddress, factory.address), 0n);
    // Listed under "Your contracts" with the contract's own figures.
    const card = page.locator(myCard(opened));
    await until(page, 'operator', myCard(opened));
    assert.equal(await card.getByTestId('my-contributed').textContent(), '6,250 SESH of 25,000 SESH');
    assert.equal(await card.getByTestId('my-remaining').textContent(), '18,750 SESH');
    assert.equal(await card.getByTestId('my-slots').textContent(), String(await read(clone(opened), 'openSlots')));
    assert.equal(await card.getByTestId('my-reservations').textContent(), `${reserved.slice(0, 6)}…${reserved.slice(-4)}: 2,000 SESH`);
    assert.equal(await card.getByTestId('finalize').count(), 0, 'not full: no Finalize');
    assert.equal(await card.getByTestId('update-fee').count(), 0, 'the operator deposited: the fee is fixed');
    await shot(page, 'operator');
    await page.context().close();
  });

  await test('operator: Update fee, keys and reservations on a contract waiting for its stake, each bumping the terms version; a reservation too large is refused unsent', async () => {
    const page = await open('operator-fee', operatorIndex, { view: 'operator' });
    const { result, contract } = await createContract(page, { file: publicFile, fee: '5' });
    assert.equal(result.outcome, 'done', result.text);
    assert.equal(await read(clone(contract), 'status'), 0, 'waiting for the operator');
    const terms = await read(clone(contract), 'termsVersion');
    const card = page.locator(myCard(contract));
    await until(page, 'operator', `${myCard(contract)} [data-testid=update-fee]`);
    assert.equal(await card.getByTestId('my-fee').textContent(), `5.00% (terms version ${terms})`);
    await card.getByTestId('new-fee').fill('7.5');
    const outcome = await act(page, card.getByTestId('update-fee'));
    assert.equal(outcome.outcome, 'done', outcome.text);
    assert.equal(await read(clone(contract), 'feeBps'), 750);
    assert.equal(await read(clone(contract), 'termsVersion'), terms + 1);
    await card.getByTestId('my-fee').filter({ hasText: `7.50% (terms version ${terms + 1})` }).waitFor();

    // New keys from another registration file, checked (proof) before sending.
    const { registration: newKeys } = keysFor('44', operatorAddress, 'node-new');
    const ed25519 = JSON.parse(readFileSync(newKeys, 'utf8')).ed25519PublicKey.toLowerCase();
    await card.locator('[data-testid=changes]').evaluate((details) => { details.open = true; });
    await card.getByTestId('new-key-file').setInputFiles(newKeys);
    let changed = await act(page, card.getByTestId('update-keys'));
    assert.equal(changed.outcome, 'done', changed.text);
    const [, onChainEd25519] = await read(clone(contract), 'keys');
    assert.equal(onChainEd25519.toLowerCase(), ed25519.startsWith('0x') ? ed25519 : `0x${ed25519}`);
    assert.equal(await read(clone(contract), 'termsVersion'), terms + 2);

    // Reservations: one above what is left for others is refused unsent, then one is set.
    const nonce = await client.getTransactionCount({ address: operatorAddress });
    const reserve = async (amount) => {
      await card.locator('[data-testid=changes]').evaluate((details) => { details.open = true; });
      if (await card.getByTestId('reservation').count() === 0) await card.getByTestId('add-reservation').click();
      await card.getByTestId('reservation-address').fill(dev(5).address);
      await card.getByTestId('reservation-amount').fill(amount);
      return act(page, card.getByTestId('update-reservations'));
    };
    changed = await reserve('18750.000000001');
    assert.equal(changed.outcome, 'failed');
    assert.match(changed.text, /above what is left for other stakers: 18,750 SESH/);
    assert.equal(await client.getTransactionCount({ address: operatorAddress }), nonce, 'nothing was sent');
    changed = await reserve('1000');
    assert.equal(changed.outcome, 'done', changed.text);
    assert.deepEqual(await read(clone(contract), 'reservations'), [{ staker: dev(5).address, amount: SESH('1000') }]);
    assert.equal(await read(clone(contract), 'termsVersion'), terms + 3);
    await shot(page, 'operator-fee');
    await page.context().close();
  });

  await test('operator: stakes the whole requirement without auto-finalize; Finalize is off with its reason while the registry is paused, then registers the node', async () => {
    const index = 6, address = dev(index).address;
    const wallet = createWalletClient({ chain, transport: http(system.rpc) });
    const funding = await wallet.writeContract({ account: dev(1).address, address: token.address, abi: erc20Abi, functionName: 'transfer', args: [address, SESH('25000')] });
    assert.equal((await client.waitForTransactionReceipt({ hash: funding })).status, 'success');
    const { registration } = keysFor('43', address, 'full');
    const page = await open('operator-finalize', index, { view: 'operator' });
    const { result, contract } = await createContract(page, { file: registration, fee: '10', stake: '25000' });
    assert.equal(result.outcome, 'done', result.text);
    assert.equal(await read(clone(contract), 'status'), 2, 'filled');
    assert.equal(await read(clone(contract), 'nodeId'), 0n);
    const size = await read(lens, 'networkSize');
    // While the registry is paused, the card says why Finalize waits, and the button is off.
    const owner = dev(0).address, registry = at('StakingRegistry');
    const paused = await wallet.writeContract({ account: owner, ...registry, functionName: 'pause' });
    assert.equal((await client.waitForTransactionReceipt({ hash: paused })).status, 'success');
    const check = await until(page, 'operator', `${myCard(contract)} [data-testid=finalize-check][data-ready=false]`);
    assert.match(await check.textContent(), /The staking registry is paused/);
    assert.equal(await page.locator(myCard(contract)).getByTestId('finalize').isDisabled(), true);
    const resumed = await wallet.writeContract({ account: owner, ...registry, functionName: 'unpause' });
    assert.equal((await client.waitForTransactionReceipt({ hash: resumed })).status, 'success');
    await until(page, 'operator', `${myCard(contract)} [data-testid=finalize-check][data-ready=true]`);
    const button = page.locator(myCard(contract)).getByTestId('finalize');
    assert.equal(await button.isDisabled(), false);
    assert.equal(await page.locator(myCard(contract)).getByTestId('my-remaining').textContent(), '0 SESH');
    const outcome = await act(page, button);
    assert.equal(outcome.outcome, 'done', outcome.text);
    const nodeId = await read(clone(contract), 'nodeId');
    assert.ok(nodeId > 0n, 'finalized');
    assert.ok(outcome.text.includes(`node ${nodeId} is registered`), outcome.text);
    const node = await read(lens, 'nodeRecord', [nodeId]);
    assert.equal(node.operator, address);
    assert.equal(node.contributionContract, contract);
    assert.equal(node.feeBps, 1000);
    assert.equal(node.deposit, SESH('25000'));
    assert.equal(await read(lens, 'networkSize'), size + 1n);
    await shot(page, 'operator-finalize');
    await page.context().close();
  });

  const staker = 3, stakerAddress = dev(staker).address;
  await test('open nodes: a deposit below the minimum is refused unsent, then a deposit lands with a permit: one signature, one transaction', async () => {
    const page = await open('open-nodes', staker, { view: 'open' });
    const card = await until(page, 'open', `[data-testid=open-contract][data-contract="${opened}"]`);
    const minimum = await read(clone(opened), 'minimumContributionOf', [stakerAddress]);
    const nonce = await client.getTransactionCount({ address: stakerAddress });
    await card.getByTestId('contribute-amount').fill('1');
    let result = await act(page, card.getByTestId('contribute'));
    assert.equal(result.outcome, 'failed');
    assert.match(result.text, /below this contract's minimum contribution/);
    assert.ok(result.text.includes(`${(Number(minimum) / 1e9).toLocaleString('en-US', { maximumFractionDigits: 9 })} SESH`), result.text);
    assert.equal(await client.getTransactionCount({ address: stakerAddress }), nonce, 'nothing was sent');
    const before = await balance(stakerAddress);
    const again = page.locator(`[data-testid=open-contract][data-contract="${opened}"]`);
    const permitNonce = await read(token, 'nonces', [stakerAddress]);
    await again.getByTestId('contribute-amount').fill('3000');
    result = await act(page, again.getByTestId('contribute'));
    assert.equal(result.outcome, 'done', result.text);
    assert.equal(await client.getTransactionCount({ address: stakerAddress }), nonce + 1, 'one transaction: no approval sent');
    assert.equal(await read(token, 'nonces', [stakerAddress]), permitNonce + 1n, 'the permit was used');
    assert.equal(await read(clone(opened), 'contributionOf', [stakerAddress]), SESH('3000'));
    assert.equal(before - (await balance(stakerAddress)), SESH('3000'));
    assert.equal(await allowance(stakerAddress, opened), 0n);
    await until(page, 'open', `[data-testid=open-contract][data-contract="${opened}"] [data-testid=contributed]:text-is("9,250 SESH")`);
    await shot(page, 'open-nodes');
    await page.context().close();
  });

  const sessionId = `05${'ab'.repeat(32)}`;
  await test('Pro and Names: subscribe, register, a taken name and an empty balance are decoded reverts', async () => {
    const pro = at('SessionPro'), names = at('SessionNames');
    const page = await open('fees', staker, { view: 'fees' });
    assert.match(await page.getByTestId('plan').textContent(), /\$4\.99 ≈ [\d,.]+ SESH/);
    const before = await balance(stakerAddress);
    await page.getByTestId('pro-session-id').fill(sessionId);
    let result = await act(page, page.getByTestId('subscribe'));
    assert.equal(result.outcome, 'done', result.text);
    assert.equal(await read(pro, 'isPro', [`0x${sessionId}`]), true);
    assert.ok((await balance(stakerAddress)) < before);
    assert.equal(await allowance(stakerAddress, pro.address), 0n);

    await page.getByTestId('name').fill('portal-test');
    await page.getByTestId('name-session-id').fill(sessionId);
    result = await act(page, page.getByTestId('register-name'));
    assert.equal(result.outcome, 'done', result.text);
    assert.equal((await read(names, 'recordOf', ['portal-test'])).holder, stakerAddress);
    assert.equal(await read(names, 'resolve', ['portal-test']), `0x${sessionId}`);
    await page.getByTestId('name').fill('portal-test');
    await page.getByTestId('name-session-id').fill(sessionId);
    result = await act(page, page.getByTestId('register-name'));
    assert.equal(result.outcome, 'failed');
    assert.match(result.text, /\(NameUnavailable\)/);
    assert.equal(await allowance(stakerAddress, names.address), 0n);
    await shot(page, 'fees');
    await page.context().close();

    const broke = 4, brokeAddress = dev(broke).address;
    assert.equal(await balance(brokeAddress), 0n);
    const poor = await open('fees-no-sesh', broke, { view: 'fees' });
    await poor.getByTestId('pro-session-id').fill(sessionId);
    result = await act(poor, poor.getByTestId('subscribe'));
    assert.equal(result.outcome, 'failed');
    assert.match(result.text, /ERC-20: insufficient balance: sender 0x[0-9a-fA-F]{40}, balance 0 SESH, needed [\d,.]+ SESH \(ERC20InsufficientBalance\)/);
    assert.equal(await allowance(brokeAddress, pro.address), 0n, 'the allowance was reset');
    await shot(poor, 'fees-revert');
    await poor.context().close();
  });

  await test('token swap: a listed account claims its leaf once; an unlisted one is told so; wOXEN converts at the ratio, an amount above the balance refused unsent', async () => {
    const distributor = at('MerkleClaims'), converter = at('TokenConverter'), legacy = at('DevnetLegacyToken');
    const claimer = 7, claimerAddress = dev(claimer).address, amount = 250_000_500_000_000n;
    assert.equal(await read(distributor, 'isClaimed', [claimerAddress, amount]), false);
    const page = await open('swap', claimer, { view: 'swap' });
    const row = page.locator(`[data-testid=claim][data-amount="${amount}"]`);
    assert.equal(await row.getAttribute('data-claimed'), 'false');
    const before = await balance(claimerAddress);
    let result = await act(page, row.getByTestId('claim-swap'));
    assert.equal(result.outcome, 'done', result.text);
    assert.match(result.text, /Claimed 250,000\.5 SESH to 0x/);
    assert.equal((await balance(claimerAddress)) - before, amount, 'the leaf paid exactly its amount');
    assert.equal(await read(distributor, 'isClaimed', [claimerAddress, amount]), true);
    await page.waitForSelector(`[data-testid=claim][data-amount="${amount}"][data-claimed=true]`);
    assert.equal(await row.getByTestId('claim-swap').count(), 0);
    await shot(page, 'swap-claims');
    await page.context().close();

    const converterIndex = 8, holder = dev(converterIndex).address;
    const unlisted = await open('swap-unlisted', converterIndex, { view: 'swap' });
    assert.match(await unlisted.getByTestId('no-claims').textContent(), /is not in the program's list/);
    const wallet = createWalletClient({ chain, transport: http(system.rpc) });
    const mint = await wallet.writeContract({ account: holder, ...legacy, functionName: 'mint', args: [holder, SESH('1000')] });
    assert.equal((await client.waitForTransactionReceipt({ hash: mint })).status, 'success');
    await go(unlisted, 'overview');
    await go(unlisted, 'swap');
    assert.match(await unlisted.getByTestId('legacy-balance').textContent(), /You hold 1,000 wOXEN/);
    assert.match(await unlisted.getByTestId('converter-terms').textContent(), /^1 wOXEN converts to 1 SESH \(the ratio is fixed at deployment\)/);
    const nonce = await client.getTransactionCount({ address: holder });
    await unlisted.getByTestId('convert-amount').fill('1000.5');
    result = await act(unlisted, unlisted.getByTestId('convert'));
    assert.equal(result.outcome, 'failed');
    assert.match(result.text, /You hold 1,000 wOXEN, less than 1,000\.5 wOXEN: nothing was sent/);
    assert.equal(await client.getTransactionCount({ address: holder }), nonce, 'nothing sent');
    const [seshBefore, quote] = [await balance(holder), await read(converter, 'quote', [SESH('123.456789')])];
    await unlisted.getByTestId('convert-amount').fill('123.456789');
    result = await act(unlisted, unlisted.getByTestId('convert'));
    assert.equal(result.outcome, 'done', result.text);
    assert.equal((await balance(holder)) - seshBefore, quote, 'paid the quote');
    assert.equal(await read(legacy, 'balanceOf', [holder]), SESH('1000') - SESH('123.456789'));
    assert.equal(await read(legacy, 'allowance', [holder, converter.address]), 0n, 'no allowance left');
    await shot(unlisted, 'swap-converter');
    await unlisted.context().close();
  });

  const contributor = 30, contributorAddress = dev(contributor).address;
  let smallNode;
  await test('my stakes: a contributor below 25% sees the 30-day lock and Request exit off; its 30% position may request', async () => {
    const page = await open('small-staker', contributor, { view: 'stakes' });
    const small = page.locator('[data-testid=position]').filter({ hasText: '(below 25%)' }).first();
    smallNode = BigInt(await small.getAttribute('data-node'));
    const record = await read(lens, 'nodeRecord', [smallNode]);
    const chainNow = (await client.getBlock()).timestamp;
    assert.ok(record.registeredAt + 30n * 86_400n > chainNow, 'the lock runs on chain');
    assert.match(await small.getByTestId('lock-countdown').textContent(), /^Below 25% of the deposit: you may request the exit in 2\d d/);
    assert.equal(await small.getByTestId('request-exit').isDisabled(), true);
    const large = page.locator('[data-testid=position]').filter({ hasNotText: '(below 25%)' }).first();
    assert.equal(await large.getByTestId('lock-countdown').count(), 0);
    assert.equal(await large.getByTestId('request-exit').isDisabled(), false);
    await shot(page, 'stakes-small-staker');
    await page.context().close();
  });

  await test('my stakes: claim all, request exit, an early finalize is a decoded revert, finalize and withdraw', async () => {
    const operatorOfNode1 = dev(10).address;
    assert.equal(operatorOfNode1, '0xBcd4042DE499D14e55001CcbB24a551F3b954096');
    const page = await open('stakes', 10, { view: 'stakes' });
    const due = await read(lens, 'claimableRewards', [1n, operatorOfNode1]);
    assert.ok(due > 0n);
    let before = await balance(operatorOfNode1);
    let result = await act(page, page.getByTestId('claim-all'));
    assert.equal(result.outcome, 'done', result.text);
    assert.ok((await balance(operatorOfNode1)) - before >= due, 'claimed at least what was claimable');
    assert.equal((await read(lens, 'position', [1n, operatorOfNode1])).rewardsPaid >= due, true);

    const node1 = () => page.locator('[data-testid=position][data-node="1"]');
    result = await act(page, node1().getByTestId('request-exit'));
    assert.equal(result.outcome, 'done', result.text);
    const requested = (await read(lens, 'nodeRecord', [1n])).exitRequestedAt;
    assert.ok(requested > 0n);

    await until(page, 'stakes', '[data-testid=position][data-node="1"] [data-testid=finalize-exit]');
    assert.match(await node1().getByTestId('exit-countdown').textContent(), /Exit unlocks in (29|30) d/);
    result = await act(page, node1().getByTestId('finalize-exit'));
    assert.equal(result.outcome, 'failed');
    assert.match(result.text, /Exit not unlocked: nodeId 1, unlockTime \d+ \(ExitNotUnlocked\)/);
    assert.equal((await read(lens, 'nodeRecord', [1n])).exitRequestedAt, requested, 'still waiting');

    await anvil.increaseTime({ seconds: 31 * 86_400 });
    await anvil.mine({ blocks: 1 });
    result = await act(page, node1().getByTestId('finalize-exit'));
    assert.equal(result.outcome, 'done', result.text);
    assert.ok((await read(lens, 'position', [1n, operatorOfNode1])).withdrawable > 0n);

    await until(page, 'stakes', '[data-testid=position][data-node="1"] [data-testid=withdraw-stake]');
    before = await balance(operatorOfNode1);
    result = await act(page, node1().getByTestId('withdraw-stake'));
    assert.equal(result.outcome, 'done', result.text);
    const after = await read(lens, 'position', [1n, operatorOfNode1]);
    assert.equal(after.stakeWithdrawn, true);
    assert.ok((await balance(operatorOfNode1)) - before >= SESH('25000'), 'the stake came back');
    assert.equal(await node1().getByTestId('withdrawable').textContent(), 'withdrawn');
    assert.equal(await node1().getByTestId('withdraw-stake').count(), 0);
    await shot(page, 'stakes');
    await page.context().close();
  });

  await test('my stakes: 30 days on, the small staker\'s lock is over and its exit request lands', async () => {
    const page = await open('small-staker-later', contributor, { view: 'stakes' });
    const small = page.locator(`[data-testid=position][data-node="${smallNode}"]`);
    assert.match(await small.getByTestId('lock-countdown').textContent(), /The 30-day small-staker lock is over/);
    const result = await act(page, small.getByTestId('request-exit'));
    assert.equal(result.outcome, 'done', result.text);
    assert.ok((await read(lens, 'nodeRecord', [smallNode])).exitRequestedAt > 0n, 'the exit is requested on chain');
    await page.context().close();
  });

  await test('my stakes: a contribution contract deposit is withdrawn (a day after it)', async () => {
    const page = await open('contributions', staker, { view: 'stakes' });
    const card = await until(page, 'stakes', `[data-testid=contribution][data-contract="${opened}"] [data-testid=withdraw-contribution]`);
    const before = await balance(stakerAddress);
    const result = await act(page, card);
    assert.equal(result.outcome, 'done', result.text);
    assert.equal(await read(clone(opened), 'contributionOf', [stakerAddress]), 0n);
    assert.equal((await balance(stakerAddress)) - before, SESH('3000'));
    await shot(page, 'contributions');
    await page.context().close();
  });

  await test('operator: Reset turns the operator\'s deposit into a refund claimed in My stakes; Cancel ends the contract', async () => {
    const contract = clone(opened);
    const terms = await read(contract, 'termsVersion');
    const deposit = await read(contract, 'contributionOf', [operatorAddress]);
    assert.equal(deposit, SESH('6250'));
    const page = await open('operator-reset', operatorIndex, { view: 'operator' });
    const card = await until(page, 'operator', `${myCard(opened)} [data-testid=reset]`);
    let result = await act(page, card);
    assert.equal(result.outcome, 'done', result.text);
    assert.equal(await read(contract, 'status'), 0, 'waiting for the operator again');
    assert.equal(await read(contract, 'termsVersion'), terms + 1, 'the terms moved on');
    assert.equal(await read(contract, 'refundable', [operatorAddress]), deposit);

    const refund = await until(page, 'stakes', `[data-testid=contribution][data-contract="${opened}"] [data-testid=claim-refund]`);
    assert.match(await refund.textContent(), /Claim refund 6,250 SESH/);
    const before = await balance(operatorAddress);
    result = await act(page, refund);
    assert.equal(result.outcome, 'done', result.text);
    assert.equal((await balance(operatorAddress)) - before, deposit, 'the refund paid the deposit back');
    assert.equal(await read(contract, 'refundable', [operatorAddress]), 0n);
    await shot(page, 'stakes-refund');

    const cancel = await until(page, 'operator', `${myCard(opened)} [data-testid=cancel]`);
    result = await act(page, cancel);
    assert.equal(result.outcome, 'done', result.text);
    assert.equal(await read(contract, 'status'), 4, 'cancelled');
    await page.context().close();
  });

  assert.deepEqual(problems, [], 'no console or page errors');
  console.log(`portal:test: ${results.length} browser tests passed in ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in portal/test/screenshots/`);
} catch (error) {
  console.error(`portal:test FAILED: ${error.stack ?? error}`);
  if (problems.length) console.error(`console/page errors:\n${problems.join('\n')}`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => undefined);
  system.stop();
}
