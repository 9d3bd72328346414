//! The bytecode Rust deploys is the bytecode forge tested: for every deployable contract, the
//! creation and runtime code of the bindings equal forge's artifacts byte for byte, metadata hash
//! included (so the sources, the settings and the remappings are the same too).

use std::{fs, path::Path, process::Command};

#[test]
fn every_contract_matches_forge_build_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // A no-op when `forge test` already built the tree (tools/test runs it first).
    let status = Command::new(root.join("node_modules/.bin/forge"))
        .arg("build")
        .current_dir(&root)
        .status()
        .expect("forge is installed by tools/setup");
    assert!(status.success(), "forge build failed");

    let compiled = session_bindings::compiled();
    assert!(compiled.len() >= 15, "expected every deployable contract, got {}", compiled.len());
    for (name, creation, runtime) in compiled {
        let artifact = forge_artifact(&root.join("contracts/out"), name);
        assert_eq!(hex_of(&artifact["bytecode"]["object"]), alloy::hex::encode(creation), "{name}: creation code");
        assert_eq!(
            hex_of(&artifact["deployedBytecode"]["object"]),
            alloy::hex::encode(runtime),
            "{name}: runtime code"
        );
    }
}

/// forge's artifact of the contract `name` compiled from `contracts/src`.
fn forge_artifact(out: &Path, name: &str) -> serde_json::Value {
    let mut found = Vec::new();
    for dir in fs::read_dir(out).unwrap() {
        let path = dir.unwrap().path().join(format!("{name}.json"));
        let Ok(text) = fs::read_to_string(&path) else { continue };
        let artifact: serde_json::Value = serde_json::from_str(&text).unwrap();
        let from_src = artifact["metadata"]["settings"]["compilationTarget"]
            .as_object()
            .is_some_and(|target| target.keys().any(|source| source.starts_with("contracts/src/")));
        if from_src {
            found.push(artifact);
        }
    }
    assert_eq!(found.len(), 1, "{name}: expected one forge artifact from contracts/src");
    found.remove(0)
}

fn hex_of(value: &serde_json::Value) -> String {
    value.as_str().expect("bytecode object").trim_start_matches("0x").to_string()
}
