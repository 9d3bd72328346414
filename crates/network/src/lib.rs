//! A simulated Session Network. The real network is the C++ node daemon; this crate plays its
//! part towards the contracts:
//! - [`signer`]: each node holds a BLS key, and the network signs its decisions (exit,
//!   liquidation, decommission, recommission) with the aggregate BLS signature of its online
//!   nodes, the offline ones listed as non-signers;
//! - [`downtime`]: when a node offline for how long is decommissioned or liquidated;
//! - [`witness`]: the network following the registry's events, in step with the contract, and
//!   submitting its decisions.
//!
//! Everything is deterministic for a given seed.

pub mod downtime;
pub mod signer;
pub mod witness;

pub use session_keys::NodeKeys;
pub use signer::{NetworkSignature, SimulatedNetwork};
pub use witness::Witness;
