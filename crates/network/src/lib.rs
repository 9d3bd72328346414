//! A simulated Session Network. The real network is the C++ node daemon; this crate plays its
//! part towards the contracts: each node holds a BLS key and an Ed25519 key, and the network
//! signs its decisions (exit, liquidation, decommission, recommission) with the aggregate BLS
//! signature of its online nodes, the offline ones being listed as non-signers.
//!
//! Everything is deterministic for a given seed.

pub mod keys;
pub mod signer;

pub use keys::NodeKeys;
pub use signer::{NetworkSignature, SimulatedNetwork};
