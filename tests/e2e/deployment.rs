//! The deployment path: manifest, proxies, upgrades, refusal of a bad genesis.

use alloy::{
    primitives::{Address, B256, Bytes, U256, b256},
    providers::Provider,
};
use session_bindings::RewardPool::{self, RewardPoolErrors};
use session_client::Manifest;
use session_client::transact::mined;
use session_deploy::GenesisConfig;
use session_deploy::create;
use session_deploy::deploy;
use session_deploy::genesis::Allocation;
use session_deploy::genesis::Recipient;
use session_deploy::{DeployError, genesis::GenesisError};
use session_e2e::{TestEnv, revert_of};
use std::collections::BTreeSet;

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
        env.system.lens.contributionFactory().call().await?,
        *env.system.factory.address(),
        "the registry accepts the factory's contribution contracts"
    );
    // One ABI per address: the lens lives at its own address, and no address is listed twice.
    let addresses: BTreeSet<Address> = manifest.contracts.values().map(|c| c.address).collect();
    assert_eq!(addresses.len(), manifest.contracts.len(), "an address listed twice");
    assert_eq!(env.system.lens.registry().call().await?, manifest.address("StakingRegistry")?);
    assert_eq!(env.system.lens.aprBps().call().await?, U256::ZERO, "no node yet");

    let dir = std::env::temp_dir().join(format!("session-e2e-manifest-{}", std::process::id()));
    let path = manifest.write(&dir)?;
    assert_eq!(&Manifest::load(&path)?, manifest);
    assert!(dir.join("abi/RewardPool.json").exists() && dir.join("abi/SessionToken.json").exists());
    assert!(dir.join("abi/StakingLens.json").exists() && !dir.join("abi/StakingRegistryViews.json").exists());
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

#[tokio::test]
async fn only_the_owner_upgrades_and_an_upgrade_keeps_the_pool() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let pool = &env.system.reward_pool;
    mined(pool.setBeneficiary(env.signers[7].address()).send().await?, "test transaction").await?;
    let (balance, since) =
        (env.system.token.balanceOf(*pool.address()).call().await?, pool.lastReleaseTime().call().await?);
    let (new_impl, _) = create(RewardPool::deploy_builder(env.provider.clone()), "RewardPool v2").await?;

    let err =
        revert_of::<RewardPoolErrors>(pool.upgradeToAndCall(new_impl, Bytes::new()).from(env.stranger()).send().await);
    assert!(matches!(err, RewardPoolErrors::OwnableUnauthorizedAccount(e) if e.account == env.stranger()));

    mined(pool.upgradeToAndCall(new_impl, Bytes::new()).send().await?, "test transaction").await?;
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
        liquid: true,
        vesting: None,
        shares: Vec::new(),
    });
    let err = deploy(&env.provider, env.owner(), env.owner(), &genesis).await.unwrap_err();
    assert!(matches!(err, DeployError::Genesis(GenesisError::LiquidAboveCap { liquid: 80_000_001 })), "{err}");
    assert_eq!(env.provider.get_transaction_count(env.owner()).await?, nonce);
    Ok(())
}

#[tokio::test]
async fn deploy_refuses_a_chain_without_the_bls_precompiles_before_sending_anything() -> eyre::Result<()> {
    let genesis = GenesisConfig::load(&session_devnet::toolchain::devnet_genesis_path())?;
    for (hardfork, opcodes_missing) in [("cancun", false), ("shanghai", true)] {
        let anvil = session_devnet::anvil::spawn_anvil_at(None, hardfork)?;
        let (provider, signers) = session_devnet::accounts::dev_accounts(&anvil);
        let deployer = signers[0].address();
        let err = deploy(&provider, deployer, deployer, &genesis).await.unwrap_err();
        let DeployError::Preflight(problems) = err else { panic!("{hardfork}: not a preflight refusal: {err}") };
        let precompiles = problems.iter().filter(|p| p.starts_with("EIP-2537 precompile")).count();
        assert_eq!(precompiles, 7, "{hardfork}: every BLS precompile is missing: {problems:?}");
        let opcodes = problems.iter().any(|p| p.contains("PUSH0, MCOPY or transient storage"));
        assert_eq!(opcodes, opcodes_missing, "{hardfork}: {problems:?}");
        assert_eq!(provider.get_transaction_count(deployer).await?, 0, "{hardfork}: nothing was sent");
    }
    Ok(())
}

