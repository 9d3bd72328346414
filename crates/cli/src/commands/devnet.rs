//! `sesh devnet`: the README's main job. Starts anvil (prague), deploys everything from the
//! devnet genesis config, writes the manifest, prints the status and keeps the chain up.

use crate::context::{GlobalArgs, default_deployments_dir};
use alloy::primitives::Address;
use alloy::signers::local::PrivateKeySigner;
use clap::Args;
use eyre::OptionExt;
use session_client::Deployment;
use session_client::provider::now;
use session_client::provider::signing_provider;
use session_client::status::SystemStatus;
use session_client::transact;
use session_client::units::format_sesh;
use session_deploy::GenesisConfig;
use session_deploy::deploy;
use session_devnet::accounts::dev_accounts;
use session_devnet::anvil::spawn_anvil;
use session_devnet::scenario::DevnetPlan;
use session_devnet::scenario::advance_clock;
use session_devnet::scenario::populate;
use session_devnet::toolchain::devnet_genesis_path;
use session_network::SimulatedNetwork;

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
    /// Port of the portal: its HTTP API under /api, and the page.
    #[arg(long, default_value_t = 8547)]
    pub portal_port: u16,
    /// Seconds between two steps of the devnet's clock while it serves (each moves the chain one
    /// hour on, refreshes the price feed and distributes rewards); 0 leaves the clock to the
    /// caller, as tests that move time themselves need.
    #[arg(long, default_value_t = 15)]
    pub tick_seconds: u64,
}

/// Runs the devnet.
pub async fn run(_global: &GlobalArgs, args: DevnetArgs) -> eyre::Result<()> {
    let genesis = GenesisConfig::load(&args.genesis.unwrap_or_else(devnet_genesis_path))?;
    let anvil = spawn_anvil(Some(args.port))?;
    let key = anvil.keys().first().ok_or_eyre("anvil has no dev accounts")?;
    let deployer = PrivateKeySigner::from(key.clone());
    let owner = deployer.address();
    let provider = signing_provider(deployer, anvil.endpoint_url());
    println!("anvil (hardfork {}) at {}", session_devnet::anvil::HARDFORK, anvil.endpoint());

    let deployment = deploy(&provider, owner, owner, &genesis).await?;
    let manifest = deployment.manifest.write(&args.out.clone().unwrap_or_else(default_deployments_dir))?;
    println!("deployed; manifest at {}", manifest.display());
    for (name, contract) in &deployment.manifest.contracts {
        println!("  {name:<16} {}", contract.address);
    }
    println!("owner and deployer: {owner} (anvil account 0)");
    let manifest = &deployment.manifest;
    if !manifest.vesting.is_empty() {
        println!(
            "genesis distribution: {} vesting contracts (`sesh vesting show --address BENEFICIARY`)",
            manifest.vesting.len()
        );
        for v in &manifest.vesting {
            let amount = alloy::primitives::U256::from_str_radix(&v.allocation, 10).unwrap_or_default();
            println!(
                "  {} {:<7} {:>14} SESH for {} (cliff {}, end {})",
                v.address,
                v.kind,
                format_sesh(amount),
                v.beneficiary,
                session_client::time::format_timestamp(v.cliff),
                session_client::time::format_timestamp(v.end)
            );
        }
    }
    if let Some(claims) = &manifest.claims {
        println!(
            "swap program: Merkle claims root {} (proofs in {}, `sesh claims claim`), open until {}; wOXEN converter at {}",
            claims.root,
            claims.file,
            session_client::time::format_timestamp(claims.deadline),
            manifest.address("TokenConverter")?
        );
    }

    // Every dev account signs through one provider; account 1 (the swap program) funds stakes.
    let (provider, signers) = dev_accounts(&anvil);
    let deployment = Deployment::attach(provider.clone(), deployment.manifest)?;
    let mut network = SimulatedNetwork::new(deployment.consensus_domain());
    let accounts: Vec<Address> = signers[10..].iter().map(|s| s.address()).collect();
    let plan = DevnetPlan::default();
    println!(
        "\nregistering {} solo and {} shared nodes, then {} days of rewards ...",
        plan.solo_nodes, plan.shared_nodes, plan.days
    );
    let report = populate(&deployment, &provider, signers[1].address(), &accounts, &mut network, &plan).await?;
    println!(
        "network: node {} liquidated, node {} exited by signature, node {} waiting out its exit request",
        report.liquidated.unwrap_or_default(),
        report.exited.unwrap_or_default(),
        report.exit_requested.unwrap_or_default()
    );
    println!(
        "fees: {} SESH paid for Pro and Names (90% reminted to the pool); the treasury holds {} LP tokens of SESH/WETH\n",
        format_sesh(report.fees_paid),
        report.liquidity
    );
    print!("{}", SystemStatus::fetch(&deployment).await?);

    // The portal's indexer and API (the page too, once built), on the devnet's chain: no
    // confirmations needed on a local node that never reorgs.
    let out = args.out.clone().unwrap_or_else(default_deployments_dir);
    let db = out.join("index-31337.sqlite");
    for stale in ["", "-wal", "-shm"] {
        // A devnet is a new chain each time: so is its index.
        let _ = std::fs::remove_file(format!("{}{stale}", db.display()));
    }
    let portal = if args.once {
        // One pass into the file, to show the index; nothing is served.
        let store = std::sync::Arc::new(session_indexer::store::Store::open(&db)?);
        let follower = session_indexer::follower::Follower::new(std::sync::Arc::new(deployment.clone()), store, 0)?;
        let pass = follower.sync().await?;
        println!("\nindex {}: {} events to block {}", db.display(), pass.events, pass.indexed_to);
        None
    } else {
        Some(tokio::spawn(crate::commands::indexer::serve(
            deployment.clone(),
            db,
            args.portal_port,
            0,
            std::time::Duration::from_secs(1),
            crate::commands::indexer::default_page(),
        )))
    };

    if !args.once {
        let clock = if args.tick_seconds == 0 {
            "its clock moves only with its blocks (--tick-seconds 0)".to_string()
        } else {
            format!(
                "every {}s it moves one hour on, refreshes the price feed and distributes rewards",
                args.tick_seconds
            )
        };
        println!(
            "\nThe portal's API is at http://127.0.0.1:{}/api/info (docs/api.md).\nThe chain stays up at {} for frontends; {clock}. Ctrl-C (or SIGTERM) stops it and anvil with it.",
            args.portal_port,
            anvil.endpoint(),
        );
        // SIGTERM as well as Ctrl-C: either way this function returns and anvil is stopped with it
        // (dropping its handle kills it); a process killed without returning would leave it running.
        let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        loop {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => break,
                _ = terminate.recv() => break,
                _ = tokio::time::sleep(std::time::Duration::from_secs(args.tick_seconds)), if args.tick_seconds > 0 => {
                    advance_clock(&deployment, &provider, now(&provider).await? + 3_600).await?;
                    transact(deployment.registry.distributeRewards(), "distributing rewards").await?;
                    let status = SystemStatus::fetch(&deployment).await?;
                    println!(
                        "t={} pool {} SESH, {} nodes, {} SESH per node per day",
                        status.timestamp, format_sesh(status.pool_balance), status.network_size,
                        format_sesh(status.reward_per_node_per_day)
                    );
                }
            }
        }
        println!("stopping anvil");
    }
    if let Some(portal) = portal {
        portal.abort();
    }
    Ok(())
}
