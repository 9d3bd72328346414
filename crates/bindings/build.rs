//! Compiles `contracts/src` with foundry-compilers, using the settings of `foundry.toml`, and
//! writes `sol!` bindings over the fresh artifacts into `OUT_DIR`.
//!
//! The bindings are therefore always generated from the sources in the tree: a contract change
//! re-runs this script (cargo watches `contracts/src`), so Rust can never test stale bytecode.

use foundry_compilers::{
    ConfigurableArtifacts, Project, ProjectBuilder, ProjectPathsConfig,
    artifacts::{EvmVersion, Remapping, Settings, output_selection::OutputSelection},
    solc::{Solc, SolcCompiler, SolcSettings},
};
use serde::Deserialize;
use std::{
    collections::BTreeMap,
    env, fs,
    path::{Path, PathBuf},
    process::Command,
};

/// The keys of `foundry.toml` that decide what bytecode comes out.
#[derive(Deserialize)]
struct FoundryToml {
    profile: BTreeMap<String, Profile>,
}

#[derive(Deserialize)]
struct Profile {
    src: String,
    libs: Vec<String>,
    solc: String,
    evm_version: String,
    optimizer: bool,
    optimizer_runs: usize,
    remappings: Vec<String>,
    ignored_error_codes: Vec<toml::Value>,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
    for watched in ["contracts/src", "foundry.toml", "package-lock.json", "tools/solc", "tools/setup"] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    install_toolchain(&root);

    let config: FoundryToml = toml::from_str(&fs::read_to_string(root.join("foundry.toml")).unwrap())
        .expect("foundry.toml: [profile.default] with src, libs, solc, evm_version, optimizer, remappings");
    let profile = &config.profile["default"];
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());

    let project = project(&root, &out, profile);
    let output = project.compile().expect("solc failed to run");
    if output.has_compiler_errors() {
        panic!("contracts failed to compile:\n{output}");
    }

    let sources = root.join(&profile.src);
    let mut contracts: Vec<(String, PathBuf)> = output
        .artifact_ids()
        .filter(|(id, _)| root.join(&id.source).starts_with(&sources))
        .map(|(id, _)| (id.name.clone(), absolute(&root, &project.paths.artifacts, &id.path)))
        .collect();
    contracts.sort();
    contracts.dedup_by(|a, b| a.0 == b.0);
    // Deployable contracts only: an interface's structs are already bound, under the interface's
    // name, by every contract that uses them, and its errors are in the contract's error enum.
    contracts.retain(|(_, artifact)| {
        let bytecode = &read_artifact(artifact)["bytecode"]["object"];
        bytecode.as_str().is_some_and(|code| code.trim_start_matches("0x").len() > 2)
    });
    write_bindings(&out, &contracts);
}

/// Runs `tools/setup`, which installs the pinned npm toolchain once (solcjs, libraries).
fn install_toolchain(root: &Path) {
    let status =
        Command::new("bash").arg(root.join("tools/setup")).status().expect("bash is needed to run tools/setup");
    assert!(status.success(), "tools/setup failed: the npm toolchain is not installed");
}

fn project(root: &Path, out: &Path, profile: &Profile) -> Project<SolcCompiler> {
    let remappings = profile.remappings.iter().map(|r| {
        let mut remapping: Remapping = r.parse().expect("remapping in foundry.toml");
        remapping.path = root.join(&remapping.path).to_string_lossy().into_owned();
        remapping
    });
    let paths = ProjectPathsConfig::builder()
        .root(root)
        .sources(root.join(&profile.src))
        // Only the deployable sources: tests and scripts are forge's business.
        .tests(out.join("no-tests"))
        .scripts(out.join("no-scripts"))
        .artifacts(out.join("artifacts"))
        .cache(out.join("solidity-files-cache.json"))
        .libs(profile.libs.iter().map(|lib| root.join(lib)))
        .remappings(remappings)
        .build_with_root(root);

    let mut settings = Settings {
        // Bytecode, ABI and metadata only: asking solcjs for the AST triples its time.
        output_selection: OutputSelection::default_output_selection(),
        evm_version: Some(profile.evm_version.parse::<EvmVersion>().expect("evm_version")),
        ..Default::default()
    };
    settings.optimizer.enabled = Some(profile.optimizer);
    settings.optimizer.runs = Some(profile.optimizer_runs);

    let numeric_codes = profile.ignored_error_codes.iter().filter_map(|c| c.as_integer()).map(|c| c as u64);
    let solc = Solc::new(root.join(&profile.solc)).expect("tools/solc answers --version");
    ProjectBuilder::<SolcCompiler, ConfigurableArtifacts>::new(ConfigurableArtifacts::default())
        .paths(paths)
        .settings(SolcSettings { settings, ..Default::default() })
        .ignore_error_codes(numeric_codes.chain([1878, 5574, 3860]))
        .offline()
        .build(SolcCompiler::Specific(solc))
        .expect("foundry-compilers project")
}

