//! What a block explorer needs to verify every contract of a deployment, written next to the
//! manifest (`<out>/verify-<chain-id>/`): for each contract its standard-JSON input (the exact
//! sources and settings it was compiled from: the explorer's "Standard-Json-Input" form takes
//! it as is), its constructor arguments, and the `forge verify-contract` command, all commands
//! in `verify.sh`. Proxies are verified as `SessionProxy` with their own arguments.

use crate::{DeployError, Journal, Result};
use alloy::{
    primitives::{Address, Bytes},
    providers::{DynProvider, Provider},
    sol_types::SolValue,
};
use session_bindings::{
    compiled,
    verification::{COMPILER_VERSION, VERIFICATION_INPUTS},
};
use session_client::{Manifest, error::During};
use std::path::{Path, PathBuf};

/// One contract to verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verifiable {
    /// The name in the manifest (`RewardPool`, `RewardPool proxy`, ...).
    pub label: String,
    /// Its address.
    pub address: Address,
    /// The compiled contract, `path:Name`.
    pub qualified_name: String,
    /// ABI-encoded constructor arguments.
    pub constructor_args: Bytes,
    /// The standard-JSON input file written for it.
    pub input: PathBuf,
    /// The `forge verify-contract` command line.
    pub command: String,
}

/// Writes the verification files of `manifest`'s contracts into `<out>/verify-<chain-id>/` and
/// returns what it wrote. Constructor arguments come from each contract's creation transaction
/// (recorded in `journal`); a contract created by another one has them derived from the manifest.
pub async fn write_verification(
    provider: &DynProvider,
    manifest: &Manifest,
    journal: &Journal,
    out: &Path,
) -> Result<Vec<Verifiable>> {
    let dir = out.join(format!("verify-{}", manifest.chain_id));
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let mut written = Vec::new();
    for (name, contract) in &manifest.contracts {
        let targets: Vec<(String, &str, Address)> = match contract.implementation {
            Some(implementation) => vec![
                (name.clone(), name.as_str(), implementation),
                (format!("{name} proxy"), "SessionProxy", contract.address),
            ],
            None => vec![(name.clone(), name.as_str(), contract.address)],
        };
        for (label, compiled_name, address) in targets {
            // Contracts that are not ours (the devnet's Uniswap, a real price feed) are not ours to verify.
            let Some((_, qualified_name, input)) = VERIFICATION_INPUTS.iter().find(|(n, ..)| *n == compiled_name)
            else {
                continue;
            };
            let constructor_args = constructor_args(provider, manifest, journal, compiled_name, address).await?;
            let file = dir.join(format!("{}.json", label.replace(' ', "-")));
            std::fs::write(&file, input).map_err(|e| io(&file, e))?;
            let command = format!(
                "forge verify-contract {address} {qualified_name} --chain {} --compiler-version v{COMPILER_VERSION} \
                 --constructor-args {constructor_args} --watch",
                manifest.chain_id
            );
            written.push(Verifiable {
                label,
                address,
                qualified_name: qualified_name.to_string(),
                constructor_args,
                input: file,
                command,
            });
        }
    }
    let script: String = std::iter::once(
        "#!/usr/bin/env bash\n# Verifies every contract of the deployment; run from the repository root with\n\
         # ETHERSCAN_API_KEY set (forge reads it). Written by `sesh deploy`.\nset -euo pipefail\n"
            .to_string(),
    )
    .chain(written.iter().map(|v| format!("# {}\n{}\n", v.label, v.command)))
    .collect();
    let path = dir.join("verify.sh");
    std::fs::write(&path, script).map_err(|e| io(&path, e))?;
    Ok(written)
}

async fn constructor_args(
    provider: &DynProvider,
    manifest: &Manifest,
    journal: &Journal,
    name: &str,
    address: Address,
) -> Result<Bytes> {
    let action = format!("reading the creation of {name} at {address}");
    if let Some(hash) = journal.creation_of(address) {
        let tx = provider
            .get_transaction_by_hash(hash)
            .await
            .during(&action)?
            .ok_or_else(|| DeployError::Journal(format!("{action}: transaction {hash} not found")))?;
        let input = alloy::consensus::Transaction::input(&tx);
        let (_, creation, _) = compiled()
            .into_iter()
            .find(|(n, ..)| *n == name)
            .ok_or_else(|| DeployError::Journal(format!("{action}: {name} is not compiled here")))?;
        return match input.strip_prefix(creation.as_ref()) {
            Some(args) => Ok(Bytes::copy_from_slice(args)),
            None => Err(DeployError::Journal(format!("{action}: its code is not this build's {name}"))),
        };
    }
    // Created by the factory's constructor, with these three.
    if name == "ContributionContract" {
        let args = (
            manifest.address("SessionToken")?,
            manifest.address("StakingRegistry")?,
            manifest.address("ContributionFactory")?,
        );
        return Ok(args.abi_encode_params().into());
    }
    // The vesting implementations, created by the vesting factory's constructor.
    if name == "PlainVesting" {
        return Ok((manifest.address("SessionToken")?, manifest.address("VestingFactory")?).abi_encode_params().into());
    }
    if name == "StakingVesting" {
        let args = (
            manifest.address("SessionToken")?,
            manifest.address("VestingFactory")?,
            manifest.address("StakingRegistry")?,
            manifest.address("ContributionFactory")?,
        );
        return Ok(args.abi_encode_params().into());
    }
    Err(DeployError::Journal(format!("{action}: no creation transaction recorded")))
}

fn io(path: &Path, e: std::io::Error) -> DeployError {
    DeployError::Journal(format!("writing {}: {e}", path.display()))
}
