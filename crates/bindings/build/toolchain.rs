//! The pinned npm toolchain (solcjs and the Solidity libraries) must already be installed: building
//! Rust never runs npm. A missing or outdated install fails with one line that says what to run.

use sha2::{Digest, Sha256};
use std::{fs, path::Path};

/// Panics unless `tools/setup` installed the toolchain of the current `package-lock.json`.
pub fn require_installed(root: &Path) {
    let lock = fs::read(root.join("package-lock.json")).expect("package-lock.json");
    let want = hex(&Sha256::digest(&lock));
    let stamp = fs::read_to_string(root.join("node_modules/.session-toolchain")).unwrap_or_default();
    if stamp.trim() != want {
        let why = if stamp.is_empty() { "is not installed" } else { "is older than package-lock.json" };
        panic!("the Solidity toolchain {why}: run tools/setup (it installs forge, anvil and solcjs with npm)");
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
