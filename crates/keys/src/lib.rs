//! A Session Node's keys: BLS12-381 for network consensus, Ed25519 for its identity on the network.

use session_bls::{PublicKey, SecretKey, Signature, messages::Domain};
use sha2::{Digest, Sha256};

/// The keys of one Session Node.
#[derive(Clone)]
pub struct NodeKeys {
    bls: SecretKey,
    ed25519: ed25519_dalek::SigningKey,
}

impl std::fmt::Debug for NodeKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NodeKeys").field("ed25519", &hex_of(&self.ed25519_public())).finish_non_exhaustive()
    }
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl NodeKeys {
    /// Both keys from one 32-byte seed; each key gets its own hash of it, so neither key reveals
    /// anything about the other.
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        let derive =
            |label: &[u8]| -> [u8; 32] { Sha256::new().chain_update(label).chain_update(seed).finalize().into() };
        Self {
            bls: SecretKey::from_seed(&derive(b"session-node/bls")),
            ed25519: ed25519_dalek::SigningKey::from_bytes(&derive(b"session-node/ed25519")),
        }
    }

    /// The keys of the `index`-th node of a network seeded with `network_seed`.
    pub fn derived(network_seed: u64, index: u64) -> Self {
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&network_seed.to_be_bytes());
        seed[8..16].copy_from_slice(&index.to_be_bytes());
        Self::from_seed(&seed)
    }

    /// The BLS secret key.
    pub fn bls(&self) -> &SecretKey {
        &self.bls
    }

    /// The BLS public key, as registered on-chain.
    pub fn bls_public(&self) -> PublicKey {
        self.bls.public_key()
    }

    /// The Ed25519 public key, as registered on-chain.
    pub fn ed25519_public(&self) -> [u8; 32] {
        self.ed25519.verifying_key().to_bytes()
    }

    /// The Ed25519 secret seed (for `sesh keys generate`).
    pub fn ed25519_secret(&self) -> [u8; 32] {
        self.ed25519.to_bytes()
    }

    /// The Ed25519 key's RFC 8032 signature of `message` (`R || S`): what evicts a node that
    /// registered this key without holding it (docs/consensus.md, "Ed25519 eviction").
    pub fn sign_ed25519(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer;
        self.ed25519.sign(message).to_bytes()
    }

    /// The proof of possession a registration needs: the BLS key signs itself, the operator and
    /// the Ed25519 key, for one chain and contract.
    pub fn proof_of_possession(&self, domain: &Domain, operator: &[u8; 20]) -> Signature {
        self.bls.prove_possession(domain, operator, &self.ed25519_public())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_deterministic_and_distinct() {
        let a = NodeKeys::derived(7, 1);
        assert_eq!(a.bls_public(), NodeKeys::derived(7, 1).bls_public());
        assert_eq!(a.ed25519_public(), NodeKeys::derived(7, 1).ed25519_public());
        assert_ne!(a.bls_public(), NodeKeys::derived(7, 2).bls_public());
        assert_ne!(a.ed25519_public(), NodeKeys::derived(8, 1).ed25519_public());
    }

    #[test]
    fn proof_of_possession_verifies_for_its_operator_only() {
        let keys = NodeKeys::derived(1, 1);
        let domain = Domain::new(31337, [9; 20]);
        let proof = keys.proof_of_possession(&domain, &[1; 20]);
        let public = keys.bls_public();
        public.verify_proof_of_possession(&domain, &[1; 20], &keys.ed25519_public(), &proof).unwrap();
        assert!(public.verify_proof_of_possession(&domain, &[2; 20], &keys.ed25519_public(), &proof).is_err());
    }
}
