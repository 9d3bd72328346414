//! The reward pool through the bindings, with time moved by anvil's RPC.

use alloy::sol_types::SolCall;
use alloy::{primitives::U256, providers::ext::AnvilApi};
use session_bindings::{
    RewardPool::{self, RewardPoolErrors},
    SessionProxy,
};
use session_client::transact::mined;
use session_client::units::sesh;
use session_deploy::create;
use session_devnet::accounts::next_block_at;
use session_e2e::{TestEnv, revert_of};

const DAY: u64 = 86_400;

async fn env_with_beneficiary() -> eyre::Result<(TestEnv, alloy::primitives::Address)> {
    // A pool of its own, funded with exactly 40,000,000 SESH before its clock starts, so the
    // spec's numbers hold to the atomic unit whatever the timing of the deployment.
    let mut env = TestEnv::without_fees().await?;
    let (implementation, _) = create(RewardPool::deploy_builder(env.provider.clone()), "pool").await?;
    let init = RewardPool::initializeCall { token_: *env.system.token.address(), owner_: env.owner() }.abi_encode();
    let (proxy, _) =
        create(SessionProxy::deploy_builder(env.provider.clone(), implementation, init.into()), "proxy").await?;
    let pool = RewardPool::new(proxy, env.provider.clone());
    let holder = env.holder().address();
    mined(env.system.token.approve(proxy, sesh(40_000_000)).from(holder).send().await?, "test transaction").await?;
    mined(pool.deposit(sesh(40_000_000)).from(holder).send().await?, "test transaction").await?;
    let beneficiary = env.signers[7].address();
    mined(pool.setBeneficiary(beneficiary).send().await?, "test transaction").await?;
    env.system.reward_pool = pool;
    Ok((env, beneficiary))
}

#[tokio::test]
async fn one_day_of_40m_releases_16547_945205479_sesh() -> eyre::Result<()> {
    let (env, beneficiary) = env_with_beneficiary().await?;
    let pool = &env.system.reward_pool;
    let token = &env.system.token;
    assert_eq!(token.balanceOf(*pool.address()).call().await?, sesh(40_000_000));
    let start = pool.lastReleaseTime().call().await?;

    next_block_at(&env.provider, start + DAY).await?;
    mined(pool.release().send().await?, "test transaction").await?;
    // 40,000,000 x 0.151 / 365 = 16,547.945205479452... SESH, rounded down.
    assert_eq!(token.balanceOf(beneficiary).call().await?, U256::from(16_547_945_205_479u64));
    Ok(())
}

#[tokio::test]
async fn a_second_release_in_the_same_block_pays_nothing() -> eyre::Result<()> {
    let (env, beneficiary) = env_with_beneficiary().await?;
    let pool = &env.system.reward_pool;
    let start = pool.lastReleaseTime().call().await?;
    env.provider.anvil_set_auto_mine(false).await?;
    next_block_at(&env.provider, start + DAY).await?;
    let first = pool.release().gas(200_000).send().await?;
    let second = pool.release().gas(200_000).from(env.signers[2].address()).send().await?;
    env.provider.evm_mine(None).await?;
    env.provider.anvil_set_auto_mine(true).await?;
    let (first, second) = (mined(first, "first release").await?, mined(second, "second release").await?);
    assert_eq!(first.block_number, second.block_number);
    assert_eq!(env.system.token.balanceOf(beneficiary).call().await?, U256::from(16_547_945_205_479u64));
    Ok(())
}

#[tokio::test]
async fn a_year_of_daily_releases_leaves_86_percent() -> eyre::Result<()> {
    let (env, _) = env_with_beneficiary().await?;
    let pool = &env.system.reward_pool;
    let start = pool.lastReleaseTime().call().await?;
    for day in 1..=365 {
        next_block_at(&env.provider, start + day * DAY).await?;
        mined(pool.release().send().await?, "test transaction").await?;
    }
    let left = env.system.token.balanceOf(*pool.address()).call().await?;
    // (1 - 0.151/365)^365 = 0.85985...; the issue allows 86.0% +- 0.1%.
    let per_million = (left * U256::from(1_000_000u64) / sesh(40_000_000)).to::<u64>();
    assert!((859_000..=861_000).contains(&per_million), "{per_million} ppm left");
    Ok(())
}

#[tokio::test]
async fn deposits_raise_the_release_and_anyone_can_trigger_it() -> eyre::Result<()> {
    let (env, beneficiary) = env_with_beneficiary().await?;
    let pool = &env.system.reward_pool;
    let holder = env.holder().address();
    let before = pool.releasePerDay().call().await?;
    mined(env.system.token.approve(*pool.address(), sesh(4_000_000)).from(holder).send().await?, "test transaction")
        .await?;
    mined(pool.deposit(sesh(4_000_000)).from(holder).send().await?, "test transaction").await?;
    let after = pool.releasePerDay().call().await?;
    assert_eq!(after, sesh(44_000_000) * U256::from(1510) / U256::from(10_000u64 * 365));
    assert!(after > before);

    let start = pool.lastReleaseTime().call().await?;
    next_block_at(&env.provider, start + DAY).await?;
    mined(pool.release().from(env.stranger()).send().await?, "test transaction").await?;
    let paid = env.system.token.balanceOf(beneficiary).call().await?;
    assert!(paid >= after - U256::from(1) && paid <= after);
    Ok(())
}

#[tokio::test]
async fn deployment_names_the_registry_and_a_pool_without_beneficiary_refuses_to_pay() -> eyre::Result<()> {
    let env = TestEnv::without_fees().await?;
    assert_eq!(env.system.reward_pool.beneficiary().call().await?, *env.system.registry.address());

    // A second pool, never given a beneficiary: nothing accrues and nothing can be paid.
    let (implementation, _) = create(RewardPool::deploy_builder(env.provider.clone()), "pool").await?;
    let init = RewardPool::initializeCall { token_: *env.system.token.address(), owner_: env.owner() }.abi_encode();
    let (proxy, _) =
        create(SessionProxy::deploy_builder(env.provider.clone(), implementation, init.into()), "proxy").await?;
    let pool = RewardPool::new(proxy, env.provider.clone());
    let err = revert_of::<RewardPoolErrors>(pool.release().send().await);
    assert!(matches!(err, RewardPoolErrors::BeneficiaryNotSet(_)));
    assert_eq!(pool.pendingRelease().call().await?, U256::ZERO);
    Ok(())
}
