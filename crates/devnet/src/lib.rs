//! Everything a local Session staking network needs that a real chain does not: the pinned
//! toolchain's paths (anvil, the devnet genesis), anvil itself, its dev accounts as one signing
//! provider, and the devnet scenario (nodes
//! registering, rewards accruing, the network deciding).
//!
//! The `sesh devnet` command, the benchmarks and the end-to-end tests use it; clients of a real
//! deployment never need it.

pub mod accounts;
pub mod anvil;
pub mod public_rpc;
pub mod scenario;
pub mod toolchain;
