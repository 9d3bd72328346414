//! The exact bytes every Session Network signature signs, identical to the contracts'
//! `ConsensusMessages` library (layouts in `docs/consensus.md`).
//!
//! Every message starts with an 84-byte domain, `tag (32) || chain id (32, big-endian) ||
//! contract (20)`, with `tag = keccak256("session.staking.v1.<action>")`; the fields that follow
//! are fixed-width.

use sha3::{Digest, Keccak256};

use crate::G1_LENGTH;

/// Prefix of every tag preimage; the version changes if a layout ever does.
pub const TAG_PREFIX: &str = "session.staking.v1.";

/// Length of a proof-of-possession message: 84 + 128 + 20 + 32.
pub const PROOF_OF_POSSESSION_LENGTH: usize = 264;

/// Length of a network action message: 84 + 8 + 8.
pub const NETWORK_ACTION_LENGTH: usize = 100;

/// Where a signature is valid: one chain and one verifying contract (the staking registry's
/// proxy address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Domain {
    /// EIP-155 chain id (`block.chainid`).
    pub chain_id: u64,
    /// Address of the verifying contract (`address(this)`).
    pub contract: [u8; 20],
}

impl Domain {
    /// A domain for `chain_id` and `contract`.
    pub fn new(chain_id: u64, contract: [u8; 20]) -> Self {
        Self { chain_id, contract }
    }

    /// `tag || chain id as uint256 || contract`.
    fn header(&self, tag: [u8; 32], capacity: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(&tag);
        out.extend_from_slice(&[0u8; 24]);
        out.extend_from_slice(&self.chain_id.to_be_bytes());
        out.extend_from_slice(&self.contract);
        out
    }
}

/// What the network signs about a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// The node leaves; its stake is returned without penalty.
    Exit,
    /// The node is deregistered for misbehaving; part of its stake is a penalty.
    Liquidation,
    /// The node is suspended and stops earning.
    Decommission,
    /// A decommissioned node is reinstated.
    Recommission,
    /// The staking requirement is lowered; the message's node-id field carries the new
    /// requirement (atomic SESH units, at most 64 bits).
    StakingRequirement,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 5] =
        [Action::Exit, Action::Liquidation, Action::Decommission, Action::Recommission, Action::StakingRequirement];

    /// The name in the tag preimage (`session.staking.v1.<name>`).
    pub fn name(self) -> &'static str {
        match self {
            Action::Exit => "exit",
            Action::Liquidation => "liquidation",
            Action::Decommission => "decommission",
            Action::Recommission => "recommission",
            Action::StakingRequirement => "stakingRequirement",
        }
    }

    /// `keccak256("session.staking.v1.<name>")`, the contracts' `<NAME>_TAG`.
    pub fn tag(self) -> [u8; 32] {
        tag(self.name())
    }
}

/// `keccak256("session.staking.v1." || name)`.
pub fn tag(name: &str) -> [u8; 32] {
    let mut hasher = Keccak256::new();
    hasher.update(TAG_PREFIX.as_bytes());
    hasher.update(name.as_bytes());
    hasher.finalize().into()
}

/// Tag of a proof of possession: `keccak256("session.staking.v1.proofOfPossession")`.
pub fn proof_of_possession_tag() -> [u8; 32] {
    tag("proofOfPossession")
}

/// The message a node's BLS key signs when registering (264 bytes):
/// `tag || chain id || contract || BLS key (128, EIP-2537) || operator (20) || Ed25519 key (32)`.
/// `bls_key` is the public key in its EIP-2537 encoding (`PublicKey::to_eip2537`).
pub fn proof_of_possession(
    domain: &Domain,
    bls_key: &[u8; G1_LENGTH],
    operator: &[u8; 20],
    ed25519_key: &[u8; 32],
) -> Vec<u8> {
    let mut out = domain.header(proof_of_possession_tag(), PROOF_OF_POSSESSION_LENGTH);
    out.extend_from_slice(bls_key);
    out.extend_from_slice(operator);
    out.extend_from_slice(ed25519_key);
    debug_assert_eq!(out.len(), PROOF_OF_POSSESSION_LENGTH);
    out
}

/// The message the network signs to approve `action` on node `node_id` at `timestamp` (100
/// bytes): `tag || chain id || contract || node id (8, big-endian) || timestamp (8, big-endian)`.
pub fn network_action(domain: &Domain, action: Action, node_id: u64, timestamp: u64) -> Vec<u8> {
    let mut out = domain.header(action.tag(), NETWORK_ACTION_LENGTH);
    out.extend_from_slice(&node_id.to_be_bytes());
    out.extend_from_slice(&timestamp.to_be_bytes());
    debug_assert_eq!(out.len(), NETWORK_ACTION_LENGTH);
    out
}
