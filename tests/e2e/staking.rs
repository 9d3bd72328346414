//! The staking registry through the bindings: registration with keys from the Rust BLS crate,
//! rewards to the atomic unit, exits (requested and network-signed) and liquidation with
//! non-signers, the simulated network signing every decision.
//!
//! Rounding budget: a node's earnings are exact; a contributor's claimable amount is exactly
//! `E * w / W` rounded down (w its weight, W the node's), so the tests compare to the atomic unit;
//! the pool's own release is checked against its formula to 1 unit.

use alloy::primitives::{Address, U256};
use session_bindings::ContractError;
use session_bindings::StakingRegistry::StakingRegistryErrors;
use session_bls::messages::Action;
use session_client::transact;
use session_devnet::accounts::next_block_at;
use session_e2e::{TestEnv, revert_in, revert_of};

const DAY: u64 = 86_400;
const YEAR: u64 = 365 * DAY;

/// What the pool will pay over `elapsed` seconds from its current state.
async fn pool_release(env: &TestEnv, elapsed: u64) -> eyre::Result<U256> {
    let pool = &env.system.reward_pool;
    let balance = env.system.token.balanceOf(*pool.address()).call().await?;
    let base = pool.accruingBalance().call().await?.min(balance);
    Ok(base * U256::from(1510) * U256::from(elapsed) / U256::from(10_000 * YEAR))
}

async fn balance(env: &TestEnv, who: Address) -> eyre::Result<U256> {
    Ok(env.system.token.balanceOf(who).call().await?)
}

#[tokio::test]
async fn solo_operator_earns_the_pool_release_and_claims_it() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    let operator = env.signers[10].address();
    let node = env.register_solo(1, 10).await?;
    let (registry, lens) = (&env.system.registry, &env.system.lens);
    assert_eq!(lens.networkSize().call().await?, U256::from(1));
    assert_eq!(
        env.system.aggregate_public_key().await?,
        env.network.aggregate_public_key()?.to_eip2537().to_vec(),
        "the contract's aggregate is the network's"
    );

    // What the pool released while no node earned went back to it: nothing is carried to the
    // first node.
    let carried = lens.undistributedRewards().call().await?;
    assert_eq!(carried, U256::ZERO, "nothing accrued to nobody");
    let last = env.system.reward_pool.lastReleaseTime().call().await?;
    let expected = carried + pool_release(&env, last + DAY - last).await?;
    next_block_at(&env.provider, last + DAY).await?;
    transact(registry.distributeRewards(), "distributing").await?;
    let before = balance(&env, operator).await?;
    // A claim pays what was distributed; it does not pull the pool itself.
    transact(registry.claimRewards(node, operator).from(operator), "claiming").await?;
    let paid = balance(&env, operator).await? - before;
    assert!(paid <= expected && expected - paid <= U256::from(1), "paid {paid}, formula {expected}");
    assert_eq!(lens.claimableRewards(node, operator).call().await?, U256::ZERO);
    assert_eq!(lens.node(node).call().await?.earned, paid, "a solo operator gets all the node earned");
    let again = revert_of::<StakingRegistryErrors>(registry.claimRewards(node, operator).from(operator).send().await);
    assert!(matches!(again, StakingRegistryErrors::NothingToClaim(_)), "never paid twice");
    Ok(())
}

