//! Handles to a deployed Session staking system, for the CLI, the network simulation, the tests and
//! any other Rust client: the contracts named by a deployment manifest, typed calls for every user
//! flow (register, contribute, claim, exit), a read-only status, SESH units, and errors that carry
//! the contracts' decoded custom errors.
//!
//! It neither deploys nor starts anything: see `session-deploy` and `session-devnet`.

pub mod contribution;
pub mod deployment;
pub mod endpoints;
pub mod error;
pub mod fees;
pub mod logs;
pub mod manifest;
pub mod merkle;
pub mod permit;
pub mod provider;
pub mod rewards;
pub mod spend;
pub mod staking;
pub mod status;
pub mod time;
pub mod transact;
pub mod units;

pub use deployment::Deployment;
pub use error::{Error, Result};
pub use manifest::Manifest;
pub use session_bindings::enums::NodeStatus;
pub use transact::transact;
