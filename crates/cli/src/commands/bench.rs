//! `sesh bench gas`: gas of every user-facing operation, measured from receipts on a fresh anvil
//! through the same deployment path as the devnet. Later features add their operations here.

use crate::context::GlobalArgs;
use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    rpc::types::TransactionReceipt,
};
use clap::Subcommand;
use eyre::ContextCompat;
use serde::Serialize;
use session_bls::messages::Action;
use session_client::permit::sign_permit;
use session_client::provider::now;
use session_client::transact;
use session_client::transact::mined;
use session_client::units::sesh;
use session_deploy::GenesisConfig;
use session_deploy::deploy;
use session_devnet::accounts::dev_accounts;
use session_devnet::accounts::mine_at;
use session_devnet::accounts::next_block_at;
use session_devnet::anvil::spawn_anvil;
use session_devnet::toolchain::devnet_genesis_path;
use session_network::{NodeKeys, SimulatedNetwork};

/// What `sesh bench` measures.
#[derive(Debug, Clone, Subcommand)]
pub enum BenchCommand {
    /// Print a table of operation -> gas.
    Gas {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Network sizes to measure the registry's operations at.
        #[arg(long, value_delimiter = ',', default_value = "10,2000")]
        nodes: Vec<u64>,
    },
    /// Time a two-year tokenomics run on the contracts (`sesh simulate` without the outputs).
    Simulate {
        /// The scenario (default: config/scenarios/base.toml).
        #[arg(long)]
        scenario: Option<std::path::PathBuf>,
    },
}

/// One measured operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GasRow {
    /// Contract and operation, e.g. `SessionToken.transfer`.
    pub operation: String,
    /// What the case is, e.g. "to a new holder".
    pub case: String,
    /// Gas used by the whole transaction.
    pub gas: u64,
}

/// Runs a benchmark and prints it.
pub async fn run(_global: &GlobalArgs, command: BenchCommand) -> eyre::Result<()> {
    match command {
        BenchCommand::Simulate { scenario } => bench_simulation(scenario).await,
        BenchCommand::Gas { json, nodes } => {
            let mut rows = measure_gas().await?;
            for size in nodes {
                rows.extend(measure_registry(size).await?);
            }
            for contributors in [4, 10] {
                rows.extend(measure_contribution_flow(contributors).await?);
            }
            rows.extend(measure_distribution().await?);
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else {
                println!("{:<32} {:<48} {:>10}", "operation", "case", "gas");
                for row in &rows {
                    println!("{:<32} {:<48} {:>10}", row.operation, row.case, row.gas);
                }
            }
            Ok(())
        }
    }
}

