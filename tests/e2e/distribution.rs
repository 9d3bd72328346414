//! The genesis distribution on the devnet: locked allocations in vesting contracts that vest on
//! their schedule and can stake (through `sesh vesting`), the swap program's Merkle claims
//! (through `sesh claims`) and its converter.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use clap::Parser;
use session_bindings::{DevnetLegacyToken, StakingVesting, TokenConverter};
use session_cli::{Cli, run};
use session_client::{manifest::VestingContract, transact, units::sesh};
use session_devnet::accounts::{mine_at, next_block_at};
use session_e2e::TestEnv;
use std::path::{Path, PathBuf};

const DAY: u64 = 86_400;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("session-e2e-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `sesh <args>` against `env`'s chain and `manifest`, signed by `key` when given.
async fn cli(env: &TestEnv, manifest: &Path, key: Option<usize>, args: &[&str]) -> eyre::Result<()> {
    let rpc = env.anvil.endpoint();
    let mut line: Vec<String> = ["sesh", "--yes", "--rpc-url", &rpc, "--deployment", manifest.to_str().unwrap()]
        .into_iter()
        .map(String::from)
        .collect();
    if let Some(index) = key {
        line.extend(["--private-key".into(), alloy::hex::encode(env.signers[index].to_bytes())]);
    }
    line.extend(args.iter().map(|a| a.to_string()));
    run(Cli::try_parse_from(line)?).await
}

/// The schedule as the genesis config defines it, computed here independently.
fn vested(v: &VestingContract, t: u64) -> U256 {
    let total = U256::from_str_radix(&v.allocation, 10).unwrap();
    if t < v.cliff {
        return U256::ZERO;
    }
    if t >= v.end {
        return total;
    }
    let at_cliff = total * U256::from(v.cliff_share_bps) / U256::from(10_000);
    at_cliff + (total - at_cliff) * U256::from(t - v.cliff) / U256::from(v.end - v.cliff)
}

#[tokio::test]
async fn every_vesting_of_the_manifest_vests_on_its_schedule_to_the_atomic_unit() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let manifest = &env.system.manifest;
    assert_eq!(manifest.vesting.len(), 5, "foundation reserve, team, three investors");
    for v in &manifest.vesting {
        let on_chain = StakingVesting::new(v.address, env.provider.clone());
        let schedule = on_chain.schedule().call().await?;
        assert_eq!(
            (schedule.start, schedule.cliff, schedule.end, schedule.cliffShareBps),
            (v.start, v.cliff, v.end, v.cliff_share_bps)
        );
        assert_eq!(on_chain.beneficiary().call().await?, v.beneficiary);
        assert_eq!(on_chain.allocation().call().await?.to_string(), v.allocation);
        for t in [
            v.start,
            v.cliff.saturating_sub(1),
            v.cliff,
            v.cliff + 1,
            v.cliff + 12_345_678,
            (v.cliff + v.end) / 2,
            v.end - 1,
            v.end,
            v.end + DAY,
        ] {
            assert_eq!(on_chain.vestedAmount(t).call().await?, vested(v, t), "{} at {t}", v.name);
        }
    }
    let investors: Vec<_> = manifest.vesting.iter().filter(|v| v.kind == "plain").collect();
    assert_eq!(investors.len(), 3);
    let first = investors[0];
    assert_eq!(vested(first, first.cliff), sesh(20_000_000) / U256::from(5), "20% at the cliff");
    Ok(())
}

