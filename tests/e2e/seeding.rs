//! `sesh deploy` for a real launch: a dry run that sends nothing, a deployment that stops short of
//! the start, and the production network's 2,000 nodes seeded in two runs (the second resumes
//! where the first stopped), after which the registry starts.

use alloy::{
    primitives::{Address, B256, U256},
    providers::{DynProvider, Provider},
    signers::local::PrivateKeySigner,
};
use clap::Parser;
use session_bindings::{SessionToken, StakingLens, StakingRegistry};
use session_bls::messages::Domain;
use session_cli::{Cli, run};
use session_client::{Manifest, NodeStatus};
use session_deploy::seeds::{SeedContributor, SeedFile, SeedNode};
use session_devnet::{accounts::dev_accounts, anvil::spawn_anvil, toolchain::devnet_genesis_path};
use session_keys::NodeKeys;
use std::path::{Path, PathBuf};

/// Nodes the production network carries over.
const NODES: u64 = 2_000;
/// Every this many nodes, one is shared by four contributors.
const SHARED_EVERY: u64 = 10;

struct Launch {
    dir: PathBuf,
    url: String,
    key: String,
    genesis: String,
}

impl Launch {
    /// `sesh deploy <args>` as the deployer, into this test's folder.
    async fn deploy(&self, args: &[&str]) -> eyre::Result<()> {
        let out = self.dir.to_str().unwrap();
        let base = ["--rpc-url", &self.url, "--private-key", &self.key, "--genesis", &self.genesis, "--out", out];
        let line: Vec<&str> = ["sesh", "deploy"].into_iter().chain(args.iter().copied()).chain(base).collect();
        run(Cli::try_parse_from(line)?).await
    }
}

/// The devnet's genesis with the deployer holding 50,000,000 liquid SESH, exactly the stakes of
/// 2,000 nodes at 25,000 SESH: the float of dev account 1 (45,000,000) goes to the deployer, with
/// 5,000,000 of the liquidity allocation (the liquid total stays 80,000,000).
fn genesis_paying_the_seeds(dir: &Path, deployer: Address) -> eyre::Result<String> {
    let devnet = std::fs::read_to_string(devnet_genesis_path())?;
    let float = "recipient = \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\"\namount = 45_000_000";
    let liquidity = "recipient = \"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC\"\namount = 10_000_000";
    assert!(devnet.contains(float) && devnet.contains(liquidity), "the devnet genesis changed: pick other allocations");
    let text = devnet
        .replace(float, &format!("recipient = \"{deployer}\"\namount = 50_000_000"))
        .replace(liquidity, "recipient = \"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC\"\namount = 5_000_000");
    // The CSV files the config names sit next to it.
    let config_dir = devnet_genesis_path().parent().expect("config dir").to_path_buf();
    for file in ["genesis.devnet.investors.csv", "genesis.devnet.claims.csv"] {
        std::fs::copy(config_dir.join(file), dir.join(file))?;
    }
    let path = dir.join("genesis.toml");
    std::fs::write(&path, text)?;
    Ok(path.to_str().unwrap().to_string())
}

/// The nodes to carry over: keys of their own, operators among the dev accounts, one node in
/// ten shared by four, registered on the old network one hour apart.
fn seed_file(domain: &Domain, signers: &[PrivateKeySigner], requirement: U256, now: u64) -> SeedFile {
    let nodes = (0..NODES)
        .map(|i| {
            let keys = NodeKeys::derived(0x5eed, i + 1);
            let owners: Vec<Address> = if i % SHARED_EVERY == 0 {
                (0..4).map(|k| signers[1 + ((i as usize + k) % 30)].address()).collect()
            } else {
                vec![signers[1 + (i as usize % 30)].address()]
            };
            let share = requirement / U256::from(owners.len());
            let operator = owners[0];
            SeedNode {
                bls_key: keys.bls_public().to_eip2537().to_vec().into(),
                ed25519_key: B256::from(keys.ed25519_public()),
                proof_of_possession: keys.proof_of_possession(domain, &operator.0.0).to_eip2537().to_vec().into(),
                fee_bps: if owners.len() > 1 { 500 } else { 0 },
                registered_at: now - (NODES - i) * 3_600,
                contributors: owners
                    .iter()
                    .map(|&staker| SeedContributor { staker, beneficiary: None, stake: whole(share) })
                    .collect(),
            }
        })
        .collect();
    SeedFile { nodes }
}

/// An amount of whole SESH as a seed file writes it ("6250").
fn whole(amount: U256) -> String {
    let unit = U256::from(10u64.pow(session_client::units::DECIMALS));
    assert!((amount % unit).is_zero());
    (amount / unit).to_string()
}

fn write(dir: &Path, name: &str, file: &SeedFile) -> eyre::Result<String> {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string(file)?)?;
    Ok(path.to_str().unwrap().to_string())
}

