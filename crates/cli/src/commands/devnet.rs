//! `sesh devnet`: the README's main job. Starts anvil (prague), deploys everything from the
//! devnet genesis config, writes the manifest, prints the status and keeps the chain up.

use crate::context::{GlobalArgs, default_deployments_dir};
use alloy::signers::local::PrivateKeySigner;
use clap::Args;
use eyre::OptionExt;
use session_sdk::{
    GenesisConfig, actors::signing_provider, anvil::spawn_anvil, deploy, status::SystemStatus,
    toolchain::devnet_genesis_path,
};
use std::path::PathBuf;

/// Options of `sesh devnet`.
#[derive(Debug, Clone, Args)]
pub struct DevnetArgs {
    /// Port of the anvil JSON-RPC endpoint.
    #[arg(long, default_value_t = 8545)]
    pub port: u16,
    /// Genesis allocations (TOML).
    #[arg(long)]
    pub genesis: Option<PathBuf>,
    /// Folder for the manifest and ABI files.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Stop after printing the status instead of serving until Ctrl-C (for scripts and tests).
    #[arg(long)]
    pub once: bool,
}

/// Runs the devnet.
pub async fn run(_global: &GlobalArgs, args: DevnetArgs) -> eyre::Result<()> {
    let genesis = GenesisConfig::load(&args.genesis.unwrap_or_else(devnet_genesis_path))?;
    let anvil = spawn_anvil(Some(args.port))?;
    let key = anvil.keys().first().ok_or_eyre("anvil has no dev accounts")?;
    let deployer = PrivateKeySigner::from(key.clone());
    let owner = deployer.address();
    let provider = signing_provider(deployer, anvil.endpoint_url());
    println!("anvil (hardfork {}) at {}", session_sdk::anvil::HARDFORK, anvil.endpoint());

    let deployment = deploy(&provider, owner, owner, &genesis).await?;
    let manifest = deployment.manifest.write(&args.out.unwrap_or_else(default_deployments_dir))?;
    println!("deployed; manifest at {}", manifest.display());
    for (name, contract) in &deployment.manifest.contracts {
        println!("  {name:<14} {}", contract.address);
    }
    println!("owner and deployer: {owner} (anvil account 0)\n");
    print!("{}", SystemStatus::fetch(&deployment).await?);

    if !args.once {
        println!("\nThe chain stays up at {} for frontends; Ctrl-C stops it.", anvil.endpoint());
        tokio::signal::ctrl_c().await?;
        println!("stopping anvil");
    }
    Ok(())
}
