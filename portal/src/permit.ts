// EIP-2612 permits of SESH: the wallet signs (eth_signTypedData_v4) an allowance of exactly the
// deposit for one contract, which the deposit's own transaction submits, so a deposit is one
// signature and one transaction instead of an approval transaction first.
import { parseSignature, type Hex } from 'viem';
import type { Address } from './chain';
import { date } from './format';
import { FlowError, read, type Session, type Status } from './tx';

export interface PermitSignature { deadline: bigint; v: number; r: Hex; s: Hex }

/** How long a permit stays valid: long enough to confirm in a wallet, short enough not to linger. */
const PERMIT_SECONDS = 30n * 60n;

/** Wallet answers that mean "this wallet cannot sign typed data", not "the user said no". */
function unsupported(error: unknown): boolean {
  const code = (error as { code?: number; cause?: { code?: number } }).code ?? (error as { cause?: { code?: number } }).cause?.code;
  return code === 4200 || code === -32601 || /not supported|does not exist|method not found/i.test(String((error as Error).message));
}

/**
 * Asks the wallet to sign a permit for `spender` to pull exactly `value` SESH from the account.
 * Returns undefined when the wallet cannot sign typed data (the caller then approves instead);
 * a refusal by the user ends the flow with nothing sent.
 */
export async function signPermit(session: Session, status: Status, spender: Address, value: bigint, label: string): Promise<PermitSignature | undefined> {
  const token = session.deployment.contract('SessionToken');
  const set = status.step(label);
  set('checking', 'reading the token\'s EIP-712 domain and your permit nonce');
  const [[, name, version, chainId, verifyingContract], nonce, block] = await Promise.all([
    read<readonly [Hex, string, string, bigint, Address, Hex, readonly bigint[]]>(session, token, 'eip712Domain'),
    read<bigint>(session, token, 'nonces', [session.account]),
    session.reader.getBlock(),
  ]);
  const deadline = block.timestamp + PERMIT_SECONDS;
  set('pending', 'waiting for the wallet\'s signature (no transaction, no gas)');
  let signature: Hex;
  try {
    signature = await session.writer.signTypedData({
      account: session.account,
      domain: { name, version, chainId: Number(chainId), verifyingContract },
      types: {
        Permit: [
          { name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' },
          { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' },
        ],
      },
      primaryType: 'Permit',
      message: { owner: session.account, spender, value, nonce, deadline },
    });
  } catch (error) {
    if (unsupported(error)) {
      set('checking', 'this wallet cannot sign permits: an approval transaction is used instead');
      return undefined;
    }
    set('failed', 'the signature was declined: nothing was sent');
    throw new FlowError('The permit was not signed: nothing was sent.');
  }
  const { r, s, v, yParity } = parseSignature(signature);
  set('signed', `valid until ${date(Number(deadline))}`);
  return { deadline, r, s, v: Number(v ?? 27n + BigInt(yParity)) };
}