/// Deploys on a fresh anvil and measures each operation once.
pub async fn measure_gas() -> eyre::Result<Vec<GasRow>> {
    let anvil = spawn_anvil(None)?;
    let (provider, signers) = dev_accounts(&anvil);
    let owner = signers[0].address();
    let holder = &signers[1];
    let genesis = GenesisConfig::load(&devnet_genesis_path())?;
    let system = deploy(&provider, owner, owner, &genesis).await?;
    let (token, pool) = (&system.token, &system.reward_pool);
    let mut rows = Vec::new();
    let mut record = |operation: &str, case: &str, receipt: TransactionReceipt| {
        rows.push(GasRow { operation: operation.into(), case: case.into(), gas: receipt.gas_used });
    };

    let fresh = Address::repeat_byte(0x51);
    let r =
        mined(token.transfer(fresh, sesh(100)).from(holder.address()).send().await?, "benchmark transaction").await?;
    record("SessionToken.transfer", "to a new holder", r);
    let r =
        mined(token.transfer(fresh, sesh(100)).from(holder.address()).send().await?, "benchmark transaction").await?;
    record("SessionToken.transfer", "to an existing holder", r);
    let r = mined(
        token.approve(*pool.address(), sesh(1_000)).from(holder.address()).send().await?,
        "benchmark transaction",
    )
    .await?;
    record("SessionToken.approve", "", r);

    let chain_id = provider.get_chain_id().await?;
    let deadline = U256::from(now(&provider).await? + 3_600);
    let nonce = token.nonces(holder.address()).call().await?;
    let sig = sign_permit(holder, chain_id, *token.address(), owner, sesh(5), nonce, deadline)?;
    let r = mined(
        token.permit(holder.address(), owner, sesh(5), deadline, sig.v, sig.r, sig.s).send().await?,
        "benchmark transaction",
    )
    .await?;
    record("SessionToken.permit", "signed off-chain", r);
    let r = mined(token.burn(sesh(1)).from(holder.address()).send().await?, "benchmark transaction").await?;
    record("SessionToken.burn", "", r);

    let start = pool.lastReleaseTime().call().await?;
    mine_at(&provider, start + 86_400 - 1).await?;
    let r = mined(pool.deposit(sesh(1_000)).from(holder.address()).send().await?, "benchmark transaction").await?;
    record("RewardPool.deposit", "pays 1 day of accrual first", r);
    let last = pool.lastReleaseTime().call().await?;
    mine_at(&provider, last + 86_400 - 1).await?;
    let r = mined(pool.release().send().await?, "benchmark transaction").await?;
    record("RewardPool.release", "1 day of accrual", r);
    let r = mined(pool.release().send().await?, "benchmark transaction").await?;
    record("RewardPool.release", "next block (1 s of accrual)", r);
    rows.first().context("no operation measured")?;
    Ok(rows)
}

/// Registry operations on a network of `size` active nodes (all run by one operator, which the
/// registry allows), measured on fresh nodes registered on top of them.
pub async fn measure_registry(size: u64) -> eyre::Result<Vec<GasRow>> {
    let anvil = spawn_anvil(None)?;
    let (provider, signers) = dev_accounts(&anvil);
    let owner = signers[0].address();
    let operator = signers[1].address();
    let genesis = GenesisConfig::load(&devnet_genesis_path())?;
    let system = deploy(&provider, owner, owner, &genesis).await?;
    let registry = &system.registry;
    let mut network = SimulatedNetwork::new(system.consensus_domain());
    let case = format!("N = {size}");
    let mut rows = Vec::new();
    let mut record = |operation: &str, detail: &str, receipt: TransactionReceipt| {
        let case = if detail.is_empty() { case.clone() } else { format!("{case}, {detail}") };
        rows.push(GasRow { operation: operation.into(), case, gas: receipt.gas_used });
    };

    // The measured nodes: exit by request, signed exits, liquidation.
    let extra = 6;
    let progress = Progress::new(&format!("registering {} nodes", size + extra), size + extra);
    let mut ids = Vec::new();
    for index in 0..size + extra {
        let keys = NodeKeys::derived(BENCH_SEED, index);
        let (id, _) = system.register_solo(operator, &keys, 500).await?;
        network.join(id, keys);
        ids.push(id);
        progress.tick();
    }
    progress.finish();
    // The measured registration: a node of its own operator, who later claims for it alone.
    let solo = signers[2].address();
    let keys = NodeKeys::derived(BENCH_SEED, size + extra);
    // In a block of its own second, so it pays the pool's release as on a live network (a second
    // transaction in the same second would skip it and measure about 36k less).
    next_block_at(&provider, now(&provider).await? + 1).await?;
    let (solo_id, registration) = system.register_solo(solo, &keys, 500).await?;
    network.join(solo_id, keys);
    record("StakingRegistry.registerNode", "solo, proof of possession", registration);

    let r = transact(registry.requestExit(ids[0]).from(operator), "requesting an exit").await?;
    record("StakingRegistry.requestExit", "", r);
    mine_at(&provider, now(&provider).await? + 2 * 3_600 + 60).await?;
    transact(registry.distributeRewards().from(solo), "distributing").await?;
    transact(registry.claimRewards(solo_id, solo).from(solo), "first claim").await?;
    mine_at(&provider, now(&provider).await? + 86_400).await?;
    let r = transact(registry.distributeRewards().from(operator), "distributing").await?;
    record("StakingRegistry.distributeRewards", "a day of the pool", r);
    let r = transact(registry.claimRewards(solo_id, solo).from(solo), "claiming").await?;
    record("StakingRegistry.claimRewards", "a later claim of a one-node operator", r);

    let targets = &ids[1..];
    let mut non_signer_counts = vec![0usize, 1];
    non_signer_counts.extend([10, 100].into_iter().filter(|k| (*k as u64) <= size / 3));
    for (target, k) in targets.iter().zip(&non_signer_counts) {
        let offline: Vec<u64> = ids.iter().rev().take(*k).copied().collect();
        for id in &offline {
            network.set_online(*id, false)?;
        }
        let at = now(&provider).await? + 1;
        let signed = network.sign(Action::Exit, *target, at)?;
        next_block_at(&provider, at).await?;
        let r = system.submit_decision(owner, Action::Exit, *target, at, &signed).await?;
        record("StakingRegistry.exitBySignature", &format!("{k} non-signers"), r);
        network.leave(*target);
        for id in &offline {
            network.set_online(*id, true)?;
        }
    }
    let target = targets[non_signer_counts.len()];
    let offline = *ids.last().expect("nodes");
    network.set_online(offline, false)?;
    let at = now(&provider).await? + 1;
    let signed = network.sign(Action::Liquidation, target, at)?;
    next_block_at(&provider, at).await?;
    let r = system.submit_decision(owner, Action::Liquidation, target, at, &signed).await?;
    record("StakingRegistry.liquidate", "1 non-signer", r);
    let r = transact(registry.withdrawStake(targets[0]).from(operator), "withdrawing the stake").await?;
    record("StakingRegistry.withdrawStake", "after a signed exit", r);
    Ok(rows)
}

