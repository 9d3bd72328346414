//! The deployment path: manifest, proxies, upgrades, refusal of a bad genesis.

use alloy::{
    primitives::{Address, B256, Bytes, U256, b256},
    providers::Provider,
};
use session_bindings::RewardPool::{self, RewardPoolErrors};
use session_e2e::{TestEnv, revert_of};
use session_sdk::{
    GenesisConfig, Manifest,
    deploy::{create, deploy, mined},
    genesis::{Allocation, Recipient},
};

/// ERC-1967 implementation slot: keccak256("eip1967.proxy.implementation") - 1.
const IMPLEMENTATION_SLOT: B256 = b256!("360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc");

#[tokio::test]
async fn manifest_names_every_contract_and_the_proxy_points_at_its_implementation() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let manifest = &env.system.manifest;
    assert_eq!(manifest.chain_id, env.provider.get_chain_id().await?);
    assert_eq!((manifest.deployer, manifest.owner), (env.owner(), env.owner()));
    let pool = &manifest.contracts["RewardPool"];
    let slot = env.provider.get_storage_at(pool.address, IMPLEMENTATION_SLOT.into()).await?;
    assert_eq!(Address::from_word(slot.into()), pool.implementation.unwrap());
    assert_eq!(env.system.reward_pool.owner().call().await?, env.owner());
    assert_eq!(
        env.system.registry.contributionFactory().call().await?,
        *env.system.factory.address(),
        "the registry accepts the factory's contribution contracts"
    );
    // The listing views answer at the registry's address, under their own ABI.
    assert_eq!(manifest.address("StakingRegistryViews")?, manifest.address("StakingRegistry")?);
    assert_eq!(env.system.views.aprBps().call().await?, U256::ZERO, "no node yet");

    let dir = std::env::temp_dir().join(format!("session-e2e-manifest-{}", std::process::id()));
    let path = manifest.write(&dir)?;
    assert_eq!(&Manifest::load(&path)?, manifest);
    assert!(dir.join("abi/RewardPool.json").exists() && dir.join("abi/SessionToken.json").exists());
    assert!(dir.join("abi/StakingRegistryViews.json").exists());
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

#[tokio::test]
async fn only_the_owner_upgrades_and_an_upgrade_keeps_the_pool() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let pool = &env.system.reward_pool;
    mined(pool.setBeneficiary(env.signers[7].address()).send().await?).await?;
    let (balance, since) =
        (env.system.token.balanceOf(*pool.address()).call().await?, pool.lastReleaseTime().call().await?);
    let (new_impl, _) = create(RewardPool::deploy_builder(env.provider.clone()), "RewardPool v2").await?;

    let err =
        revert_of::<RewardPoolErrors>(pool.upgradeToAndCall(new_impl, Bytes::new()).from(env.stranger()).send().await);
    assert!(matches!(err, RewardPoolErrors::OwnableUnauthorizedAccount(e) if e.account == env.stranger()));

    mined(pool.upgradeToAndCall(new_impl, Bytes::new()).send().await?).await?;
    let slot = env.provider.get_storage_at(*pool.address(), IMPLEMENTATION_SLOT.into()).await?;
    assert_eq!(Address::from_word(slot.into()), new_impl);
    assert_eq!(env.system.token.balanceOf(*pool.address()).call().await?, balance);
    assert_eq!(pool.lastReleaseTime().call().await?, since);
    assert_eq!(pool.beneficiary().call().await?, env.signers[7].address());

    let renounce = revert_of::<RewardPoolErrors>(pool.renounceOwnership().send().await);
    assert!(matches!(renounce, RewardPoolErrors::RenounceDisabled(_)));
    Ok(())
}

#[tokio::test]
async fn deploy_refuses_a_genesis_above_the_caps_before_sending_anything() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let nonce = env.provider.get_transaction_count(env.owner()).await?;
    let mut genesis: GenesisConfig = env.genesis.clone();
    genesis.allocations.push(Allocation {
        name: "one too many".into(),
        recipient: Recipient::Account(env.stranger()),
        amount: 1,
        liquid: false,
    });
    let err = deploy(&env.provider, env.owner(), env.owner(), &genesis).await.unwrap_err();
    assert!(err.to_string().contains("240000001 SESH, above the maximum supply"), "{err}");
    assert_eq!(env.provider.get_transaction_count(env.owner()).await?, nonce);
    Ok(())
}
