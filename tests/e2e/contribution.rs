//! A node funded by its operator and 9 contributors through a contribution contract: it
//! registers, earns, and each contributor's rewards are the fee then pro-rata shares.

use alloy::primitives::U256;
use session_client::transact;
use session_devnet::accounts::mine_at;
use session_e2e::{NETWORK_SEED, TestEnv};
use session_network::NodeKeys;

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
    let (contract, _) = system.open_contribution(operator, &keys, 1_000, false, vec![], None).await?;
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
    let info = system.lens.node(node).call().await?;
    assert_eq!(info.contributors.len(), 10);
    assert_eq!(info.operator, operator);

    // A second node so the reward is shared; then a day passes.
    env.register_solo(2, 25).await?;
    let registry = &system.registry;
    mine_at(&env.provider, env.now().await? + 86_400).await?;
    transact(registry.distributeRewards(), "distributing").await?;

    // Each contributor's claimable rewards are exactly its share of what the node earned: the
    // operator's fee first, the rest pro rata to stake, each rounded down.
    let info = system.lens.node(node).call().await?;
    let (bps, fee) = (U256::from(10_000), U256::from(1_000));
    let whole = info.deposit * bps;
    let mut sum = U256::ZERO;
    for (i, ((who, stake), position)) in stakes.iter().zip(&info.contributors).enumerate() {
        assert_eq!(position.staker, *who);
        assert_eq!(position.stake, *stake);
        let weight = *stake * (bps - fee) + if i == 0 { fee * info.deposit } else { U256::ZERO };
        let expected = info.earned * weight / whole;
        assert_eq!(position.claimable, expected, "contributor {i}");
        sum += expected;
    }
    assert!(sum <= info.earned && info.earned - sum < U256::from(10), "rounding: under a unit per contributor");
    assert!(info.earned > U256::ZERO);
    for (who, _) in &stakes {
        let paid = system.claim_all(*who).await?;
        assert!(!paid.is_zero(), "{who} was paid");
    }
    Ok(())
}

#[tokio::test]
async fn an_operator_stakes_at_creation_and_the_last_deposit_registers_the_node() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let system = env.system.clone();
    let requirement = env.requirement().await?;
    let operator = env.signers[10].address();
    let contributor = env.signers[11].address();
    let operator_stake = requirement.div_ceil(U256::from(4));
    env.fund(operator, operator_stake).await?;
    env.fund(contributor, requirement).await?;
    let keys = NodeKeys::derived(NETWORK_SEED, 2);
    let (contract, _) = system.open_contribution(operator, &keys, 500, true, vec![], Some(operator_stake)).await?;
    assert!(system.factory.owns(*contract.address()).call().await?);
    assert_eq!(contract.contributionOf(operator).call().await?, operator_stake);
    assert_eq!(system.token.balanceOf(*contract.address()).call().await?, operator_stake);
    assert_eq!(contract.status().call().await?, 1, "open once the operator's stake is in");

    let rest = contract.remaining().call().await?;
    system.contribute(&contract, contributor, rest).await?;
    assert_eq!(contract.status().call().await?, 3, "the filling deposit finalized it");
    let info = system.lens.node(contract.nodeId().call().await?).call().await?;
    assert_eq!(info.operator, operator);
    assert_eq!(info.contributors.len(), 2);
    assert_eq!(info.contributors[0].stake, operator_stake);
    assert_eq!(info.contributors[1].staker, contributor);
    assert_eq!(info.contributors[1].stake, rest);
    Ok(())
}
