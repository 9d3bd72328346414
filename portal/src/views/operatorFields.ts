// The operator form's inputs: the key file (or pasted JSON), fee, auto-finalize, stake.
import { h } from '../dom';

export function registrationFields() {
  const file = h('input', { type: 'file', accept: 'application/json,.json', 'data-testid': 'key-file' });
  const paste = h('textarea', { rows: 5, cols: 70, placeholder: '{ "blsPublicKey": "0x…", "ed25519PublicKey": "0x…", "proofOfPossession": "0x…" }', 'data-testid': 'key-json' });
  const fee = h('input', { value: '0', size: 6, 'data-testid': 'fee' });
  const autoFinalize = h('input', { type: 'checkbox', 'data-testid': 'auto-finalize' });
  const stake = h('input', { placeholder: 'SESH (optional, at least 25%)', 'data-testid': 'operator-stake' });
  const el = h('div', { class: 'form' },
    h('label', {}, 'Public key file ', file), h('label', {}, 'or paste its JSON ', paste),
    h('label', {}, 'Fee (%) ', fee), h('label', {}, autoFinalize, ' Register as soon as the last deposit fills it'),
    h('label', {}, 'Operator stake ', stake));
  return {
    el, fee, autoFinalize, stake,
    async text(): Promise<string> {
      const chosen = file.files?.[0];
      if (chosen) return chosen.text();
      if (paste.value.trim()) return paste.value;
      throw new Error('Load the public key file or paste its JSON.');
    },
  };
}
