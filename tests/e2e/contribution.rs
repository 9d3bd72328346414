//! A node funded by its operator and 9 contributors through a contribution contract: it
//! registers, earns, and each contributor's rewards are the fee then pro-rata shares.

use alloy::primitives::U256;
use session_e2e::{NETWORK_SEED, TestEnv};
use session_network::NodeKeys;
use session_sdk::{actors::mine_at, revert::transact};

#[tokio::test]
async fn an_operator_and_9_contributors_fund_a_node_that_registers_and_earns() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    let system = env.system.clone();
    let requirement = env.requirement().await?;
    let operator = env.signers[10].address();
    let contributors: Vec<_> = env.signers[11..20].iter().map(|s| s.address()).collect();
    for who in std::iter::once(&operator).chain(&contributors) {
        env.fund(*who, requirement).await?;
    }
    let keys = NodeKeys::derived(NETWORK_SEED, 1);
    let contract = system.open_contribution(operator, &keys, 1_000, false, vec![]).await?;
    assert!(system.factory.owns(*contract.address()).call().await?, "the factory records its clones");

    let operator_stake = requirement / U256::from(4);
    system.contribute(&contract, operator, operator_stake).await?;
    let mut stakes = vec![(operator, operator_stake)];
    for (i, who) in contributors.iter().enumerate() {
        let amount = if i + 1 == contributors.len() {
            contract.remaining().call().await?
        } else {
            contract.minimumContribution().call().await?
        };
        system.contribute(&contract, *who, amount).await?;
        stakes.push((*who, amount));
    }
    assert_eq!(contract.remaining().call().await?, U256::ZERO);
    transact(contract.finalize().from(operator), "finalizing").await?;
    let node = contract.nodeId().call().await?;
    env.network.join(node, keys);
    let info = system.registry.node(node).call().await?;
    assert_eq!(info.contributors.len(), 10);
    assert_eq!(info.operator, operator);

    // A second node so the reward is shared; then a day passes.
    env.register_solo(2, 25).await?;
    let registry = &system.registry;
    let before: Vec<U256> = {
        let mut v = Vec::new();
        for (who, _) in &stakes {
            v.push(registry.pendingRewards(*who).call().await?);
        }
        v
    };
    mine_at(&env.provider, env.now().await? + 86_400).await?;
    transact(registry.distributeRewards(), "distributing").await?;
    let mut earned = Vec::new();
    for ((who, _), base) in stakes.iter().zip(&before) {
        earned.push(registry.pendingRewards(*who).call().await? - *base);
    }
    let total: U256 = earned.iter().copied().sum();
    let fee = total * U256::from(1_000) / U256::from(10_000);
    let rest = total - fee;
    for (i, ((who, stake), got)) in stakes.iter().zip(&earned).enumerate() {
        let share = rest * *stake / requirement;
        let expected = if i == 0 { fee + share } else { share };
        let diff = if *got > expected { *got - expected } else { expected - *got };
        // Each of the 10 shares rounds down by under one unit, so the measured total, and hence
        // the expected shares, may be off by up to 10 units plus one of the share itself.
        assert!(diff <= U256::from(11), "{who}: {got} vs {expected}");
    }
    Ok(())
}
