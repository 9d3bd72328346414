//! Where the project's pinned toolchain lives: `node_modules/` of the repository, installed by
//! `tools/setup` (which the bindings' build script runs, so it exists once anything compiled).

use std::path::PathBuf;

/// The repository root: `SESSION_ROOT` if set, else the checkout this crate was built from.
pub fn repo_root() -> PathBuf {
    std::env::var_os("SESSION_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")))
}

/// The pinned anvil binary: `SESSION_ANVIL` if set, else `node_modules/.bin/anvil`.
pub fn anvil_binary() -> PathBuf {
    std::env::var_os("SESSION_ANVIL").map(PathBuf::from).unwrap_or_else(|| repo_root().join("node_modules/.bin/anvil"))
}

/// The genesis config the devnet and the tests deploy.
pub fn devnet_genesis_path() -> PathBuf {
    repo_root().join("config/genesis.devnet.toml")
}
