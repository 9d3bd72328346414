//! `sesh deploy`: deploy the system onto any chain, resumably; `--dry-run` rehearses it on a
//! local fork; `--seed` carries over the production network's nodes before the start.

use crate::context::{GlobalArgs, default_deployments_dir};
use alloy::{
    primitives::{Address, U256},
    providers::{DynProvider, Provider},
    signers::local::PrivateKeySigner,
};
use clap::Args;
use session_client::{endpoints::Endpoints, provider::signing_provider};
use session_deploy::{
    GenesisConfig, Journal, Launch, deploy_with,
    networks::{self, Network},
    seeds::SeedFile,
    verification::write_verification,
};
use session_devnet::toolchain::devnet_genesis_path;
use std::path::PathBuf;

/// Options of `sesh deploy`.
#[derive(Debug, Clone, Args)]
pub struct DeployArgs {
    /// A known network (arbitrum-one, arbitrum-sepolia, devnet): its chain id is checked, its
    /// public endpoint used unless --rpc-url names another, its known contracts fill the
    /// genesis config's "network" addresses.
    #[arg(long)]
    pub network: Option<String>,
    /// Genesis allocations (TOML); defaults to the devnet config.
    #[arg(long)]
    pub genesis: Option<PathBuf>,
    /// Governance account of the upgradeable contracts (a multisig); defaults to the deployer.
    /// It accepts the ownership later (two-step).
    #[arg(long)]
    pub owner: Option<Address>,
    /// Folder for the manifest and ABI files.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Nodes to carry over (JSON, see docs/operations.md), seeded before the registry starts.
    #[arg(long)]
    pub seed: Option<PathBuf>,
    /// Do not start the registry (nor offer the ownership): the nodes to seed then sign their
    /// proofs for the printed consensus registry, seeding may go on in several runs, and a
    /// last run without this flag starts.
    #[arg(long)]
    pub no_start: bool,
    /// Rehearse the whole deployment on a local fork of the chain and print every step with its
    /// gas, the addresses it would get and the cost; nothing is sent to the chain.
    #[arg(long)]
    pub dry_run: bool,
    /// Explorer API key: verify every contract once deployed (forge verify-contract). Without
    /// it the inputs and commands are written next to the manifest for later.
    #[arg(long, env = "ETHERSCAN_API_KEY", hide_env_values = true)]
    pub etherscan_api_key: Option<String>,
}

/// Deploys from the genesis config, writes the manifest and prints where it went.
pub async fn run(global: &GlobalArgs, args: DeployArgs) -> eyre::Result<()> {
    let network = match &args.network {
        Some(name) => Some(networks::network(name).ok_or_else(|| {
            let known: Vec<&str> = networks::NETWORKS.iter().map(|n| n.name).collect();
            eyre::eyre!("unknown network {name:?}: known are {}", known.join(", "))
        })?),
        None => None,
    };
    let endpoints = endpoints_for(global, network);
    let mut genesis = GenesisConfig::load(&args.genesis.clone().unwrap_or_else(devnet_genesis_path))?;
    if let Some(network) = network {
        genesis = networks::genesis_for(network, &genesis).map_err(|e| eyre::eyre!("genesis config: {e}"))?;
    }
    let seeds = args.seed.as_deref().map(SeedFile::load).transpose()?;
    let signer = global.signer()?;
    let deployer = signer.address();
    let provider = signing_provider(signer.clone(), endpoints.clone());
    let chain_id = provider
        .get_chain_id()
        .await
        .map_err(|e| eyre::eyre!("cannot reach the node at {endpoints} ({e}); pass --rpc-url or --network"))?;
    if let Some(network) = network {
        eyre::ensure!(
            network.chain_id == chain_id,
            "{} is chain {}, but the node at {endpoints} is chain {chain_id}",
            network.name,
            network.chain_id
        );
    }
    let owner = args.owner.unwrap_or(deployer);
    let launch = Launch { seeds, start: !args.no_start };
    if args.dry_run {
        return dry_run(&provider, &endpoints, signer, owner, &genesis, &launch).await;
    }

    let out = args.out.unwrap_or_else(default_deployments_dir);
    std::fs::create_dir_all(&out)?;
    // Every step lands in the journal first: an interrupted deployment resumes where it stopped.
    let mut journal = Journal::at(&out.join(format!("{chain_id}.deploying.json")))?;
    if journal.done() > 0 {
        println!("resuming the deployment: {} steps already done", journal.done());
    }
    let (deployment, seeded) = deploy_with(&provider, deployer, owner, &genesis, &mut journal, &launch).await?;
    let path = deployment.manifest.write(&out)?;
    println!("deployed to chain {} at block {}", deployment.manifest.chain_id, deployment.manifest.block);
    let explorer = network.copied().or_else(|| networks::network_of_chain(chain_id).copied());
    for (name, contract) in &deployment.manifest.contracts {
        let link = explorer.map(|n| n.address_link(contract.address)).unwrap_or_default();
        println!("  {name:<22} {} {link}", contract.address);
    }
    print_seeded(&seeded);
    if args.no_start {
        println!(
            "not started: nodes to seed sign their proofs of possession for chain {chain_id}, consensus registry {}; \
             then run this again with --seed FILE",
            deployment.consensus.address()
        );
    } else if !deployment.manifest.awaiting_acceptance.is_empty() {
        println!("{owner} must call acceptOwnership on: {}", deployment.manifest.awaiting_acceptance.join(", "));
    }
    println!("manifest: {}", path.display());
    let verifiable = write_verification(&provider, &deployment.manifest, &journal, &out).await?;
    let script = out.join(format!("verify-{chain_id}/verify.sh"));
    match &args.etherscan_api_key {
        Some(key) => verify(&verifiable, key)?,
        None => println!(
            "verification: {} standard-JSON inputs and {} (set ETHERSCAN_API_KEY and run it, or pass --etherscan-api-key)",
            verifiable.len(),
            script.display()
        ),
    }
    Ok(())
}