#[tokio::test]
async fn a_shared_node_pays_the_fee_first_then_pro_rata() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    // Node 1: operator 60%, contributor 40%, fee 10%. Node 2: solo. N = 2.
    let (operator, contributor) = (env.signers[10].address(), env.signers[11].address());
    env.register(1, 1_000, &[(10, 6_000), (11, 4_000)]).await?;
    env.register_solo(2, 12).await?;
    let (registry, lens) = (&env.system.registry, &env.system.lens);
    let last = env.system.reward_pool.lastReleaseTime().call().await?;
    let node_reward = (lens.undistributedRewards().call().await? + pool_release(&env, DAY).await?) / U256::from(2);
    next_block_at(&env.provider, last + DAY).await?;
    transact(registry.distributeRewards(), "distributing").await?;

    // The split is exact: claimable = E * w / W rounded down, w = stake * (1 - fee) (+ fee * deposit
    // for the operator), W = deposit. The node may have earned alone for a second before node 2
    // joined, so E is at least half a day's release.
    let info = lens.node(1).call().await?;
    let earned = info.earned;
    assert!(earned >= node_reward, "{earned} of a day's {node_reward}");
    let (bps, fee) = (U256::from(10_000), U256::from(1_000));
    let (stake_op, stake_c) = (info.contributors[0].stake, info.contributors[1].stake);
    let total = info.deposit * bps;
    let expected_c = earned * stake_c * (bps - fee) / total;
    let expected_op = earned * (stake_op * (bps - fee) + fee * info.deposit) / total;
    assert_eq!(lens.claimableRewards(1, contributor).call().await?, expected_c);
    assert_eq!(lens.claimableRewards(1, operator).call().await?, expected_op);
    assert!(expected_c + expected_op <= earned && earned - expected_c - expected_op <= U256::from(1));

    let before = (balance(&env, contributor).await?, balance(&env, operator).await?);
    transact(registry.claimRewards(1, contributor).from(contributor), "contributor claims").await?;
    // The staker may trigger a claim; it pays the beneficiary (here the operator itself).
    transact(registry.claimRewards(1, operator).from(operator), "operator claims").await?;
    assert_eq!(balance(&env, contributor).await? - before.0, expected_c);
    assert_eq!(balance(&env, operator).await? - before.1, expected_op);
    Ok(())
}

#[tokio::test]
async fn exit_by_request_unlocks_after_30_days() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    let operator = env.signers[10].address();
    let node = env.register_solo(1, 10).await?;
    let other = env.register_solo(2, 11).await?;
    let registry = &env.system.registry;
    let lens = &env.system.lens;
    transact(registry.requestExit(node).from(operator), "requesting the exit").await?;
    let requested = env.now().await?;

    next_block_at(&env.provider, requested + 30 * DAY - 1).await?;
    let key = env.system.bls_key_bytes(node).await?;
    let early = revert_of::<StakingRegistryErrors>(registry.finalizeExit(node, key).send().await);
    assert!(
        matches!(early, StakingRegistryErrors::ExitNotUnlocked(e) if e.unlockTime == U256::from(requested + 30 * DAY))
    );

    next_block_at(&env.provider, requested + 30 * DAY).await?;
    env.system.finalize_exit(env.stranger(), node).await?;
    env.network.leave(node);
    assert_eq!(lens.networkSize().call().await?, U256::from(1));
    assert_eq!(env.system.aggregate_public_key().await?, env.network.aggregate_public_key()?.to_eip2537().to_vec());
    let stake = env.requirement().await?;
    assert_eq!(env.system.lens.node(node).call().await?.contributors[0].withdrawable, stake);
    let before = balance(&env, operator).await?;
    let (withdrawn, _) = env.system.withdraw_all(operator).await?;
    assert_eq!(withdrawn, stake);
    assert_eq!(balance(&env, operator).await? - before, stake);
    assert!(env.system.lens.node(node).call().await?.contributors[0].stakeWithdrawn);
    assert_eq!(env.system.lens.node(other).call().await?.status, 1, "the other node is untouched");
    Ok(())
}

#[tokio::test]
async fn exit_by_network_signature_once_the_node_is_2_hours_old() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    let node = env.register_solo(1, 10).await?;
    env.register_solo(2, 11).await?;
    env.register_solo(3, 12).await?;
    let registered = env.now().await?;
    let sender = env.stranger();

    let young = env.network.sign(Action::Exit, node, registered + 60)?;
    next_block_at(&env.provider, registered + 60).await?;
    let young = revert_in(env.system.submit_decision(sender, Action::Exit, node, registered + 60, &young).await);
    // Node 1 registered at its own block's time, maybe a second before the last one.
    let exitable = U256::from(env.system.lens.node(node).call().await?.registeredAt + 2 * 3_600);
    assert!(
        matches!(&young, ContractError::NodeTooYoung(e) if e.nodeId == node && e.exitableAt == exitable),
        "{young:?}"
    );

    let at = registered + 2 * 3_600 + 10;
    let signed = env.network.sign(Action::Exit, node, at)?;
    next_block_at(&env.provider, at).await?;
    // The same signature cannot liquidate: the action is in the signed message.
    let wrong = revert_in(env.system.submit_decision(sender, Action::Liquidation, node, at, &signed).await);
    assert!(matches!(&wrong, ContractError::NetworkSignatureInvalid(_)), "{wrong:?}");
    env.system.submit_decision(sender, Action::Exit, node, at, &signed).await?;
    env.network.leave(node);
    let lens = &env.system.lens;
    assert_eq!(lens.networkSize().call().await?, U256::from(2));
    assert_eq!(env.system.lens.node(node).call().await?.contributors[0].withdrawable, env.requirement().await?);
    // A replay of the exit is refused.
    let replay = revert_in(env.system.submit_decision(sender, Action::Exit, node, at, &signed).await);
    assert!(matches!(&replay, ContractError::NodeNotRegistered(e) if e.nodeId == node), "{replay:?}");
    Ok(())
}

