//! The simulated network against the contracts: its downtime decisions (decommission,
//! recommission, liquidation) step by step, and a long randomized run in which its view stays in
//! step with the registry and nothing is lost.

use alloy::primitives::{Address, U256};
use session_bls::messages::Action;
use session_client::transact;
use session_client::{NodeStatus, staking::Contributor};
use session_devnet::accounts::mine_at;
use session_e2e::{NETWORK_SEED, TestEnv};
use session_network::NodeKeys;
use session_network::downtime::DECOMMISSION_AFTER;
use session_network::downtime::LIQUIDATE_AFTER;
use session_network::witness::Decision;
use session_network::witness::{MIN_DECISION_AGE, Witness};
use std::collections::BTreeSet;

/// A small deterministic generator (xorshift64*): the run is the same for a given seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[tokio::test]
async fn the_network_and_the_contract_agree_after_a_long_randomized_run() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let system = &env.system;
    let keys: Vec<NodeKeys> = (0..40).map(|i| NodeKeys::derived(NETWORK_SEED, i)).collect();
    let mut witness = Witness::new(system, keys.clone());
    let mut rng = Rng(0x5eed);
    let requirement = env.requirement().await?;
    let accounts: Vec<Address> = env.signers[10..].iter().map(|s| s.address()).collect();
    let funder = env.holder().address();
    for account in &accounts {
        env.fund(*account, requirement * U256::from(2)).await?;
    }
    let sender = env.signers[9].address();
    let mut next_key = 0usize;
    let mut operators = std::collections::BTreeMap::new();
    let mut everyone: BTreeSet<Address> = BTreeSet::new();
    let (mut joins, mut exits, mut liquidations, mut claims) = (0, 0, 0, 0);
    let (mut decommissions, mut recommissions) = (0, 0);

    for _step in 0..60 {
        match rng.below(10) {
            0..=3 if next_key < keys.len() => {
                // A node joins: solo, or shared by 2..4 of the accounts.
                let operator = accounts[rng.below(accounts.len() as u64) as usize];
                let shared = rng.below(3) as usize;
                let mut list = vec![Contributor { staker: operator, beneficiary: Address::ZERO, stake: requirement }];
                for k in 0..shared {
                    let other =
                        accounts[(accounts.iter().position(|a| *a == operator).unwrap() + 1 + k) % accounts.len()];
                    let part = requirement / U256::from(5);
                    list[0].stake -= part;
                    list.push(Contributor { staker: other, beneficiary: Address::ZERO, stake: part });
                }
                everyone.extend(list.iter().map(|c| c.staker));
                transact(system.token.transfer(operator, requirement).from(funder), "funding").await?;
                let (id, _) = system.register_node(operator, &keys[next_key], 300, list).await?;
                operators.insert(id, operator);
                next_key += 1;
                joins += 1;
            }
            4 | 5 => {
                // An operator asks to leave; the network confirms after its unlock period.
                let active = witness.network.node_ids();
                if let Some(id) = active.get(rng.below(active.len().max(1) as u64) as usize)
                    && system.lens.node(*id).call().await?.exitRequestedAt == 0
                {
                    transact(system.registry.requestExit(*id).from(operators[id]), "exit request").await?;
                }
            }
            6 | 7 => {
                // Simulated downtime, one node at a time so that the signers keep the two thirds
                // the contract requires: a node down comes back; otherwise one goes offline
                // (decommissioned after an hour, liquidated after a day) or is faulty
                // (liquidated at once).
                let active = witness.network.node_ids();
                let pick = (!active.is_empty()).then(|| active[rng.below(active.len() as u64) as usize]);
                let down = witness.downtime().outages().next();
                match (down, pick) {
                    (Some((id, _)), _) => witness.set_online(id)?,
                    (None, Some(id)) if active.len() >= 4 && rng.below(3) == 0 => witness.take_down(id)?,
                    (None, Some(id)) if active.len() >= 8 => witness.set_offline(id, env.now().await?)?,
                    _ => {}
                }
            }
            _ => {
                // Someone claims everything, or takes back a stake from an ended node.
                if let Some(who) = everyone.iter().nth(rng.below(everyone.len().max(1) as u64) as usize) {
                    if !system.claim_all(*who).await?.is_zero() {
                        claims += 1;
                    }
                    system.withdraw_all(*who).await?;
                }
            }
        }
        // Time moves 10 minutes to 2 days; the network acts on what is due.
        mine_at(&env.provider, env.now().await? + 600 + rng.below(2 * 86_400)).await?;
        for decision in witness.act(system, sender).await? {
            match decision.action {
                Action::Exit => exits += 1,
                Action::Liquidation => liquidations += 1,
                Action::Decommission => decommissions += 1,
                Action::Recommission => recommissions += 1,
                Action::StakingRequirement => unreachable!("the witness never decides the requirement"),
            }
        }
        assert_eq!(witness.divergences(system).await?, Vec::<String>::new());
    }
    let counts = [joins, exits, liquidations, decommissions, recommissions, claims];
    assert!(
        joins > 5 && counts.iter().all(|n| *n > 0),
        "joins, exits, liquidations, de/recommissions, claims: {counts:?}"
    );

    // Nothing lost: what the registry holds is exactly every stake not yet withdrawn, every reward
    // a node earned and was not paid, and the carried remainder; tokens in == tokens out + held.
    transact(system.registry.distributeRewards(), "distributing").await?;
    let held = system.token.balanceOf(*system.registry.address()).call().await?;
    let mut owed = system.lens.undistributedRewards().call().await?;
    for node in system.all_nodes().await? {
        owed += node.earned;
        for p in &node.contributors {
            owed -= p.rewardsPaid;
            owed += match node.status {
                1 | 2 => p.stake,
                _ => p.withdrawable,
            };
        }
    }
    assert_eq!(held, owed, "the registry holds exactly what it owes");
    Ok(())
}

