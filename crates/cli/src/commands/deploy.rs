//! `sesh deploy`: deploy the system onto any running node.

use crate::context::{GlobalArgs, default_deployments_dir};
use alloy::{primitives::Address, providers::Provider};
use clap::Args;
use session_deploy::GenesisConfig;
use session_deploy::{Journal, deploy_with};
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
    let out = args.out.unwrap_or_else(default_deployments_dir);
    std::fs::create_dir_all(&out)?;
    // Every step lands in the journal first: an interrupted deployment resumes where it stopped.
    let chain_id = provider.get_chain_id().await?;
    let mut journal = Journal::at(&out.join(format!("{chain_id}.deploying.json")))?;
    if journal.done() > 0 {
        println!("resuming the deployment: {} steps already done", journal.done());
    }
    let deployment = deploy_with(&provider, deployer, args.owner.unwrap_or(deployer), &genesis, &mut journal).await?;
    let path = deployment.manifest.write(&out)?;
    println!("deployed to chain {} at block {}", deployment.manifest.chain_id, deployment.manifest.block);
    for (name, contract) in &deployment.manifest.contracts {
        println!("  {name:<14} {}", contract.address);
    }
    println!("manifest: {}", path.display());
    Ok(())
}
