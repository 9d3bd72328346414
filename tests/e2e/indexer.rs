//! The portal's indexer and API: the devnet scenario indexed and answered as the chain says, a
//! reorg followed, confirmations waited for, a restart resumed, and logs read through a public
//! endpoint's range limit.

use alloy::primitives::{Address, U256};
use alloy::providers::ext::AnvilApi;
use serde_json::Value;
use session_client::{Deployment, provider::read_only_provider, transact, units::sesh};
use session_devnet::{
    public_rpc::{Limits, PublicRpc},
    scenario::{DevnetPlan, populate},
};
use session_e2e::{NETWORK_SEED, TestEnv};
use session_indexer::{api, follower::Follower, store::Store};
use session_keys::NodeKeys;
use std::{path::PathBuf, sync::Arc};

fn db(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("session-index-{name}-{}.sqlite", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

/// Serves the API over `store` on a free port; returns its base URL.
async fn serve(store: Arc<Store>, deployment: Arc<Deployment>) -> eyre::Result<String> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let base = format!("http://{}/api", listener.local_addr()?);
    tokio::spawn(api::serve(api::Api { store, deployment }, listener, None));
    Ok(base)
}

async fn get(base: &str, path: &str) -> eyre::Result<(u16, Value)> {
    let response = reqwest::get(format!("{base}{path}")).await?;
    let status = response.status().as_u16();
    Ok((status, response.json().await?))
}

fn atomic(value: &Value) -> U256 {
    value["atomic"].as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn the_api_answers_what_the_chain_says_about_the_devnet_scenario() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    let accounts: Vec<Address> = env.signers[10..].iter().map(|s| s.address()).collect();
    let plan = DevnetPlan { solo_nodes: 6, shared_nodes: 2, days: 1, ..DevnetPlan::default() };
    let report =
        populate(&env.system, &env.provider, env.holder().address(), &accounts, &mut env.network, &plan).await?;
    // An operator opens a contribution contract and waits for contributors.
    let operator = env.signers[30].address();
    env.fund(operator, sesh(10_000)).await?;
    let (cc, _) = env
        .system
        .open_contribution(operator, &NodeKeys::derived(NETWORK_SEED, 77), 700, false, Vec::new(), Some(sesh(10_000)))
        .await?;
    let contract = *cc.address();

    // Two contributors after the operator: the contract's total is the sum of the deposits.
    for (account, amount) in [(31, 3_000u64), (32, 2_000)] {
        let contributor = env.signers[account].address();
        env.fund(contributor, sesh(amount)).await?;
        env.system.contribute(&cc, contributor, sesh(amount)).await?;
    }
    let deployment = Arc::new(env.system.clone());
    let store = Arc::new(Store::open(&db("scenario"))?);
    let pass = Follower::new(deployment.clone(), store.clone(), 0)?.sync().await?;
    assert!(pass.events > 30, "{pass:?}");
    let base = serve(store, deployment).await?;

    let (status, info) = get(&base, "/info").await?;
    assert_eq!(status, 200);
    assert_eq!(info["networkSize"].as_u64(), Some(env.system.lens.networkSize().call().await?.to::<u64>()));
    assert_eq!(
        atomic(&info["poolBalance"]),
        env.system.token.balanceOf(*env.system.reward_pool.address()).call().await?
    );
    assert!(atomic(&info["feesPaid"]) == report.fees_paid, "every fee payment is indexed");

    let (_, nodes) = get(&base, "/nodes?perPage=3&page=2").await?;
    assert_eq!(nodes["total"].as_u64(), Some(8));
    assert_eq!(nodes["items"][0]["id"].as_u64(), Some(4), "page 2 of 3 starts at node 4");
    let liquidated = report.liquidated.unwrap();
    let (_, listed) = get(&base, "/nodes?status=liquidated").await?;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let split = &listed["items"][0]["liquidation"];
    assert_eq!(listed["items"][0]["id"].as_u64(), Some(liquidated));
    assert_eq!(
        atomic(&split["toLiquidator"]) + atomic(&split["toPool"]) + atomic(&split["returned"]),
        env.requirement().await?
    );

    let (_, exits) = get(&base, "/exits").await?;
    let leaving = &exits["items"][0];
    assert_eq!(leaving["id"].as_u64(), report.exit_requested);
    let requested = leaving["exitRequestedAt"].as_u64().unwrap();
    assert_eq!(leaving["exitUnlocksAt"].as_u64(), Some(requested + 30 * 86_400));

    let staker = accounts[0];
    let (_, stakes) = get(&base, &format!("/stakes/{staker}")).await?;
    let position = &stakes["positions"][0];
    let node = position["nodeId"].as_u64().unwrap();
    assert_eq!(atomic(&position["claimable"]), env.system.lens.claimableRewards(node, staker).call().await?);
    assert!(atomic(&position["claimable"]) > U256::ZERO);

    // A contributor of both shared nodes has a position in each: its deposit in the node's
    // contract, claimable as the lens says (the registry names no contributor of a contract's node).
    let contributor = accounts[8];
    let (_, stakes) = get(&base, &format!("/stakes/{contributor}")).await?;
    let positions = stakes["positions"].as_array().unwrap();
    assert_eq!(positions.len(), 2, "{stakes}");
    for position in positions {
        let node = position["nodeId"].as_u64().unwrap();
        let record = env.system.lens.nodeRecord(node).call().await?;
        let deposit =
            env.system.contribution_at(record.contributionContract).contributionOf(contributor).call().await?;
        assert!(!deposit.is_zero());
        assert_eq!(atomic(&position["stake"]), deposit);
        assert_eq!(atomic(&position["claimable"]), env.system.lens.claimableRewards(node, contributor).call().await?);
    }

    let (_, open) = get(&base, "/nodes/open").await?;
    let item = &open["items"][0];
    assert_eq!(item["contract"].as_str().unwrap().parse::<Address>()?, contract);
    assert_eq!(item["feeBps"].as_u64(), Some(700));
    assert_eq!(atomic(&item["minimumContribution"]), cc.minimumContribution().call().await?);
    assert_eq!(atomic(&item["contributed"]), sesh(15_000));
    assert_eq!(atomic(&item["contributed"]), cc.contributed().call().await?);
    let contributors = item["contributors"].as_array().unwrap();
    assert_eq!(contributors.len(), 3);
    let of = |who: Address| {
        contributors
            .iter()
            .find(|c| c["staker"].as_str().unwrap().parse::<Address>().unwrap() == who)
            .map(|c| atomic(&c["amount"]))
    };
    assert_eq!(of(operator), Some(sesh(10_000)));
    assert_eq!(of(env.signers[31].address()), Some(sesh(3_000)));

    let (_, history) = get(&base, "/history/rewards").await?;
    assert!(!history["items"].as_array().unwrap().is_empty());

    let (_, manifest) = get(&base, "/deployment").await?;
    assert_eq!(manifest["chainId"].as_u64(), Some(31337));
    let (code, abi) = get(&base, "/abi/StakingRegistry").await?;
    assert_eq!(code, 200);
    assert!(abi.as_array().unwrap().iter().any(|item| item["name"] == "registerNode"));

    let listed = env.signers[9].address();
    let (code, claims) = get(&base, &format!("/claims/{listed}")).await?;
    assert_eq!(code, 200);
    assert_eq!(atomic(&claims["claims"][0]["amount"]), sesh(42));
    assert_eq!(claims["claims"][0]["claimed"], false);
    let proof: Vec<alloy::primitives::B256> = serde_json::from_value(claims["claims"][0]["proof"].clone())?;
    let root = env.system.manifest.claims.as_ref().unwrap().root;
    assert!(session_client::merkle::verify(root, listed, sesh(42), &proof));

    for (path, status, says) in [
        ("/abi/Nothing", 404, "no ABI"),
        ("/stakes/0x12", 400, "not an address"),
        ("/nodes?perPage=1000", 400, "perPage"),
        ("/nodes?page=0", 400, "page"),
        ("/nodes?status=sleeping", 400, "status"),
        ("/nodes/99999", 404, "no node"),
        ("/nodes/abc", 400, "not a node id"),
        ("/nowhere", 404, "no such endpoint"),
    ] {
        let (code, body) = get(&base, path).await?;
        assert_eq!(code, status, "{path}");
        assert!(body["error"].as_str().unwrap().contains(says), "{path}: {body}");
    }
    Ok(())
}

#[tokio::test]
async fn the_index_follows_a_reorg_waits_for_confirmations_and_resumes_after_a_restart() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    env.register_solo(1, 10).await?;
    let before_fork = env.provider.anvil_snapshot().await?;
    env.register_solo(2, 11).await?;
    let path = db("reorg");
    let deployment = Arc::new(env.system.clone());
    let store = Arc::new(Store::open(&path)?);
    let follower = Follower::new(deployment.clone(), store.clone(), 0)?;
    follower.sync().await?;
    let operator_of = |id: i64| -> eyre::Result<String> {
        store.with(|c| c.query_row("SELECT operator FROM nodes WHERE id = ?1", [id], |r| r.get(0)))
    };
    assert_eq!(operator_of(2)?, env.signers[11].address().to_string());

    // The chain drops node 2's registration; node 2 is now another operator's.
    assert!(env.provider.anvil_revert(before_fork).await?);
    env.register_solo(3, 12).await?;
    env.provider.anvil_mine(Some(3), None).await?;
    let pass = follower.sync().await?;
    assert!(pass.reorg.is_some(), "the reorg is noticed: {pass:?}");
    assert_eq!(operator_of(2)?, env.signers[12].address().to_string());
    let count: i64 = store.with(|c| c.query_row("SELECT COUNT(*) FROM nodes", [], |r| r.get(0)))?;
    assert_eq!(count, 2);

    // Five confirmations: a new node appears only once five blocks are on top of it.
    let careful = Follower::new(deployment.clone(), store.clone(), 5)?;
    careful.sync().await?;
    let id = env.register_solo(4, 13).await?;
    careful.sync().await?;
    assert!(operator_of(id as i64).is_err(), "not yet confirmed");
    env.provider.anvil_mine(Some(5), None).await?;
    careful.sync().await?;
    assert_eq!(operator_of(id as i64)?, env.signers[13].address().to_string());

    // A restart resumes from the last indexed block: nothing is indexed twice.
    drop((careful, follower, store));
    let store = Arc::new(Store::open(&path)?);
    let again = Follower::new(deployment, store.clone(), 0)?.sync().await?;
    assert_eq!(again.events, 0, "{again:?}");
    let count: i64 = store.with(|c| c.query_row("SELECT COUNT(*) FROM nodes", [], |r| r.get(0)))?;
    assert_eq!(count, 3);
    Ok(())
}

