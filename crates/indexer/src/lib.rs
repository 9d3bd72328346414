//! The staking portal's indexer and API (`sesh indexer`, started by `sesh devnet`): the
//! deployment's events followed into an SQLite file ([`store`], [`follower`]), and the HTTP JSON
//! API a portal reads ([`api`], docs/api.md).

pub mod api;
pub mod events;
pub mod follower;
pub mod schema;
pub mod store;
