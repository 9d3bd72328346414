//! Gas estimated the way a wallet does it: against the latest block, in the second of the last
//! distribution (or release), with no headroom, and mined a second later, when the call pulls the
//! pool and distributes. It must not run out of gas (the contracts reserve the skipped work's gas
//! at the call's exit; see `ReservingReentrancyGuard`).

use alloy::{eips::BlockId, primitives::U256, providers::Provider};
use session_client::{transact, transact::mined, units::sesh};
use session_devnet::accounts::next_block_at;
use session_e2e::TestEnv;

#[tokio::test]
async fn registry_and_pool_calls_estimated_at_t_succeed_at_t_plus_one() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    env.register_solo(1, 10).await?;
    let (registry, pool, lens) = (env.system.registry.clone(), env.system.reward_pool.clone(), env.system.lens.clone());
    let holder = env.holder().address();
    transact(env.system.token.approve(*pool.address(), sesh(1_000)).from(holder), "approving").await?;

    // A distribution at T (it pulls the pool too); the wallet estimates at the block of T.
    let t = env.now().await? + 3_600;
    next_block_at(&env.provider, t).await?;
    transact(registry.distributeRewards(), "distributing at T").await?;
    let latest = BlockId::number(env.provider.get_block_number().await?);
    let distribute = registry.distributeRewards().from(env.stranger());
    let estimate = distribute.clone().block(latest).estimate_gas().await?;
    let rpn = lens.rewardPerNode().call().await?;
    next_block_at(&env.provider, t + 1).await?;
    mined(distribute.gas(estimate).send().await?, "distributing at T + 1 with the estimate").await?;
    assert!(lens.rewardPerNode().call().await? > rpn, "the second's release was distributed");

    // The pool's deposit (every Pro and Names payment reaches it) estimated in the second of the
    // last release.
    let deposit = pool.deposit(sesh(1_000)).from(holder);
    let latest = BlockId::number(env.provider.get_block_number().await?);
    let estimate = deposit.clone().block(latest).estimate_gas().await?;
    let paid_before = env.system.token.balanceOf(*registry.address()).call().await?;
    next_block_at(&env.provider, t + 2).await?;
    mined(deposit.gas(estimate).send().await?, "depositing at T + 2 with the estimate").await?;
    let paid_after = env.system.token.balanceOf(*registry.address()).call().await?;
    assert!(paid_after > paid_before, "the deposit paid the pending release first");
    assert_eq!(pool.lastReleaseTime().call().await?, t + 2);
    assert!(estimate > U256::from(80_000).to::<u64>(), "the estimate includes the release's reserve");
    Ok(())
}
