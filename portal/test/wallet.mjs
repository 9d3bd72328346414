// The injected wallet of the browser tests: an EIP-1193 object whose requests go to anvil, which
// signs eth_sendTransaction for its unlocked dev accounts. It starts on `startChainId` so the page's
// wrong-chain handling runs; wallet_switchEthereumChain calls are recorded in window.__switches.
export function walletScript({ rpc, account, startChainId }) {
  let id = 0;
  let chainId = startChainId;
  const listeners = {};
  const emit = (event, value) => (listeners[event] || []).forEach((fn) => fn(value));
  window.__switches = [];
  window.ethereum = {
    isPortalTestWallet: true,
    on(event, fn) { (listeners[event] ||= []).push(fn); },
    removeListener(event, fn) { listeners[event] = (listeners[event] || []).filter((f) => f !== fn); },
    async request({ method, params }) {
      if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [account];
      if (method === 'eth_chainId') return `0x${chainId.toString(16)}`;
      if (method === 'wallet_switchEthereumChain') {
        window.__switches.push(params[0].chainId);
        chainId = parseInt(params[0].chainId, 16);
        setTimeout(() => emit('chainChanged', params[0].chainId), 0);
        return null;
      }
      const response = await fetch(rpc, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: params ?? [] }),
      });
      const body = await response.json();
      if (body.error) {
        const error = new Error(body.error.message);
        error.code = body.error.code;
        error.data = body.error.data;
        throw error;
      }
      return body.result;
    },
  };
}