#[tokio::test]
async fn a_locked_team_allocation_stakes_a_node_earns_exits_and_the_stake_vests_on_schedule() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let dir = temp_dir("vesting");
    let manifest = env.system.manifest.write(&dir)?;
    let team = env.system.manifest.vesting.iter().find(|v| v.name.starts_with("Team")).unwrap().clone();
    let beneficiary = env.signers[5].address();
    assert_eq!(team.beneficiary, beneficiary);
    let vesting = StakingVesting::new(team.address, env.provider.clone());
    let token = &env.system.token;
    let allocation = sesh(35_000_000);
    let requirement = env.requirement().await?;

    // Stake a node with locked tokens: the vesting is its operator and only staker.
    let keys = dir.join("node.json");
    cli(&env, &manifest, None, &["keys", "generate", "--out", keys.to_str().unwrap()]).await?;
    cli(&env, &manifest, Some(5), &["vesting", "stake", "--keys", keys.to_str().unwrap()]).await?;
    let node = env.system.lens.lastNodeId().call().await?;
    assert_eq!(token.balanceOf(team.address).call().await?, allocation - requirement);
    assert_eq!(vesting.stakedOut().call().await?, requirement);
    assert_eq!(vesting.soloStake(node).call().await?, requirement);
    assert_eq!(env.system.node(node).await?.operator, team.address);

    // It earns; rewards go to the beneficiary, the locked tokens stay.
    let t = env.now().await?;
    next_block_at(&env.provider, t + DAY).await?;
    transact(env.system.registry.distributeRewards(), "distributing").await?;
    let before = token.balanceOf(beneficiary).call().await?;
    cli(&env, &manifest, Some(5), &["vesting", "claim-rewards", "--node", &node.to_string()]).await?;
    let earned = token.balanceOf(beneficiary).call().await? - before;
    assert!(earned > sesh(1), "a day of rewards reached the beneficiary: {earned}");
    assert_eq!(token.balanceOf(team.address).call().await?, allocation - requirement);

    // Nothing has vested before the one-year cliff: the beneficiary cannot take the tokens.
    let refused = cli(&env, &manifest, Some(5), &["vesting", "release"]).await.unwrap_err();
    assert!(refused.to_string().contains("nothing to release"), "{refused}");
    // Nor can anyone else stake or move them.
    let stranger = cli(
        &env,
        &manifest,
        Some(9),
        &["vesting", "exit", "--node", &node.to_string(), "--vesting", &team.address.to_string()],
    )
    .await;
    assert!(stranger.unwrap_err().to_string().contains("is controlled by"));

    // Exit: request, 30 days, finalize, and the stake comes back to the vesting.
    cli(&env, &manifest, Some(5), &["vesting", "exit", "--node", &node.to_string()]).await?;
    let requested = env.system.node(node).await?.exitRequestedAt;
    mine_at(&env.provider, requested + 30 * DAY).await?;
    cli(&env, &manifest, Some(5), &["vesting", "exit", "--node", &node.to_string(), "--finalize"]).await?;
    cli(&env, &manifest, Some(5), &["vesting", "withdraw", "--node", &node.to_string()]).await?;
    assert_eq!(token.balanceOf(team.address).call().await?, allocation, "the whole stake is back in the vesting");
    assert_eq!(vesting.stakedOut().call().await?, U256::ZERO);

    // At the cliff plus 100 days the beneficiary releases exactly what the schedule says.
    let t = team.cliff + 100 * DAY;
    mine_at(&env.provider, t).await?;
    let before = token.balanceOf(beneficiary).call().await?;
    cli(&env, &manifest, Some(5), &["vesting", "release"]).await?;
    let released = token.balanceOf(beneficiary).call().await? - before;
    let block_time = env.now().await?;
    assert_eq!(released, vested(&team, block_time));
    assert_eq!(vesting.released().call().await?, released);

    // A plain (investor) vesting cannot stake.
    let refused =
        cli(&env, &manifest, Some(6), &["vesting", "stake", "--keys", keys.to_str().unwrap()]).await.unwrap_err();
    assert!(refused.to_string().contains("plain vesting"), "{refused}");
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