/// A multi-contributor node from the factory to the registry: the operator opens a contribution
/// contract, deposits a quarter, `contributors - 1` others fill it in equal parts, the operator
/// finalizes, on a network of one node. Token approvals are listed apart (a wallet may have
/// approved once, for good). Then the variant where the operator stakes in the creating
/// transaction (`createAndContribute`), measured on a second contract, and on a third the whole
/// cheapest path: stake at creation, and the filling deposit registers the node.
pub async fn measure_contribution_flow(contributors: usize) -> eyre::Result<Vec<GasRow>> {
    let anvil = spawn_anvil(None)?;
    let (provider, signers) = dev_accounts(&anvil);
    let owner = signers[0].address();
    let genesis = GenesisConfig::load(&devnet_genesis_path())?;
    let system = deploy(&provider, owner, owner, &genesis).await?;
    let requirement = system.registry.stakingRequirement().call().await?;
    let people: Vec<Address> = signers[10..10 + contributors].iter().map(|s| s.address()).collect();
    for who in &people {
        transact(system.token.transfer(*who, requirement).from(signers[1].address()), "funding a contributor").await?;
    }
    // A network exists already: the first node ever pays ~90k more (aggregate key, counters from 0).
    transact(system.token.transfer(owner, requirement).from(signers[1].address()), "funding").await?;
    system.register_solo(owner, &NodeKeys::derived(BENCH_SEED, 20_000 + contributors as u64), 0).await?;
    let mut rows = Vec::new();
    let (mut flow, mut approvals, mut operator_deposit) = (0u64, 0u64, 0u64);
    let case = |what: &str| format!("{contributors} contributors, {what}");
    let operator = people[0];
    let keys = NodeKeys::derived(BENCH_SEED, 10_000 + contributors as u64);
    let (contract, receipt) = system.open_contribution(operator, &keys, 500, false, Vec::new(), None).await?;
    let created = receipt.gas_used;
    rows.push(GasRow { operation: "ContributionFactory.create".into(), case: case("a clone"), gas: created });
    flow += created;
    let operator_stake = requirement.div_ceil(U256::from(4));
    for (i, who) in people.iter().enumerate() {
        let amount = match i {
            0 => operator_stake,
            _ if i == contributors - 1 => contract.remaining().call().await?,
            _ => contract.minimumContribution().call().await?,
        };
        let r = transact(system.token.approve(*contract.address(), amount).from(*who), "approving").await?;
        approvals += r.gas_used;
        let r = transact(contract.contribute(amount, contract.termsVersion().call().await?).from(*who), "contributing")
            .await?;
        flow += r.gas_used;
        if i == 0 {
            operator_deposit = r.gas_used;
        }
        if i <= 1 || i == contributors - 1 {
            let what = ["operator's deposit", "2nd contributor"].get(i).copied().unwrap_or("last contributor");
            rows.push(GasRow {
                operation: "ContributionContract.contribute".into(),
                case: case(what),
                gas: r.gas_used,
            });
        }
    }
    // As for a solo registration: the finalization pays the pool's release.
    next_block_at(&provider, now(&provider).await? + 1).await?;
    let r = transact(contract.finalize().from(operator), "finalizing").await?;
    rows.push(GasRow { operation: "ContributionContract.finalize".into(), case: case("registers"), gas: r.gas_used });
    flow += r.gas_used;
    rows.push(GasRow { operation: "whole flow".into(), case: case("create + deposits + finalize"), gas: flow });
    rows.push(GasRow { operation: "whole flow".into(), case: case("with the token approvals"), gas: flow + approvals });
    // The same flow with the operator's stake taken at creation: one transaction fewer.
    transact(system.token.transfer(operator, operator_stake).from(signers[1].address()), "funding").await?;
    let keys = NodeKeys::derived(BENCH_SEED, 30_000 + contributors as u64);
    let (_, r) = system.open_contribution(operator, &keys, 500, false, Vec::new(), Some(operator_stake)).await?;
    rows.push(GasRow {
        operation: "ContributionFactory.createAndContribute".into(),
        case: case("a clone and the operator's stake"),
        gas: r.gas_used,
    });
    let one_step = flow - created - operator_deposit + r.gas_used;
    rows.push(GasRow { operation: "whole flow".into(), case: case("staking at creation"), gas: one_step });
    // The cheapest path, measured end to end on a third contract: the operator stakes at creation
    // and the filling deposit registers the node (automatic finalization).
    for who in &people {
        transact(system.token.transfer(*who, requirement).from(signers[1].address()), "funding a contributor").await?;
    }
    let keys = NodeKeys::derived(BENCH_SEED, 40_000 + contributors as u64);
    let (contract, r) = system.open_contribution(operator, &keys, 500, true, Vec::new(), Some(operator_stake)).await?;
    let mut automatic = r.gas_used;
    for (i, who) in people.iter().enumerate().skip(1) {
        let amount = match i {
            _ if i == contributors - 1 => contract.remaining().call().await?,
            _ => contract.minimumContribution().call().await?,
        };
        transact(system.token.approve(*contract.address(), amount).from(*who), "approving").await?;
        if i == contributors - 1 {
            next_block_at(&provider, now(&provider).await? + 1).await?;
        }
        let r = transact(contract.contribute(amount, contract.termsVersion().call().await?).from(*who), "contributing")
            .await?;
        automatic += r.gas_used;
        if i == contributors - 1 {
            rows.push(GasRow {
                operation: "ContributionContract.contribute".into(),
                case: case("filling deposit, registers"),
                gas: r.gas_used,
            });
        }
    }
    eyre::ensure!(contract.nodeId().call().await? != 0, "the filling deposit did not register the node");
    rows.push(GasRow {
        operation: "whole flow".into(),
        case: case("staking at creation, automatic finalize"),
        gas: automatic,
    });
    Ok(rows)
}

