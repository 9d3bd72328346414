//! One module per command.

pub mod bench;
pub mod claims;
pub mod contribution;
pub mod convert;
pub mod deploy;
pub mod devnet;
pub mod indexer;
pub mod keys;
pub mod names;
pub mod network;
pub mod node;
pub mod pro;
pub mod rewards;
pub mod simulate;
pub mod status;
pub mod vesting;
