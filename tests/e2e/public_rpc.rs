//! The CLI and the network through an endpoint that behaves like a public L2 one: it refuses
//! `eth_getLogs` over more than 100 blocks, with a history of 10,000 blocks (100 times that),
//! rate-limits one request in 7 with HTTP 429 and drops the connection of one in 11 after acting
//! on it. An operator asks to leave, the network (whose first endpoint is down) finds the request
//! and the node's key in the logs and signs the exit, and the operator takes the stake back; no
//! transaction is sent twice.

use alloy::providers::{Provider, ext::AnvilApi};
use clap::Parser;
use session_cli::{Cli, run};
use session_client::NodeStatus;
use session_devnet::{
    accounts::mine_at,
    public_rpc::{Limits, PublicRpc},
};
use session_e2e::{NETWORK_SEED, TestEnv};
use std::sync::atomic::Ordering;

#[tokio::test]
async fn an_exit_is_requested_signed_and_withdrawn_through_a_public_endpoint() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    let node = env.register_solo(1, 10).await?;
    env.register_solo(2, 11).await?;
    env.register_solo(3, 12).await?;
    // A history 100 times the endpoint's log range after the registrations. What the reads cost
    // depends on that ratio (and on the logarithm of the history for a key's lookup), so this
    // stands for 1,000,000 blocks behind a 10,000-block limit; anvil mines only 50 to 300 blocks
    // a second here, which is why the history is not longer.
    env.provider.anvil_mine(Some(10_000), None).await?;
    let limits = Limits { max_log_range: 100, rate_limit_every: 7, drop_every: 11 };
    let rpc = PublicRpc::start(env.anvil.endpoint_url(), limits).await?;
    // Nothing listens there: the network fails over to the stand-in.
    let endpoints = format!("http://127.0.0.1:1,{}", rpc.url);
    let dir = std::env::temp_dir().join(format!("session-e2e-public-rpc-{}", std::process::id()));
    let manifest = env.system.manifest.write(&dir)?;
    let sesh = |signer: usize, args: &[&str]| {
        let key = alloy::hex::encode(env.signers[signer].to_bytes());
        let url = if signer == 9 { endpoints.as_str() } else { rpc.url.as_str() };
        let base = ["--rpc-url", url, "--deployment", manifest.to_str().unwrap(), "--private-key", &key, "--yes"];
        let line: Vec<String> =
            std::iter::once("sesh").chain(args.iter().copied()).chain(base).map(str::to_string).collect();
        Cli::try_parse_from(line)
    };

    let operator = env.signers[10].address();
    let sent_before = env.provider.get_transaction_count(operator).await?;
    run(sesh(10, &["node", "exit", "--node", &node.to_string()])?).await?;
    run(sesh(10, &["contribution", "list-open"])?).await?;
    let unlocked = env.now().await? + session_network::witness::NETWORK_UNLOCK_PERIOD + 1;
    mine_at(&env.provider, unlocked).await?;
    // The network's keys, and the default range of 10,000 blocks: the endpoint refuses it, and the
    // reads retry over smaller ranges.
    let seed = NETWORK_SEED.to_string();
    let submitter = env.signers[9].address();
    let submitted_before = env.provider.get_transaction_count(submitter).await?;
    run(sesh(9, &["network", "run", "--once", "--seed", &seed, "--nodes", "4"])?).await?;
    let submitted = env.provider.get_transaction_count(submitter).await? - submitted_before;
    assert_eq!(submitted, 1, "the network submitted its one decision (the exit) once");
    let status = NodeStatus::from_u8(env.system.lens.node(node).call().await?.status);
    assert_eq!(status, Some(NodeStatus::Exited), "the network signed the exit");
    env.network.leave(node);

    let before = env.system.token.balanceOf(env.signers[10].address()).call().await?;
    run(sesh(10, &["node", "withdraw", "--log-range", "100"])?).await?;
    let after = env.system.token.balanceOf(env.signers[10].address()).call().await?;
    assert_eq!(after - before, env.requirement().await?, "the whole stake came back");
    let sent = env.provider.get_transaction_count(operator).await? - sent_before;
    assert_eq!(sent, 2, "the operator sent the exit request and the withdrawal, each once");

    assert!(rpc.refusals.log_ranges.load(Ordering::Relaxed) > 0, "wide log ranges were refused, then split");
    assert!(rpc.refusals.rate_limited.load(Ordering::Relaxed) > 0, "rate-limited requests were retried");
    assert!(rpc.refusals.dropped.load(Ordering::Relaxed) > 0, "dropped connections were retried");
    std::fs::remove_dir_all(dir)?;
    Ok(())
}
