//! `sesh deploy`: deploy the system onto any running node.

use crate::context::{GlobalArgs, default_deployments_dir};
use alloy::primitives::Address;
use clap::Args;
use session_deploy::GenesisConfig;
use session_deploy::deploy;
use session_devnet::toolchain::devnet_genesis_path;
use std::path::PathBuf;

/// Options of `sesh deploy`.
#[derive(Debug, Clone, Args)]
pub struct DeployArgs {
    /// Genesis allocations (TOML); defaults to the devnet config.
    #[arg(long)]
    pub genesis: Option<PathBuf>,
    /// Governance account of the upgradeable contracts; defaults to the deployer.
    #[arg(long)]
    pub owner: Option<Address>,
    /// Folder for the manifest and ABI files.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Deploys from the genesis config, writes the manifest and prints where it went.
pub async fn run(global: &GlobalArgs, args: DeployArgs) -> eyre::Result<()> {
    let genesis = GenesisConfig::load(&args.genesis.unwrap_or_else(devnet_genesis_path))?;
    let signer = global.signer()?;
    let deployer = signer.address();
    let provider = global.provider(Some(signer));
    let deployment = deploy(&provider, deployer, args.owner.unwrap_or(deployer), &genesis).await?;
    let path = deployment.manifest.write(&args.out.unwrap_or_else(default_deployments_dir))?;
    println!("deployed to chain {} at block {}", deployment.manifest.chain_id, deployment.manifest.block);
    for (name, contract) in &deployment.manifest.contracts {
        println!("  {name:<14} {}", contract.address);
    }
    println!("manifest: {}", path.display());
    Ok(())
}
