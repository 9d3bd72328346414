//! The shared core of the Rust side of the Session staking system: where the pinned toolchain
//! lives, SESH units, the genesis config, the one deployment path (used by the tests, the CLI
//! and the devnet) and its manifest, local anvil nodes, and a read-only status of a deployment.

pub mod actors;
pub mod anvil;
pub mod contribution;
pub mod deploy;
pub mod devnet;
pub mod downtime;
pub mod fees;
pub mod genesis;
pub mod manifest;
pub mod permit;
pub mod revert;
pub mod rewards;
pub mod staking;
pub mod status;
pub mod toolchain;
pub mod uniswap;
pub mod units;
pub mod witness;

pub use deploy::{Deployment, deploy};
pub use genesis::GenesisConfig;
pub use manifest::Manifest;