#[tokio::test]
async fn a_dry_run_sends_nothing_then_2000_nodes_are_seeded_in_two_runs_and_the_registry_starts() -> eyre::Result<()> {
    let anvil = spawn_anvil(None)?;
    let (provider, signers) = dev_accounts(&anvil);
    let deployer = signers[0].address();
    let dir = std::env::temp_dir().join(format!("session-e2e-seeding-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let launch = Launch {
        url: anvil.endpoint(),
        key: alloy::hex::encode(signers[0].to_bytes()),
        genesis: genesis_paying_the_seeds(&dir, deployer)?,
        dir: dir.clone(),
    };

    // A rehearsal on a fork: nothing reaches the chain.
    launch.deploy(&["--dry-run"]).await?;
    assert_eq!(provider.get_transaction_count(deployer).await?, 0, "the dry run sent nothing");
    assert!(!dir.join("31337.json").exists(), "the dry run wrote no manifest");

    // Deployed and configured, not started: the consensus registry's address is what the
    // nodes' proofs bind.
    launch.deploy(&["--no-start"]).await?;
    let manifest = Manifest::load(&dir.join("31337.json"))?;
    let registry = StakingRegistry::new(manifest.address("StakingRegistry")?, provider.clone());
    let lens = StakingLens::new(manifest.address("StakingLens")?, provider.clone());
    let token = SessionToken::new(manifest.address("SessionToken")?, provider.clone());
    assert!(!lens.started().call().await?);
    let domain = Domain::new(manifest.chain_id, manifest.address("ConsensusRegistry")?.0.0);
    let requirement = registry.stakingRequirement().call().await?;
    let now = session_client::provider::now(&provider).await?;
    let all = seed_file(&domain, &signers, requirement, now);

    // A proof for another deployment is refused before anything is sent.
    let mut forged = SeedFile { nodes: all.nodes[..3].to_vec() };
    forged.nodes[2].proof_of_possession = NodeKeys::derived(0x5eed, 3)
        .proof_of_possession(&Domain::new(1, [7; 20]), &[1; 20])
        .to_eip2537()
        .to_vec()
        .into();
    let sent = provider.get_transaction_count(deployer).await?;
    let refused = launch.deploy(&["--seed", &write(&dir, "forged.json", &forged)?, "--no-start"]).await.unwrap_err();
    assert!(refused.to_string().contains("node 3 of the seed file"), "{refused}");
    assert_eq!(provider.get_transaction_count(deployer).await?, sent, "nothing was sent");

    // The first 700 in one run (stopped there, as an interrupted run would be), then the whole
    // file: the second run finds the 700 on chain and seeds the rest.
    let first = SeedFile { nodes: all.nodes[..700].to_vec() };
    launch.deploy(&["--seed", &write(&dir, "first.json", &first)?, "--no-start"]).await?;
    assert_eq!(lens.lastNodeId().call().await?, 700);
    let before = provider.get_transaction_count(deployer).await?;
    let gas = seed_and_start(&launch, &provider, &write(&dir, "nodes.json", &all)?).await?;
    let sent = provider.get_transaction_count(deployer).await? - before;
    // The approval, 1,300 seeds, the start: the first 700 were not sent again.
    assert_eq!(sent, 1 + (NODES - 700) + 1, "each node seeded once");
    let per_node = gas / (NODES - 700);
    println!("seeding: {per_node} gas per node over {} nodes (one in {SHARED_EVERY} shared by four)", NODES - 700);

    assert!(lens.started().call().await?);
    assert_eq!(lens.lastNodeId().call().await?, NODES);
    assert_eq!(lens.networkSize().call().await?, U256::from(NODES));
    assert_eq!(token.balanceOf(deployer).call().await?, U256::ZERO, "every stake came from the deployer");
    assert_eq!(token.allowance(deployer, *registry.address()).call().await?, U256::ZERO, "no allowance left");
    for id in [1, 11, 1_500, NODES] {
        let node = &all.nodes[id as usize - 1];
        let record = lens.nodeRecord(id).call().await?;
        assert_eq!(record.ed25519Key, node.ed25519_key);
        assert_eq!(record.registeredAt, node.registered_at, "the original registration time");
        assert_eq!(record.operator, node.contributors[0].staker);
        assert_eq!(record.contributorCount, U256::from(node.contributors.len()));
        assert_eq!(NodeStatus::from_u8(record.status), Some(NodeStatus::Active));
    }
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

/// Runs the seeding and start; returns the gas its seed transactions used.
async fn seed_and_start(launch: &Launch, provider: &DynProvider, file: &str) -> eyre::Result<u64> {
    let from = provider.get_block_number().await?;
    launch.deploy(&["--seed", file]).await?;
    let to = provider.get_block_number().await?;
    let mut gas = 0;
    for number in from + 1..=to {
        let block = provider.get_block_by_number(number.into()).full().await?.expect("a mined block");
        for tx in block.transactions.txns() {
            let receipt = provider.get_transaction_receipt(*tx.inner.tx_hash()).await?.expect("a receipt");
            let input = alloy::consensus::Transaction::input(tx);
            if input.starts_with(&<StakingRegistry::seedNodeCall as alloy::sol_types::SolCall>::SELECTOR) {
                gas += receipt.gas_used;
            }
        }
    }
    Ok(gas)
}