#[tokio::test]
async fn deploy_refuses_a_deployer_who_cannot_pay_and_a_deployment_fits_its_gas_estimate() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    // The whole deployment (the first blocks of the chain) stays below the preflight's estimate.
    let mut used = 0;
    for number in 1..=env.system.manifest.block {
        used += env.provider.get_block_by_number(number.into()).await?.expect("block").header.gas_used;
    }
    assert!(used <= session_deploy::preflight::DEPLOYMENT_GAS, "a deployment used {used} gas");

    let poor = alloy::signers::local::PrivateKeySigner::random();
    let provider = session_client::provider::signing_provider(poor.clone(), env.anvil.endpoint_url());
    let err = deploy(&provider, poor.address(), poor.address(), &env.genesis).await.unwrap_err();
    let DeployError::Preflight(problems) = err else { panic!("not a preflight refusal: {err}") };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains(&format!("the deployer {} holds 0 wei", poor.address())), "{problems:?}");
    Ok(())
}

#[tokio::test]
async fn an_interrupted_deployment_resumes_without_repeating_a_step() -> eyre::Result<()> {
    use session_deploy::{Journal, Launch, deploy_with};
    let genesis = GenesisConfig::load(&session_devnet::toolchain::devnet_genesis_path())?;
    // The reference: an uninterrupted deployment on a chain of its own.
    let fresh = session_devnet::anvil::spawn_anvil(None)?;
    let (provider, signers) = session_devnet::accounts::dev_accounts(&fresh);
    deploy(&provider, signers[0].address(), signers[0].address(), &genesis).await?;
    let transactions = provider.get_transaction_count(signers[0].address()).await?;

    let anvil = session_devnet::anvil::spawn_anvil(None)?;
    let (provider, signers) = session_devnet::accounts::dev_accounts(&anvil);
    let deployer = signers[0].address();
    let path = std::env::temp_dir().join(format!("session-e2e-journal-{}.json", std::process::id()));
    // Stopped three times (early, in the middle, among the fee contracts), then finished.
    for stop_after in [1, 9, 12] {
        let mut journal = Journal::at(&path)?;
        journal.stop_after = Some(stop_after);
        let err =
            deploy_with(&provider, deployer, deployer, &genesis, &mut journal, &Launch::default()).await.unwrap_err();
        assert!(matches!(err, DeployError::Interrupted { .. }), "{err}");
        assert!(path.exists(), "the journal stays for the next run");
    }
    let mut journal = Journal::at(&path)?;
    let (system, _) = deploy_with(&provider, deployer, deployer, &genesis, &mut journal, &Launch::default()).await?;
    assert!(!path.exists(), "a complete deployment removes its journal");
    assert_eq!(provider.get_transaction_count(deployer).await?, transactions, "no step ran twice");
    let pool = system.token.balanceOf(*system.reward_pool.address()).call().await?;
    assert_eq!(pool, genesis.reward_pool_amount(), "the pool was funded once");
    assert!(system.lens.started().call().await?);
    assert_eq!(system.lens.contributionFactory().call().await?, *system.factory.address());
    assert_eq!(system.lens.registry().call().await?, *system.registry.address());

    // A journal of another deployment is refused.
    let mut journal = Journal::at(&path)?;
    journal.bind(
        session_deploy::journal::Target {
            chain_id: 1,
            deployer,
            owner: deployer,
            genesis: session_deploy::journal::fingerprint(&genesis),
        },
        0,
    )?;
    let mut journal = Journal::at(&path)?;
    let other =
        deploy_with(&provider, deployer, deployer, &genesis, &mut journal, &Launch::default()).await.unwrap_err();
    assert!(matches!(other, DeployError::Journal(_)), "{other}");
    std::fs::remove_file(&path)?;
    Ok(())
}

#[tokio::test]
async fn a_multisig_owner_accepts_later_and_the_status_says_what_awaits_it() -> eyre::Result<()> {
    let genesis = GenesisConfig::load(&session_devnet::toolchain::devnet_genesis_path())?;
    let anvil = session_devnet::anvil::spawn_anvil(None)?;
    let (provider, signers) = session_devnet::accounts::dev_accounts(&anvil);
    let (deployer, owner) = (signers[0].address(), signers[5].address());
    let system = deploy(&provider, deployer, owner, &genesis).await?;
    let offered = ["RewardPool", "StakingRegistry", "ConsensusRegistry", "LiquidityTreasury", "FeeRouter"];
    for name in offered.into_iter().chain(["SessionPro", "SessionNames"]) {
        assert!(system.manifest.awaiting_acceptance.iter().any(|n| n == name), "{name} awaits the owner");
    }
    assert_eq!(system.awaiting_owner().await?.len(), 7);
    // Until it accepts, the deployer still owns the pool; then the owner does, and it is listed no more.
    assert_eq!(system.reward_pool.owner().call().await?, deployer);
    session_client::transact(system.reward_pool.acceptOwnership().from(owner), "accepting the pool").await?;
    assert_eq!(system.reward_pool.owner().call().await?, owner);
    let status = session_client::status::SystemStatus::fetch(&system).await?;
    assert_eq!(status.awaiting_owner.len(), 6);
    assert!(!status.awaiting_owner.iter().any(|n| n == "RewardPool"));
    assert!(status.to_string().contains("awaiting the owner's acceptOwnership: StakingRegistry"), "{status}");
    Ok(())
}

