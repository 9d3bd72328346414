//! BLS12-381 signatures of the Session Network, byte-compatible with the staking contracts.
//!
//! Scheme: min-pk BLS (public keys in G1, signatures in G2), hash to G2 per RFC 9380 with the
//! domain separation tag [`DST`] (the IETF "basic" scheme). Points travel in the EIP-2537
//! encoding the contracts' precompiles use: a G1 point is 128 bytes, a G2 point 256 bytes, every
//! base field element left-padded from 48 to 64 bytes, an Fp2 element written `c0 || c1`.
//!
//! Domain separation between actions, chains and contracts lives in the signed messages, which
//! [`messages`] builds byte for byte like the contracts (`docs/consensus.md` gives the layouts).
//! Rogue-key attacks on the aggregate are stopped by the proof of possession a node submits when
//! it registers ([`SecretKey::prove_possession`]).
//!
//! ```
//! use session_bls::{messages::{Action, Domain}, SecretKey};
//!
//! let domain = Domain::new(421_614, [0x11; 20]);
//! let key = SecretKey::from_seed(&[7; 32]);
//! let signature = key.sign_action(&domain, Action::Exit, 42, 1_750_000_000);
//! let message = session_bls::messages::network_action(&domain, Action::Exit, 42, 1_750_000_000);
//! key.public_key().verify(&message, &signature).unwrap();
//! ```

mod encoding;
mod error;
mod keys;
pub mod messages;

pub use error::Error;
pub use keys::{
    PublicKey, SecretKey, Signature, aggregate_public_keys, aggregate_signatures, non_signer_keys,
    verify_network_signature,
};

/// Domain separation tag of every Session Network signature: the RFC 9380 hash to G2 of the IETF
/// BLS signature "basic" scheme, the tag the contracts' hash to G2 uses.
pub const DST: &[u8] = b"BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_";

/// Bytes of a G1 point (a public key) in the EIP-2537 encoding.
pub const G1_LENGTH: usize = 128;

/// Bytes of a G2 point (a signature) in the EIP-2537 encoding.
pub const G2_LENGTH: usize = 256;