/// Seed of the benchmark network's keys.
const BENCH_SEED: u64 = 0xbe4c;

/// A one-line progress indicator on stderr for long work.
pub struct Progress {
    what: String,
    total: u64,
    done: std::cell::Cell<u64>,
}

impl Progress {
    /// Starts showing `what`, out of `total` steps.
    pub fn new(what: &str, total: u64) -> Self {
        Self { what: what.to_string(), total, done: std::cell::Cell::new(0) }
    }

    /// One step done: redraws the line every 1% on a terminal; elsewhere (a log, a pipe) one
    /// line every 10%, each ended.
    pub fn tick(&self) {
        use std::io::IsTerminal;
        let done = self.done.get() + 1;
        self.done.set(done);
        let terminal = std::io::stderr().is_terminal();
        let step = (self.total / if terminal { 100 } else { 10 }).max(1);
        if done.is_multiple_of(step) || done == self.total {
            match terminal {
                true => eprint!("\r{}: {done}/{}", self.what, self.total),
                false => eprintln!("{}: {done}/{}", self.what, self.total),
            }
        }
    }

    /// Ends the line on a terminal.
    pub fn finish(&self) {
        use std::io::IsTerminal;
        if std::io::stderr().is_terminal() {
            eprintln!();
        }
    }
}

