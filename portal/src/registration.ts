// A node's public registration data, from the JSON an operator loads: the public keys of
// `sesh keys generate` and a proof of possession for the operator's address. Secrets are refused.
import { isHex, type Hex } from 'viem';
import { explain } from './errors';
import { FlowError, read, type Session, type Status } from './tx';

export interface Registration { blsPublicKey: Hex; ed25519PublicKey: Hex; proofOfPossession: Hex }

const hex = (value: unknown): Hex | undefined => {
  if (typeof value !== 'string') return undefined;
  const text = value.startsWith('0x') ? value : `0x${value}`;
  return isHex(text) ? (text.toLowerCase() as Hex) : undefined;
};

/** Parses the file's text; throws a sentence saying what is missing. */
export function parseRegistration(text: string, operator: string): Registration {
  let json: Record<string, unknown>;
  try { json = JSON.parse(text); } catch { throw new Error('The file is not JSON: load the public key file of `sesh keys generate`.'); }
  if ('seed' in json || 'secret' in json) {
    throw new Error('This file holds the node\'s secret seed: the page never takes secrets. Load a copy with only blsPublicKey, ed25519PublicKey and proofOfPossession.');
  }
  const bls = hex(json.blsPublicKey), ed = hex(json.ed25519PublicKey);
  if (!bls || (bls.length - 2) / 2 !== 128) throw new Error('blsPublicKey must be the 128-byte EIP-2537 key printed by `sesh keys generate`.');
  if (!ed || (ed.length - 2) / 2 !== 32) throw new Error('ed25519PublicKey must be the 32-byte key printed by `sesh keys generate`.');
  const pop = hex(json.proofOfPossession);
  if (!pop) {
    throw new Error(`The file has no proofOfPossession. The proof binds the BLS key to the operator ${operator} and needs the node's secret key: produce the file with \`sesh keys registration --keys FILE --operator ${operator} --out registration.json\` where the key file lives, and load that file.`);
  }
  if ((pop.length - 2) / 2 !== 256) throw new Error('proofOfPossession must be a 256-byte EIP-2537 G2 signature.');
  if (typeof json.operator === 'string' && json.operator.toLowerCase() !== operator.toLowerCase()) {
    throw new Error(`This proof of possession is for ${json.operator}, not for the connected account ${operator}.`);
  }
  return { blsPublicKey: bls, ed25519PublicKey: ed, proofOfPossession: pop };
}

/** The registry checks the proof at finalization only: check it before anything is locked. */
export async function checkProof(session: Session, status: Status, registration: Registration): Promise<void> {
  const { deployment, account } = session;
  const check = status.step('Check the proof of possession');
  try {
    await read(session, deployment.contract('ConsensusRegistry'), 'verifyProofOfPossession', [registration.blsPublicKey, account, registration.ed25519PublicKey, registration.proofOfPossession]);
    check('mined', `valid for ${account}`);
  } catch (error) {
    const sentence = `The proof of possession is not valid for ${account} and these keys: ${explain(deployment.errors, error)}`;
    check('refused', sentence);
    throw new FlowError(sentence);
  }
}