/// Where the contract has node `node_id`, and that the network's view agrees with it.
async fn assert_in_step(
    env: &TestEnv,
    witness: &Witness,
    node_id: u64,
    status: Option<NodeStatus>,
    size: u64,
) -> eyre::Result<()> {
    let lens = &env.system.lens;
    assert_eq!(NodeStatus::from_u8(env.system.lens.node(node_id).call().await?.status), status, "node {node_id}");
    assert_eq!(lens.networkSize().call().await?, U256::from(size), "earning nodes");
    assert_eq!(witness.divergences(&env.system).await?, Vec::<String>::new());
    Ok(())
}

#[tokio::test]
async fn offline_nodes_are_decommissioned_recommissioned_when_back_and_liquidated_when_gone() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    // Six solo nodes: the contract takes up to two non-signers (a third).
    let mut ids = Vec::new();
    for key in 0..6 {
        ids.push(env.register_solo(key, 10 + key as usize).await?);
    }
    // Old enough for the network's decisions (the registry takes none on a younger node).
    mine_at(&env.provider, env.now().await? + MIN_DECISION_AGE).await?;
    let system = &env.system;
    let mut witness = Witness::new(system, (0..6).map(|key| NodeKeys::derived(NETWORK_SEED, key)));
    let sender = env.signers[9].address();
    let (flaky, gone, steady) = (ids[1], ids[4], ids[0]);
    let decided = |action, node_id| vec![Decision { action, node_id }];
    witness.sync(system).await?;
    assert_in_step(&env, &witness, flaky, Some(NodeStatus::Active), 6).await?;

    // Offline: a non-signer at once, decommissioned one hour later and not a second earlier.
    let down_at = env.now().await?;
    witness.set_offline(flaky, down_at)?;
    assert!(!witness.network.is_online(flaky));
    mine_at(&env.provider, down_at + DECOMMISSION_AFTER - 1).await?;
    assert_eq!(witness.act(system, sender).await?, vec![]);
    assert_in_step(&env, &witness, flaky, Some(NodeStatus::Active), 6).await?;
    mine_at(&env.provider, down_at + DECOMMISSION_AFTER).await?;
    assert_eq!(witness.act(system, sender).await?, decided(Action::Decommission, flaky));
    assert_in_step(&env, &witness, flaky, Some(NodeStatus::Decommissioned), 5).await?;
    assert_eq!(witness.decommissioned(), vec![flaky]);

    // Decommissioned, it earns nothing while the others do.
    let (flaky_before, steady_before) =
        (system.lens.node(flaky).call().await?.earned, system.lens.node(steady).call().await?.earned);
    mine_at(&env.provider, env.now().await? + 6 * 3_600).await?;
    transact(system.registry.distributeRewards(), "distributing").await?;
    assert_eq!(system.lens.node(flaky).call().await?.earned, flaky_before, "earned while decommissioned");
    assert!(system.lens.node(steady).call().await?.earned > steady_before);
    assert_eq!(witness.act(system, sender).await?, vec![], "still offline, short of a day");

    // Back online: recommissioned at the next round, and earning again.
    witness.set_online(flaky)?;
    assert_eq!(witness.act(system, sender).await?, decided(Action::Recommission, flaky));
    assert_in_step(&env, &witness, flaky, Some(NodeStatus::Active), 6).await?;
    let flaky_before = system.lens.node(flaky).call().await?.earned;
    mine_at(&env.provider, env.now().await? + 3_600).await?;
    transact(system.registry.distributeRewards(), "distributing").await?;
    assert!(system.lens.node(flaky).call().await?.earned > flaky_before, "earning again");

    // Another node goes offline and stays offline: decommissioned, then liquidated a day after it
    // went down, not a second earlier.
    let down_at = env.now().await?;
    witness.set_offline(gone, down_at)?;
    mine_at(&env.provider, down_at + DECOMMISSION_AFTER).await?;
    assert_eq!(witness.act(system, sender).await?, decided(Action::Decommission, gone));
    assert_in_step(&env, &witness, gone, Some(NodeStatus::Decommissioned), 5).await?;
    mine_at(&env.provider, down_at + LIQUIDATE_AFTER - 1).await?;
    assert_eq!(witness.act(system, sender).await?, vec![]);
    assert_in_step(&env, &witness, gone, Some(NodeStatus::Decommissioned), 5).await?;
    mine_at(&env.provider, down_at + LIQUIDATE_AFTER).await?;
    assert_eq!(witness.act(system, sender).await?, decided(Action::Liquidation, gone));
    assert_in_step(&env, &witness, gone, Some(NodeStatus::Liquidated), 5).await?;
    assert_eq!(witness.network.len(), 5, "its key left the aggregate");
    assert_eq!(witness.decommissioned(), Vec::<u64>::new());
    assert_in_step(&env, &witness, flaky, Some(NodeStatus::Active), 5).await?;
    Ok(())
}

