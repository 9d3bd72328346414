//! Compiles `contracts/src` with foundry-compilers, configured from `foundry.toml` as a whole, and
//! writes `sol!` bindings over the fresh artifacts, one error enum and the Solidity enums into
//! `OUT_DIR`.
//!
//! The bindings are therefore always generated from the sources in the tree: a contract change
//! re-runs this script (cargo watches `contracts/src`), so Rust can never test stale bytecode.
//! It never installs anything: without the toolchain of `tools/setup` it stops with one line.

mod compile;
mod foundry_config;
mod generate;
mod toolchain;

use std::{
    env, fs,
    path::{Path, PathBuf},
};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
    for watched in
        ["contracts/src", "foundry.toml", "package-lock.json", "tools/solc", "node_modules/.session-toolchain"]
    {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    toolchain::require_installed(&root);
    let profile = foundry_config::load(&root);
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());

    let (project, output) = compile::compile(&root, &out, &profile);
    let contracts = compile::deployable(&root, &profile, &project, &output);
    let enums = generate::solidity_enums(&root.join(&profile.src));
    generate::bindings(&out, &contracts);
    generate::errors(&out, &contracts, &enums);
    generate::enums(&out, &enums);
    generate::verification_inputs(&root, &out, &contracts);
}

/// An artifact (or any JSON file) as a value.
fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}