#[tokio::test]
async fn the_index_reads_logs_through_a_public_endpoint_within_its_range_limit() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    for (key, account) in [(1, 10), (2, 11)] {
        env.register_solo(key, account).await?;
    }
    env.provider.anvil_mine(Some(2_000), None).await?;
    let id = env.register_solo(3, 12).await?;
    transact(env.system.registry.requestExit(id).from(env.signers[12].address()), "requesting an exit").await?;

    let direct = Arc::new(Store::in_memory()?);
    let events = Follower::new(Arc::new(env.system.clone()), direct, 0)?.sync().await?.events;

    let limits = Limits { max_log_range: 100, rate_limit_every: 7, drop_every: 11 };
    let rpc = PublicRpc::start(env.anvil.endpoint_url(), limits).await?;
    let mut through = Deployment::attach(read_only_provider(rpc.url.clone()), env.system.manifest.clone())?;
    through.log_range = 1_000; // above the endpoint's limit: the reads halve it
    let store = Arc::new(Store::in_memory()?);
    let pass = Follower::new(Arc::new(through), store.clone(), 0)?.sync().await?;
    assert_eq!(pass.events, events, "the same events through the limited endpoint");
    let unlock: Option<i64> =
        store.with(|c| c.query_row("SELECT exit_unlock FROM nodes WHERE id = ?1", [id as i64], |r| r.get(0)))?;
    assert!(unlock.is_some());
    Ok(())
}
