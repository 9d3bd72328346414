// Starts the system for the browser tests: `sesh devnet` (anvil, the deployment, the scenario and
// its API) and `sesh portal` serving the built page with the API on one origin. Both are stopped by
// stop(); nothing is written into the repository (a temporary directory holds everything).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

async function until(what, child, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what}: the process exited with ${child.exitCode}`);
    try { if (await check()) return; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function startSystem({ bin, repo, page }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-test-'));
  const [rpcPort, apiPort, pagePort] = [await freePort(), await freePort(), await freePort()];
  const logs = { devnet: '', portal: '' };
  const children = [];
  const run = (name, args) => {
    const child = spawn(bin, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.on('data', (d) => { logs[name] += d; });
    child.stderr.on('data', (d) => { logs[name] += d; });
    children.push(child);
    return child;
  };
  const stop = () => {
    for (const child of children) {
      if (child.exitCode === null) { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // No clock ticks: the tests move time themselves. A tick mines a block an hour ahead with a new
    // price, and anvil answers an `eth_call` at "latest" that lands while that block is being
    // committed with its new state but the previous block's timestamp: a page's simulation then
    // fails with PriceFromFuture (seen in CI). A real chain answers "latest" from one block.
    const devnet = run('devnet', ['devnet', '--port', String(rpcPort), '--portal-port', String(apiPort), '--out', dir, '--tick-seconds', '0']);
    await until('sesh devnet', devnet, async () => (await fetch(`http://127.0.0.1:${apiPort}/api/info`)).ok, 240_000);
    const rpc = `http://127.0.0.1:${rpcPort}`;
    const manifest = path.join(dir, '31337.json');
    const portal = run('portal', ['portal', '--rpc-url', rpc, '--deployment', manifest, '--db', path.join(dir, 'page-index.sqlite'),
      '--port', String(pagePort), '--confirmations', '0', '--page', page]);
    const origin = `http://127.0.0.1:${pagePort}`;
    await until('sesh portal', portal, async () => (await fetch(`${origin}/`)).ok && (await fetch(`${origin}/api/info`)).ok, 120_000);
    return { dir, rpc, origin, manifest, logs, stop };
  } catch (error) {
    stop();
    error.message += `\n--- devnet output ---\n${logs.devnet.slice(-3000)}\n--- portal output ---\n${logs.portal.slice(-3000)}`;
    throw error;
  }
}