fn absolute(root: &Path, artifacts: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else if artifacts.join(path).exists() {
        artifacts.join(path)
    } else {
        root.join(path)
    }
}

/// One `sol!` per deployable contract of `contracts/src`, plus each contract's ABI as a string constant so
/// deployments can publish ABI files for frontends.
fn write_bindings(out: &Path, contracts: &[(String, PathBuf)]) {
    let mut code = String::from("// @generated by build.rs from contracts/src; do not edit.\n\n");
    let mut abis =
        String::from("/// Every contract's name and ABI (JSON), as compiled.\npub const ABIS: &[(&str, &str)] = &[\n");
    for (name, artifact) in contracts {
        let json = read_artifact(artifact);
        let abi_path = out.join("abi").join(format!("{name}.json"));
        fs::create_dir_all(abi_path.parent().unwrap()).unwrap();
        fs::write(&abi_path, serde_json::to_string_pretty(&json["abi"]).unwrap()).unwrap();
        // Each contract in its own module: two contracts may both declare the structs or errors
        // of a shared interface, which `sol!` turns into a module named after that interface.
        code.push_str(&format!(
            "/// Bindings of `{name}` and the types its ABI declares.\npub mod {module} {{\n    alloy::sol!(\n        #[allow(missing_docs, clippy::all)]\n        #[sol(rpc, all_derives)]\n        {name},\n        \"{}\"\n    );\n}}\npub use {module}::{name};\n\n",
            artifact.display(),
            module = snake_case(name),
        ));
        abis.push_str(&format!("    (\"{name}\", include_str!(\"{}\")),\n", abi_path.display()));
    }
    abis.push_str("];\n");
    code.push_str(&abis);
    code.push_str(&revert_decoder(contracts));
    fs::write(out.join("bindings.rs"), code).unwrap();
}

fn read_artifact(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// `decode_revert(data)`: tries every contract's error enum, so a revert from any of our
/// contracts (or the OpenZeppelin code inside them) is shown by name with its values.
fn revert_decoder(contracts: &[(String, PathBuf)]) -> String {
    let mut code = String::from(
        "\n/// The name and values of a custom error of any contract here, from its revert data.\n\
         pub fn decode_revert(data: &[u8]) -> Option<String> {\n    use alloy::sol_types::SolInterface;\n",
    );
    for (name, artifact) in contracts {
        let json = read_artifact(artifact);
        let has_errors = json["abi"].as_array().is_some_and(|abi| abi.iter().any(|item| item["type"] == "error"));
        if has_errors {
            code.push_str(&format!(
                "    if let Ok(error) = {name}::{name}Errors::abi_decode(data) {{\n        \
                 return Some(unwrap_variant(format!(\"{{error:?}}\")));\n    }}\n"
            ));
        }
    }
    code.push_str(
        "    None\n}\n\n/// `Variant(Variant { a: 1 })` -> `Variant { a: 1 }`.\n\
         fn unwrap_variant(debug: String) -> String {\n    \
         match (debug.find('('), debug.ends_with(')')) {\n        \
         (Some(open), true) => debug[open + 1..debug.len() - 1].to_string(),\n        _ => debug,\n    }\n}\n",
    );
    code
}

/// `StakingRegistry` -> `staking_registry`, `BLS12381` -> `bls12381`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_ascii_uppercase()
            && (chars[i - 1].is_ascii_lowercase() || chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()));
        if boundary {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}