/// Runs each `forge verify-contract` command from the repository (forge compiles there).
fn verify(verifiable: &[session_deploy::verification::Verifiable], key: &str) -> eyre::Result<()> {
    let root = session_devnet::toolchain::repo_root();
    for contract in verifiable {
        println!("verifying {} at {}", contract.label, contract.address);
        let words: Vec<&str> = contract.command.split_whitespace().skip(1).collect();
        let status = std::process::Command::new(root.join("node_modules/.bin/forge"))
            .args(words)
            .current_dir(&root)
            .env("ETHERSCAN_API_KEY", key)
            .status()?;
        eyre::ensure!(status.success(), "verifying {} failed: {}", contract.label, contract.command);
    }
    Ok(())
}

/// The endpoints to deploy through: `--rpc-url` when given, else the preset's public endpoint.
fn endpoints_for(global: &GlobalArgs, network: Option<&Network>) -> Endpoints {
    let default: Endpoints = crate::context::DEFAULT_RPC_URL.parse().expect("a URL");
    match network {
        Some(network) if global.rpc_url == default => network.rpc_url.parse().expect("preset URLs parse"),
        _ => global.rpc_url.clone(),
    }
}

fn print_seeded(seeded: &session_deploy::seeds::Seeded) {
    if seeded.nodes > 0 {
        println!(
            "seeded {} nodes ({} were already): {} gas, {} gas per node",
            seeded.nodes,
            seeded.already,
            seeded.gas_used,
            seeded.gas_used / seeded.nodes as u64
        );
    }
}

/// The whole deployment on a local fork of the chain: the same code path, the same deployer
/// nonce (so the same addresses), real gas; then the fork is thrown away.
async fn dry_run(
    provider: &DynProvider,
    endpoints: &Endpoints,
    signer: PrivateKeySigner,
    owner: Address,
    genesis: &GenesisConfig,
    launch: &Launch,
) -> eyre::Result<()> {
    let deployer = signer.address();
    // The real chain's own answer first: a fork runs anvil's EVM, not the chain's.
    let checked = session_deploy::preflight::preflight(provider, deployer, owner).await?;
    let gas_price = provider.get_gas_price().await?;
    let fork = session_devnet::anvil::spawn_fork(endpoints.urls()[0].as_str())?;
    let sandbox = signing_provider(signer, fork.endpoint_url());
    let mut journal = Journal::in_memory();
    let (deployment, seeded) = deploy_with(&sandbox, deployer, owner, genesis, &mut journal, launch).await?;
    println!("dry run on a fork of chain {} (nothing was sent to it):", deployment.manifest.chain_id);
    let mut total: u64 = 0;
    for (step, gas) in &journal.spent {
        println!("  {gas:>10} gas  {step}");
        total += gas;
    }
    if seeded.nodes > 0 {
        println!("  {:>10} gas  seeding {} nodes", seeded.gas_used, seeded.nodes);
        total += seeded.gas_used;
    }
    let cost = U256::from(total) * U256::from(gas_price);
    println!(
        "total: {} transactions, {total} gas; at today's gas price ({gas_price} wei) {} ETH (an L2's L1 data fee comes on top)",
        journal.spent.len() + seeded.nodes,
        alloy::primitives::utils::format_ether(cost)
    );
    for problem in &checked.problems {
        println!("the real deployment would be refused: {problem}");
    }
    println!("addresses it would get (deployer {deployer}, from its current nonce):");
    for (name, contract) in &deployment.manifest.contracts {
        println!("  {name:<22} {}", contract.address);
    }
    Ok(())
}
