//! `foundry.toml`, read as a whole: every key forge honours is either applied to the compilation
//! here or known not to change the bytecode. A key this file does not know is refused, so a setting
//! forge applies can never be silently ignored by the Rust build.

use serde::Deserialize;
use std::{collections::BTreeMap, path::Path};

/// The file: `[profile.default]` plus sections that configure forge's testing and formatting only.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FoundryToml {
    profile: BTreeMap<String, Profile>,
    // Test runner and formatter settings: they never reach solc.
    #[serde(default)]
    #[allow(dead_code)]
    fuzz: Option<toml::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    invariant: Option<toml::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    lint: Option<toml::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    fmt: Option<toml::Value>,
}

/// The keys of `[profile.default]` this build understands.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    // Applied to the compilation.
    pub src: String,
    pub libs: Vec<String>,
    pub solc: String,
    pub evm_version: String,
    pub optimizer: bool,
    pub optimizer_runs: usize,
    #[serde(default)]
    pub via_ir: bool,
    #[serde(default)]
    pub bytecode_hash: Option<String>,
    #[serde(default)]
    pub cbor_metadata: Option<bool>,
    pub remappings: Vec<String>,
    /// Must be false: forge would add remappings found in `libs`, which this build does not guess.
    pub auto_detect_remappings: bool,
    #[serde(default)]
    pub ignored_error_codes: Vec<toml::Value>,
    // Where forge keeps its own files, and how it finds solc: no effect on the bytecode.
    #[allow(dead_code)]
    pub test: String,
    #[allow(dead_code)]
    pub script: String,
    #[allow(dead_code)]
    pub out: String,
    #[allow(dead_code)]
    pub cache_path: String,
    #[allow(dead_code)]
    pub offline: bool,
    #[allow(dead_code)]
    pub auto_detect_solc: bool,
    #[serde(default)]
    #[allow(dead_code)]
    pub ignored_warnings_from: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    pub fs_permissions: Vec<toml::Value>,
}

impl Profile {
    /// Numeric solc diagnostics to ignore (forge also accepts names such as "license").
    pub fn ignored_codes(&self) -> Vec<u64> {
        self.ignored_error_codes.iter().filter_map(|c| c.as_integer()).map(|c| c as u64).collect()
    }
}

/// Reads `foundry.toml` under `root` and returns its default profile; panics, naming the key, on
/// anything it does not understand.
pub fn load(root: &Path) -> Profile {
    let path = root.join("foundry.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut config: FoundryToml = toml::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "foundry.toml: {e}\nThe Rust bindings compile with foundry.toml's settings and refuse a key they do not \
             apply, so that Rust never deploys bytecode forge did not test: teach crates/bindings/build/ the key."
        )
    });
    assert_eq!(
        config.profile.keys().collect::<Vec<_>>(),
        ["default"],
        "foundry.toml: only [profile.default] is understood by the bindings' build"
    );
    let profile = config.profile.remove("default").expect("checked above");
    assert!(
        !profile.auto_detect_remappings,
        "foundry.toml: auto_detect_remappings must be false (list every remapping explicitly)"
    );
    profile
}