#[tokio::test]
async fn liquidation_signed_with_non_signers_splits_the_deposit() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    let mut ids = Vec::new();
    for i in 0..4 {
        ids.push(env.register_solo(i + 1, 10 + i as usize).await?);
    }
    let target = ids[1];
    env.network.set_online(ids[3], false)?;
    // The registry takes no network decision on a node younger than two hours.
    let at = env.now().await? + session_network::witness::MIN_DECISION_AGE;
    let signed = env.network.sign(Action::Liquidation, target, at)?;
    assert_eq!(signed.non_signers, vec![ids[3]]);
    next_block_at(&env.provider, at).await?;

    let liquidator = env.stranger();
    let pool = *env.system.reward_pool.address();
    let pool_before = balance(&env, pool).await?;
    env.system.submit_decision(liquidator, Action::Liquidation, target, at, &signed).await?;
    env.network.leave(target);

    let deposit = env.requirement().await?;
    let liquidator_part = deposit * U256::from(3) / U256::from(10_000);
    let pool_part = (deposit * U256::from(17)).div_ceil(U256::from(10_000));
    assert_eq!(balance(&env, liquidator).await?, liquidator_part);
    let operator = env.signers[11].address();
    let info = env.system.lens.node(target).call().await?;
    assert_eq!(info.returnedStake, deposit - liquidator_part - pool_part, "the three parts sum to the deposit");
    let before = balance(&env, operator).await?;
    transact(env.system.registry.withdrawStake(target).from(operator), "withdrawing").await?;
    assert_eq!(balance(&env, operator).await? - before, info.returnedStake);
    // The pool got its part (minus what it released to the registry in the same call).
    assert!(balance(&env, pool).await? + U256::from(1_000_000_000_000u64) > pool_before + pool_part);
    assert_eq!(env.system.lens.networkSize().call().await?, U256::from(3));
    assert_eq!(env.system.aggregate_public_key().await?, env.network.aggregate_public_key()?.to_eip2537().to_vec());
    Ok(())
}

#[tokio::test]
async fn the_devnet_scenario_leaves_the_network_and_the_contract_in_step() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    let accounts: Vec<Address> = env.signers[10..].iter().map(|s| s.address()).collect();
    let plan = session_devnet::scenario::DevnetPlan { seed: 9, solo_nodes: 4, shared_nodes: 2, days: 1 };
    let funder = env.holder().address();
    let report =
        session_devnet::scenario::populate(&env.system, &env.provider, funder, &accounts, &mut env.network, &plan)
            .await?;
    let lens = &env.system.lens;
    assert_eq!(report.registered.len(), 6);
    assert_eq!(lens.networkSize().call().await?, U256::from(env.network.len()));
    assert_eq!(env.system.aggregate_public_key().await?, env.network.aggregate_public_key()?.to_eip2537().to_vec());
    let status = |id: u64| async move { Ok::<_, eyre::Report>(lens.node(id).call().await?.status) };
    assert_eq!(status(report.liquidated.unwrap()).await?, 4, "liquidated");
    assert_eq!(status(report.exited.unwrap()).await?, 3, "exited");
    assert!(lens.node(report.exit_requested.unwrap()).call().await?.exitRequestedAt > 0);
    let shared = lens.node(report.registered[5]).call().await?;
    assert!(shared.contributors.len() >= 3, "a multi-contributor node");
    assert!(report.fees_paid > U256::ZERO, "app users paid fees");
    assert!(report.liquidity > U256::ZERO, "the treasury funded a real Uniswap v2 pair");
    Ok(())
}
