//! The simulated network against the contracts over a long randomized run: its view stays in
//! step with the registry and nothing is lost.

use alloy::primitives::{Address, U256};
use session_e2e::{NETWORK_SEED, TestEnv};
use session_network::NodeKeys;
use session_sdk::{actors::mine_at, revert::transact, rewards::stake_back, staking::Contributor, witness::Witness};
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
                    && system.registry.node(*id).call().await?.exitRequestedAt == 0
                {
                    transact(system.registry.requestExit(*id).from(operators[id]), "exit request").await?;
                }
            }
            6 => {
                // Simulated downtime: the network will liquidate the node (keep a signing majority).
                let active = witness.network.node_ids();
                if active.len() >= 4 {
                    let id = active[rng.below(active.len() as u64) as usize];
                    witness.take_down(id)?;
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
                session_bls::messages::Action::Exit => exits += 1,
                _ => liquidations += 1,
            }
        }
        assert_eq!(witness.divergences(system).await?, Vec::<String>::new());
    }
    assert!(joins > 5 && exits > 0 && liquidations > 0 && claims > 0, "{joins} {exits} {liquidations} {claims}");

    // Nothing lost: what the registry holds is exactly every stake not yet withdrawn, every reward
    // a node earned and was not paid, and the carried remainder; tokens in == tokens out + held.
    transact(system.registry.distributeRewards(), "distributing").await?;
    let held = system.token.balanceOf(*system.registry.address()).call().await?;
    let mut owed = system.registry.undistributedRewards().call().await?;
    for node in system.all_nodes().await? {
        owed += node.earned;
        for (index, p) in node.contributors.iter().enumerate() {
            owed -= p.rewardsPaid;
            owed += match node.status {
                1 | 2 => p.stake,
                _ => stake_back(&node, index),
            };
        }
    }
    assert_eq!(held, owed, "the registry holds exactly what it owes");
    Ok(())
}
