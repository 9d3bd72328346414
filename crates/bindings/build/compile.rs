//! Compiles `contracts/src` with foundry-compilers, configured from `foundry.toml` exactly as forge
//! configures solc (tested: the bytecode equals forge's, metadata hash included).

use crate::foundry_config::Profile;
use foundry_compilers::{
    ConfigurableArtifacts, Project, ProjectBuilder, ProjectCompileOutput, ProjectPathsConfig,
    artifacts::{
        BytecodeHash, EvmVersion, Remapping, Settings, SettingsMetadata,
        output_selection::{ContractOutputSelection, OutputSelection},
    },
    solc::{Solc, SolcCompiler, SolcSettings},
};
use std::path::{Path, PathBuf};

/// Solc warnings that are about the test and library code forge also ignores here
/// (unreachable code, unused variables, shadowing in forge-std).
const ALWAYS_IGNORED: [u64; 3] = [1878, 5574, 3860];

/// Compiles and panics with solc's report on any error. Artifacts go under `out`.
pub fn compile(
    root: &Path,
    out: &Path,
    profile: &Profile,
) -> (Project<SolcCompiler>, ProjectCompileOutput<SolcCompiler>) {
    let project = project(root, out, profile);
    let output = project.compile().expect("solc failed to run");
    if output.has_compiler_errors() {
        panic!("contracts failed to compile:\n{output}");
    }
    (project, output)
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
        // Named for the artifact format: a cache of artifacts without metadata must not be reused.
        .cache(out.join("solidity-files-cache-with-metadata.json"))
        .libs(profile.libs.iter().map(|lib| root.join(lib)))
        .remappings(remappings)
        .build_with_root(root);

    // Bytecode, ABI and metadata: asking solcjs for the AST too triples its time.
    let mut selection = OutputSelection::default_output_selection();
    for file in selection.0.values_mut() {
        for outputs in file.values_mut() {
            outputs.push(ContractOutputSelection::Metadata.to_string());
        }
    }
    let mut settings = Settings {
        output_selection: selection,
        evm_version: Some(profile.evm_version.parse::<EvmVersion>().expect("evm_version")),
        via_ir: profile.via_ir.then_some(true),
        ..Default::default()
    };
    settings.optimizer.enabled = Some(profile.optimizer);
    settings.optimizer.runs = Some(profile.optimizer_runs);
    // forge always states the metadata hash (its default: ipfs, CBOR appended).
    let hash = profile.bytecode_hash.as_deref().unwrap_or("ipfs");
    let hash: BytecodeHash = hash.parse().unwrap_or_else(|_| panic!("foundry.toml: bytecode_hash `{hash}`"));
    settings.metadata = Some(SettingsMetadata { cbor_metadata: profile.cbor_metadata, ..SettingsMetadata::from(hash) });

    let solc = Solc::new(root.join(&profile.solc)).expect("tools/solc answers --version");
    // Artifacts keep solc's metadata: the verification inputs are built from it.
    let artifacts = ConfigurableArtifacts::new([ContractOutputSelection::Metadata], []);
    ProjectBuilder::<SolcCompiler, ConfigurableArtifacts>::new(artifacts)
        .paths(paths)
        .settings(SolcSettings { settings, ..Default::default() })
        .ignore_error_codes(profile.ignored_codes().into_iter().chain(ALWAYS_IGNORED))
        .offline()
        .build(SolcCompiler::Specific(solc))
        .expect("foundry-compilers project")
}

/// Every deployable contract of `contracts/src` (name, artifact), sorted by name. Interfaces and
/// libraries without code are left out: their structs and errors are bound by the contracts that
/// use them.
pub fn deployable(
    root: &Path,
    profile: &Profile,
    project: &Project<SolcCompiler>,
    output: &ProjectCompileOutput<SolcCompiler>,
) -> Vec<(String, PathBuf)> {
    let sources = root.join(&profile.src);
    let mut contracts: Vec<(String, PathBuf)> = output
        .artifact_ids()
        .filter(|(id, _)| root.join(&id.source).starts_with(&sources))
        .map(|(id, _)| (id.name.clone(), absolute(root, &project.paths.artifacts, &id.path)))
        .collect();
    contracts.sort();
    contracts.dedup_by(|a, b| a.0 == b.0);
    contracts.retain(|(_, artifact)| {
        let bytecode = &crate::read_json(artifact)["bytecode"]["object"];
        bytecode.as_str().is_some_and(|code| code.trim_start_matches("0x").len() > 2)
    });
    contracts
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