#[tokio::test]
async fn swap_claims_from_a_csv_through_the_cli_pay_each_leaf_once() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let dir = temp_dir("claims");
    let manifest = env.system.manifest.write(&dir)?;
    assert!(dir.join("claims-31337.json").exists(), "the proofs are published next to the manifest");

    // `claims build` from the genesis CSV gives the deployed root.
    let csv = session_devnet::toolchain::repo_root().join("config/genesis.devnet.claims.csv");
    let out = dir.join("built.json");
    cli(&env, &manifest, None, &["claims", "build", "--csv", csv.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .await?;
    let built: session_client::merkle::ClaimsFile = serde_json::from_str(&std::fs::read_to_string(&out)?)?;
    let info = env.system.manifest.claims.clone().unwrap();
    assert_eq!(built.root, info.root);
    let distributor =
        session_bindings::MerkleClaims::new(env.system.manifest.address("MerkleClaims")?, env.provider.clone());
    assert_eq!(distributor.MERKLE_ROOT().call().await?, built.root);

    // Account 9 is owed 42 SESH: a claim pays it once.
    let account = env.signers[9].address();
    let token = &env.system.token;
    let before = token.balanceOf(account).call().await?;
    cli(&env, &manifest, Some(9), &["claims", "claim"]).await?;
    assert_eq!(token.balanceOf(account).call().await? - before, sesh(42));
    cli(&env, &manifest, Some(9), &["claims", "claim"]).await?;
    assert_eq!(token.balanceOf(account).call().await? - before, sesh(42), "a second claim pays nothing");
    assert!(distributor.isClaimed(account, sesh(42)).call().await?);

    // Anyone may submit a claim; it pays the listed account only.
    let listed: Address = "0x1111111111111111111111111111111111111111".parse()?;
    cli(&env, &manifest, Some(2), &["claims", "claim", "--account", &listed.to_string()]).await?;
    assert_eq!(token.balanceOf(listed).call().await?, sesh(1_000));
    // Not listed: refused before sending.
    let err = cli(&env, &manifest, Some(2), &["claims", "claim"]).await.unwrap_err();
    assert!(err.to_string().contains("has no claim in the list"), "{err}");
    assert_eq!(distributor.totalClaimed().call().await?, sesh(1_042));
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

#[tokio::test]
async fn the_converter_swaps_the_legacy_token_at_its_ratio_and_honours_the_minimum() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let manifest = &env.system.manifest;
    let legacy = DevnetLegacyToken::new(manifest.address("DevnetLegacyToken")?, env.provider.clone());
    let converter = TokenConverter::new(manifest.address("TokenConverter")?, env.provider.clone());
    let user = env.signers[8].address();
    let amount = U256::from(7_000_000_000u64);
    transact(legacy.mint(user, amount).from(user), "minting wOXEN").await?;
    transact(legacy.approve(*converter.address(), amount).from(user), "approving").await?;
    assert_eq!(converter.quote(amount).call().await?, amount, "one for one on the devnet");
    let err = transact(converter.convert(amount, amount + U256::from(1)).from(user), "converting").await.unwrap_err();
    assert!(err.to_string().contains("BelowMinimum") || err.to_string().contains("minimum"), "{err}");
    let before = env.system.token.balanceOf(user).call().await?;
    transact(converter.convert(amount, amount).from(user), "converting").await?;
    assert_eq!(env.system.token.balanceOf(user).call().await? - before, amount);
    assert_eq!(legacy.balanceOf(user).call().await?, U256::ZERO);

    // The same through `sesh convert`: everything the contract would refuse is refused before
    // anything is sent, and the allowance is exactly the amount, then zero.
    let dir = temp_dir("convert");
    let file = env.system.manifest.write(&dir)?;
    transact(legacy.mint(user, sesh(10)).from(user), "minting wOXEN").await?;
    let nonce = env.provider.get_transaction_count(user).await?;
    for (args, expected) in [
        (vec!["--amount", "10.5"], "holds 10 wOXEN, 10.5 wOXEN are needed"),
        (vec!["--amount", "3,5"], "is not an amount of wOXEN"),
        (vec!["--amount", "3", "--min-out", "3.000000001"], "below the minimum of 3.000000001 SESH"),
    ] {
        let line: Vec<&str> = ["convert"].into_iter().chain(args).collect();
        let err = cli(&env, &file, Some(8), &line).await.unwrap_err();
        assert!(format!("{err:#}").contains(expected), "{err:#}");
    }
    assert_eq!(env.provider.get_transaction_count(user).await?, nonce, "nothing was sent");
    let before = env.system.token.balanceOf(user).call().await?;
    cli(&env, &file, Some(8), &["convert", "--amount", "3.25"]).await?;
    assert_eq!(env.system.token.balanceOf(user).call().await? - before, U256::from(3_250_000_000u64));
    assert_eq!(legacy.balanceOf(user).call().await?, U256::from(6_750_000_000u64));
    assert_eq!(legacy.allowance(user, *converter.address()).call().await?, U256::ZERO);
    assert_eq!(env.provider.get_transaction_count(user).await?, nonce + 2, "approve and convert");
    std::fs::remove_dir_all(dir)?;
    Ok(())
}