/// Times `scenario` (default: the base scenario) on the contracts and through the model.
async fn bench_simulation(scenario: Option<std::path::PathBuf>) -> eyre::Result<()> {
    use session_tokenomics::{chain, model, plan, scenario::Scenario, simulation_genesis};
    let path = scenario.unwrap_or_else(|| session_devnet::toolchain::repo_root().join("config/scenarios/base.toml"));
    let scenario = Scenario::load(&path)?;
    let genesis = simulation_genesis()?;
    let economics = model::Economics::from_genesis(&genesis)?;
    let started = std::time::Instant::now();
    let plan = plan::plan(&scenario, economics.pro_days)?;
    let planned = started.elapsed().as_secs_f64();
    let run = chain::run(&plan, &economics, &genesis, scenario.seed, |_| {}).await?;
    let started = std::time::Instant::now();
    let expected = model::run(&plan, &economics, run.t0);
    let modelled = started.elapsed().as_secs_f64();
    let agree = run.records == expected;
    let days = plan.days.len() as f64;
    println!(
        "tokenomics simulation, scenario {} ({} days, {} nodes at launch)",
        scenario.name,
        plan.days.len(),
        plan.initial_nodes
    );
    println!("  {:<44} {:>9.3} s", "plan", planned);
    println!("  {:<44} {:>9.1} s", "chain: anvil, deployment, seeding", run.setup_seconds);
    println!("  {:<44} {:>9.1} s ({:.1} ms a day)", "chain: the days", run.days_seconds, run.days_seconds * 1e3 / days);
    println!("  {:<44} {:>9.1} s", "chain: total", run.setup_seconds + run.days_seconds);
    println!("  {:<44} {:>9.3} s", "step model", modelled);
    println!("  chain and model agree to the atomic unit on every day: {agree}");
    eyre::ensure!(agree, "the chain and the model differ");
    Ok(())
}