/// Runs the pinned solc on a standard-JSON input and returns the runtime code of `name` and where
/// its immutables are (solc's `immutableReferences`).
fn recompiled_runtime(input: &std::path::Path, qualified: &str) -> eyre::Result<(Vec<u8>, serde_json::Value)> {
    let (source, name) = qualified.rsplit_once(':').unwrap();
    let root = session_devnet::toolchain::repo_root();
    let output = std::process::Command::new(root.join("tools/solc"))
        .arg("--standard-json")
        .current_dir(&root)
        .stdin(std::fs::File::open(input)?)
        .output()?;
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let contract = &json["contracts"][source][name]["evm"]["deployedBytecode"];
    let hex = contract["object"].as_str().ok_or_else(|| eyre::eyre!("solc did not compile {qualified}: {json}"))?;
    Ok((alloy::hex::decode(hex)?, contract["immutableReferences"].clone()))
}

fn zero_immutables(code: &mut [u8], references: &serde_json::Value) {
    for places in references.as_object().into_iter().flat_map(|m| m.values()) {
        for place in places.as_array().unwrap() {
            let (start, length) =
                (place["start"].as_u64().unwrap() as usize, place["length"].as_u64().unwrap() as usize);
            code[start..start + length].fill(0);
        }
    }
}

#[tokio::test]
async fn verification_inputs_recompile_to_the_deployed_code_with_the_recorded_arguments() -> eyre::Result<()> {
    use alloy::sol_types::SolValue;
    use session_deploy::{Journal, Launch, deploy_with, verification::write_verification};
    let anvil = session_devnet::anvil::spawn_anvil(None)?;
    let (provider, signers) = session_devnet::accounts::dev_accounts(&anvil);
    let deployer = signers[0].address();
    let genesis = GenesisConfig::load(&session_devnet::toolchain::devnet_genesis_path())?;
    let mut journal = Journal::in_memory();
    let (system, _) = deploy_with(&provider, deployer, deployer, &genesis, &mut journal, &Launch::default()).await?;
    let dir = std::env::temp_dir().join(format!("session-e2e-verify-{}", std::process::id()));
    let written = write_verification(&provider, &system.manifest, &journal, &dir).await?;

    let labels: BTreeSet<&str> = written.iter().map(|v| v.label.as_str()).collect();
    for label in ["SessionToken", "StakingRegistry", "StakingRegistry proxy", "StakingLens", "ContributionContract"] {
        assert!(labels.contains(label), "{label} missing from {labels:?}");
    }
    assert!(!labels.contains("UniswapV2Router02"), "not ours to verify");
    let script = std::fs::read_to_string(dir.join("verify-31337/verify.sh"))?;
    assert_eq!(script.matches("forge verify-contract ").count(), written.len());

    let manifest = &system.manifest;
    let registry = written.iter().find(|v| v.label == "StakingRegistry").unwrap();
    let expected =
        (manifest.address("SessionToken")?, manifest.address("RewardPool")?, manifest.address("ConsensusRegistry")?);
    assert_eq!(registry.constructor_args, expected.abi_encode_params(), "the registry's arguments, from its creation");
    assert!(registry.command.contains(&format!("--constructor-args {}", registry.constructor_args)));

    // The written inputs recompile to the code on chain (immutables aside: they are arguments).
    for label in ["StakingRegistry", "StakingRegistry proxy"] {
        let v = written.iter().find(|v| v.label == label).unwrap();
        let (mut recompiled, immutables) = recompiled_runtime(&v.input, &v.qualified_name)?;
        let mut deployed = provider.get_code_at(v.address).await?.to_vec();
        zero_immutables(&mut recompiled, &immutables);
        zero_immutables(&mut deployed, &immutables);
        assert_eq!(recompiled.len(), deployed.len(), "{label}: same length");
        assert!(recompiled == deployed, "{label}: the input recompiles to the deployed code");
    }
    std::fs::remove_dir_all(dir)?;
    Ok(())
}
