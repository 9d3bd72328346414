//! Network fees through the bindings and the CLI: Pro and Names paid in SESH at a USD price, the
//! fee burnt and reminted 90% to the reward pool, and node rewards rising with usage.

use alloy::primitives::{Bytes, U256};
use clap::Parser;
use session_bindings::ContractError;
use session_bindings::session_names::SessionNames::SessionNamesErrors;
use session_client::fees::with_slippage;
use session_client::transact;
use session_devnet::accounts::next_block_at;
use session_e2e::{TestEnv, cli_revert, revert_of};

const DAY: u64 = 86_400;

fn session_id(n: u64) -> Bytes {
    let mut id = vec![0x05];
    id.extend_from_slice(&[0u8; 24]);
    id.extend_from_slice(&n.to_be_bytes());
    id.into()
}

/// Six months of the same node set; in `env` someone pays `subs` Pro plans and `names` names a
/// month (0 = the control run). Returns (pool balance, reward per node per day, fees paid).
async fn six_months(env: &mut TestEnv, subs: u64, names: u64) -> eyre::Result<(U256, U256, U256)> {
    env.register_solo(1, 10).await?;
    env.register_solo(2, 11).await?;
    let payer = env.holder().address();
    let (pro, registry) = (env.system.session_pro()?, &env.system.registry);
    let (names_contract, feed) = (env.system.session_names()?, env.system.devnet_price_feed()?);
    transact(env.system.token.approve(*pro.address(), U256::MAX).from(payer), "approve").await?;
    transact(env.system.token.approve(*names_contract.address(), U256::MAX).from(payer), "approve").await?;
    let mut fees = U256::ZERO;
    let mut t = env.now().await?;
    for month in 0..6u64 {
        t += 30 * DAY;
        next_block_at(&env.provider, t).await?;
        // The devnet keeps its feed fresh; so does this test, at a constant $0.50.
        transact(feed.setAnswer(alloy::primitives::I256::try_from(50_000_000u64)?), "price update").await?;
        for i in 0..subs {
            let quote = pro.quotePlan(U256::from(1)).call().await?.sesh;
            transact(pro.subscribe(session_id(month * 1_000 + i), U256::from(1), quote).from(payer), "subscribe")
                .await?;
            fees += quote;
        }
        for i in 0..names {
            let name = format!("user-{month}-{i}");
            let quote = names_contract.quoteName(name.clone()).call().await?.sesh;
            transact(names_contract.register(name, session_id(i), quote).from(payer), "register name").await?;
            fees += quote;
        }
        transact(registry.distributeRewards(), "distribute").await?;
    }
    let pool = env.system.token.balanceOf(*env.system.reward_pool.address()).call().await?;
    Ok((pool, env.system.lens.rewardPerNodePerDay().call().await?, fees))
}

#[tokio::test]
async fn fees_paid_over_months_grow_the_pool_and_the_reward_per_node() -> eyre::Result<()> {
    let mut quiet = TestEnv::new().await?;
    let mut busy = TestEnv::new().await?;
    let (pool_quiet, reward_quiet, none) = six_months(&mut quiet, 0, 0).await?;
    let (pool_busy, reward_busy, fees) = six_months(&mut busy, 20, 5).await?;
    assert_eq!(none, U256::ZERO);
    assert!(fees > U256::ZERO);
    // 90% of every fee went into the pool; the pool released part of it since (at most 15.1% a
    // year of it, i.e. under 8% over six months).
    let gained = pool_busy - pool_quiet;
    let ninety = fees * U256::from(9) / U256::from(10);
    assert!(gained <= ninety && gained >= ninety * U256::from(92) / U256::from(100), "gained {gained} of {ninety}");
    assert!(reward_busy > reward_quiet, "dynamic rewards: {reward_busy} > {reward_quiet}");
    // Total supply never moved: fees are burnt and reminted, never minted anew.
    assert_eq!(busy.system.token.totalSupply().call().await?, busy.system.token.MAX_SUPPLY().call().await?);
    let treasury = busy.system.manifest.address("LiquidityTreasury")?;
    assert!(busy.system.token.balanceOf(treasury).call().await? >= fees / U256::from(10) - U256::from(200));
    Ok(())
}

#[tokio::test]
async fn a_stale_price_or_a_low_limit_refuses_the_payment() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let payer = env.holder().address();
    let names = env.system.session_names()?;
    transact(env.system.token.approve(*names.address(), U256::MAX).from(payer), "approve").await?;
    let quote = names.quoteName("alice".into()).call().await?.sesh;
    let low = names.register("alice".into(), session_id(1), quote - U256::from(1)).from(payer).send().await;
    assert!(matches!(revert_of::<SessionNamesErrors>(low), SessionNamesErrors::PriceAboveMax(_)));

    next_block_at(&env.provider, env.now().await? + 2 * DAY).await?;
    alloy::providers::Provider::get_block_number(&env.provider).await?;
    let stale = names.register("alice".into(), session_id(1), with_slippage(quote, 100)).from(payer).send().await;
    assert!(matches!(revert_of::<SessionNamesErrors>(stale), SessionNamesErrors::StalePrice(_)));
    Ok(())
}

#[tokio::test]
async fn pro_and_names_through_the_cli() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let rpc = env.anvil.endpoint();
    let dir = std::env::temp_dir().join(format!("session-e2e-fees-{}", std::process::id()));
    let manifest = env.system.manifest.write(&dir)?;
    let key = alloy::hex::encode(env.holder().to_bytes());
    let id = alloy::hex::encode(session_id(7));
    let base = ["--rpc-url", rpc.as_str(), "--deployment", manifest.to_str().unwrap(), "--private-key", key.as_str()];
    let run = |args: Vec<&str>| {
        let cli = session_cli::Cli::try_parse_from(std::iter::once("sesh").chain(args).chain(base)).unwrap();
        session_cli::run(cli)
    };
    run(vec!["pro", "subscribe", "--session-id", &id, "--plan", "1"]).await?;
    assert!(env.system.session_pro()?.isPro(session_id(7)).call().await?);
    run(vec!["pro", "status", "--session-id", &id]).await?;
    run(vec!["names", "register", "Alice-1", "--session-id", &id]).await?;
    let names = env.system.session_names()?;
    assert_eq!(names.resolve("alice-1".into()).call().await?, session_id(7));
    run(vec!["names", "renew", "alice-1"]).await?;
    run(vec!["names", "resolve", "alice-1"]).await?;
    run(vec!["names", "transfer", "alice-1", "--to", &env.stranger().to_string()]).await?;
    assert_eq!(names.recordOf("alice-1".into()).call().await?.holder, env.stranger());
    let bad = cli_revert(run(vec!["names", "register", "no_underscores", "--session-id", &id]).await);
    assert!(
        matches!(&bad, ContractError::InvalidName(e) if e.name == "no_underscores" && e.position == U256::from(2)),
        "{bad:?}"
    );
    std::fs::remove_dir_all(dir)?;
    Ok(())
}