/// The genesis distribution: creating a vesting, releasing from it, registering a node through a
/// staking vesting next to registering one directly, and a Merkle claim from a 1,000-leaf tree.
pub async fn measure_distribution() -> eyre::Result<Vec<GasRow>> {
    use session_bindings::{MerkleClaims, StakingVesting, VestingFactory, merkle_claims, vesting_factory};
    let anvil = spawn_anvil(None)?;
    let (provider, signers) = dev_accounts(&anvil);
    let owner = signers[0].address();
    let holder = signers[1].address();
    let genesis = GenesisConfig::load(&devnet_genesis_path())?;
    let system = deploy(&provider, owner, owner, &genesis).await?;
    let token = &system.token;
    let factory = VestingFactory::new(system.manifest.address("VestingFactory")?, provider.clone());
    let mut rows = Vec::new();
    let mut record = |operation: &str, case: String, gas: u64| {
        rows.push(GasRow { operation: operation.into(), case, gas });
    };
    let t = now(&provider).await?;
    let schedule =
        |cliff: u64, end: u64| vesting_factory::IVesting::Schedule { start: t, cliff, end, cliffShareBps: 0 };
    let allocation = sesh(100_000);

    // A plain vesting over one day, created then released from after half of it.
    transact(token.approve(*factory.address(), allocation).from(holder), "approving the factory").await?;
    let salt = alloy::primitives::B256::repeat_byte(1);
    let plain =
        factory.predictAddress(0, Address::ZERO, allocation, schedule(t, t + 86_400), holder, salt).call().await?;
    let r = transact(
        factory.create(0, holder, Address::ZERO, allocation, schedule(t, t + 86_400), salt).from(holder),
        "creating a vesting",
    )
    .await?;
    record("VestingFactory.create", "plain, 100,000 SESH".into(), r.gas_used);
    mine_at(&provider, t + 43_200).await?;
    let plain = StakingVesting::new(plain, provider.clone());
    let r = transact(plain.release().from(holder), "releasing").await?;
    record("PlainVesting.release", "half of the schedule, first release".into(), r.gas_used);

    // Registration: directly, then through a staking vesting (its operator is the vesting).
    // A first node takes the one-time writes (the first earning node, the first aggregate key).
    system.register_solo(holder, &NodeKeys::derived(0xd157, 0), 0).await?;
    let direct = NodeKeys::derived(0xd157, 1);
    let (_, r) = system.register_solo(holder, &direct, 0).await?;
    let direct_gas = r.gas_used;
    record("StakingRegistry.registerNode", "solo, directly (second node)".into(), direct_gas);
    transact(token.approve(*factory.address(), allocation).from(holder), "approving the factory").await?;
    let salt = alloy::primitives::B256::repeat_byte(2);
    let far = schedule(t + 365 * 86_400, t + 730 * 86_400);
    let staking = factory.predictAddress(1, Address::ZERO, allocation, far.clone(), holder, salt).call().await?;
    let r =
        transact(factory.create(1, holder, Address::ZERO, allocation, far, salt).from(holder), "creating a vesting")
            .await?;
    record("VestingFactory.create", "staking, 100,000 SESH".into(), r.gas_used);
    let keys = NodeKeys::derived(0xd157, 2);
    let proof = keys.proof_of_possession(&system.consensus_domain(), &staking.0.0);
    let vesting = StakingVesting::new(staking, provider.clone());
    let call = vesting.registerNode(
        alloy::primitives::Bytes::copy_from_slice(&keys.bls_public().to_eip2537()),
        alloy::primitives::FixedBytes(keys.ed25519_public()),
        alloy::primitives::Bytes::copy_from_slice(&proof.to_eip2537()),
    );
    let r = transact(call.from(holder), "registering through the vesting").await?;
    let extra = (r.gas_used as f64 / direct_gas as f64 - 1.0) * 100.0;
    record(
        "StakingVesting.registerNode",
        format!("solo, through a vesting, third node ({extra:+.1}% vs directly)"),
        r.gas_used,
    );

    // A claim from a 1,000-leaf tree, to a new holder.
    let leaves: Vec<(Address, U256)> =
        (1..=1_000u64).map(|i| (Address::left_padding_from(&i.to_be_bytes()), sesh(i))).collect();
    let tree = session_client::merkle::build(&leaves).context("a tree")?;
    let none = merkle_claims::IVesting::Schedule { start: 0, cliff: 0, end: 0, cliffShareBps: 0 };
    let claims = MerkleClaims::deploy(
        provider.clone(),
        *token.address(),
        tree.root,
        t + 400 * 86_400,
        owner,
        owner,
        Address::ZERO,
        none,
    )
    .await?;
    transact(token.transfer(*claims.address(), sesh(600_000)).from(holder), "funding the claims").await?;
    let leaf = &tree.claims[499];
    let r = transact(claims.claim(leaf.account, U256::from(500u64) * sesh(1), leaf.proof.clone()), "claiming").await?;
    record("MerkleClaims.claim", format!("1,000 leaves ({} proof hashes), new holder", leaf.proof.len()), r.gas_used);
    Ok(rows)
}