#[tokio::test]
async fn sesh_network_run_takes_nodes_offline_and_recommissions_them_when_back() -> eyre::Result<()> {
    use clap::Parser;
    let mut env = TestEnv::new().await?;
    for key in 0..3 {
        env.register_solo(key, 10 + key as usize).await?;
    }
    mine_at(&env.provider, env.now().await? + MIN_DECISION_AGE).await?;
    let node = 2;
    let dir = std::env::temp_dir().join(format!("session-e2e-downtime-{}", std::process::id()));
    let manifest = env.system.manifest.write(&dir)?;
    let (rpc, key, seed) =
        (env.anvil.endpoint(), alloy::hex::encode(env.signers[9].to_bytes()), NETWORK_SEED.to_string());
    let sesh = |args: &[&str]| {
        let common =
            ["--rpc-url", &rpc, "--deployment", manifest.to_str().unwrap(), "--private-key", &key, "--seed", &seed];
        session_cli::Cli::try_parse_from(["sesh"].iter().chain(args).chain(&common)).expect("a valid command line")
    };

    // One round with the node offline: a non-signer, nothing to decide before its grace period.
    session_cli::run(sesh(&["network", "run", "--once", "--offline", &node.to_string()])).await?;
    assert_eq!(NodeStatus::from_u8(env.system.lens.node(node).call().await?.status), Some(NodeStatus::Active));

    // An hour offline (for a witness that stays up), the network decommissions it ...
    let mut witness = Witness::new(&env.system, (0..3).map(|key| NodeKeys::derived(NETWORK_SEED, key)));
    witness.sync(&env.system).await?;
    witness.set_offline(node, env.now().await?)?;
    mine_at(&env.provider, env.now().await? + DECOMMISSION_AFTER).await?;
    witness.act(&env.system, env.signers[9].address()).await?;
    assert_eq!(NodeStatus::from_u8(env.system.lens.node(node).call().await?.status), Some(NodeStatus::Decommissioned));

    // ... and a later run that sees it online recommissions it (later: the registry takes a
    // recommission signed strictly after the decommission only).
    mine_at(&env.provider, env.now().await? + 60).await?;
    session_cli::run(sesh(&["network", "run", "--once"])).await?;
    assert_eq!(NodeStatus::from_u8(env.system.lens.node(node).call().await?.status), Some(NodeStatus::Active));
    session_cli::run(sesh(&["network", "check"])).await?;
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

#[tokio::test]
async fn sesh_network_lowers_the_requirement_once_registered_nodes_keep_theirs() -> eyre::Result<()> {
    use clap::Parser;
    let mut env = TestEnv::new().await?;
    for key in 1..=3 {
        env.register_solo(key, 10 + key as usize).await?;
    }
    let before = env.requirement().await?;
    let dir = std::env::temp_dir().join(format!("session-e2e-requirement-{}", std::process::id()));
    let manifest = env.system.manifest.write(&dir)?;
    let key = alloy::hex::encode(env.signers[9].to_bytes());
    let (url, seed) = (env.anvil.endpoint(), NETWORK_SEED.to_string());
    let sesh = |to: &str| {
        let line = ["sesh", "network", "lower-requirement", "--to", to, "--seed", &seed, "--nodes", "4"];
        let base = ["--rpc-url", &url, "--deployment", manifest.to_str().unwrap(), "--private-key", &key];
        session_cli::Cli::try_parse_from(line.into_iter().chain(base))
    };
    // The network only lowers it.
    let raised = session_cli::run(sesh("30000")?).await.unwrap_err();
    assert!(raised.to_string().contains("only lowers"), "{raised}");

    session_cli::run(sesh("20000")?).await?;
    let after = env.requirement().await?;
    assert_eq!(after, session_client::units::sesh(20_000));
    assert!(after < before);
    // Registered nodes keep the stake they put in.
    for node in 1..=3u64 {
        assert_eq!(env.system.lens.node(node).call().await?.deposit, before, "node {node}");
    }
    // The same decision cannot be replayed, nor an older one applied.
    let now = env.now().await?;
    let field = 20_000 * 10u64.pow(session_client::units::DECIMALS);
    let signed = env.network.sign(Action::StakingRequirement, field - 1, now - 10)?;
    let replay =
        env.system.submit_decision(env.stranger(), Action::StakingRequirement, field - 1, now - 10, &signed).await;
    assert!(
        matches!(session_e2e::revert_in(replay), session_bindings::ContractError::StaleNetworkDecision(_)),
        "a decision older than the last change is refused"
    );
    std::fs::remove_dir_all(dir)?;
    Ok(())
}
