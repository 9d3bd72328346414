//! A frontend that knows nothing but the manifest and its ABI files (one per address): viem, in
//! node, contributes to an open node through its contribution contract and, once the node earns,
//! claims through the registry what the lens lists. `tests/viem/frontend.mjs` is the frontend.

use alloy::primitives::U256;
use session_client::transact;
use session_devnet::accounts::next_block_at;
use session_e2e::{NETWORK_SEED, TestEnv};
use session_network::NodeKeys;
use std::{path::Path, process::Command};

/// Runs the viem frontend with `args` and returns its JSON answer.
fn frontend(args: &[&str]) -> eyre::Result<serde_json::Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new("node").arg(root.join("tests/viem/frontend.mjs")).args(args).output()?;
    eyre::ensure!(output.status.success(), "frontend {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    Ok(serde_json::from_slice(&output.stdout)?)
}

#[tokio::test]
async fn viem_with_only_the_manifest_contributes_and_claims() -> eyre::Result<()> {
    let mut env = TestEnv::new().await?;
    let dir = std::env::temp_dir().join(format!("session-e2e-frontend-{}", std::process::id()));
    let manifest = env.system.manifest.write(&dir)?;
    let (manifest, rpc) = (manifest.to_str().unwrap().to_string(), env.anvil.endpoint());

    // An operator opens a node with half the stake; the frontend's user fills it, which registers it.
    let requirement = env.requirement().await?;
    let half = requirement / U256::from(2);
    let (operator, user) = (env.signers[10].address(), &env.signers[11]);
    env.fund(operator, half).await?;
    env.fund(user.address(), requirement - half).await?;
    let keys = NodeKeys::derived(NETWORK_SEED, 1);
    let (contract, _) = env.system.open_contribution(operator, &keys, 0, true, vec![], Some(half)).await?;
    let key = alloy::hex::encode_prefixed(user.to_bytes());
    let amount = (requirement - half).to_string();
    let contract_address = contract.address().to_string();
    let done = frontend(&["contribute", &manifest, &rpc, &key, &contract_address, &amount])?;
    let node = contract.nodeId().call().await?;
    assert_ne!(node, 0, "the filling deposit registered the node");
    assert_eq!(done["nodeId"], node.to_string());
    assert_eq!(
        env.system.token.allowance(user.address(), *contract.address()).call().await?,
        U256::ZERO,
        "the frontend approved exactly what it sent"
    );
    env.network.join(node, keys);

    // A day of rewards, distributed; the frontend claims the user's share.
    next_block_at(&env.provider, env.now().await? + 86_400).await?;
    transact(env.system.registry.distributeRewards(), "distributing").await?;
    let due = env.system.lens.claimableRewards(node, user.address()).call().await?;
    assert!(!due.is_zero());
    let before = env.system.token.balanceOf(user.address()).call().await?;
    let claimed = frontend(&["claim", &manifest, &rpc, &key])?;
    let after = env.system.token.balanceOf(user.address()).call().await?;
    assert_eq!(claimed["claimed"], due.to_string());
    assert_eq!(after - before, due, "the claim paid what the lens listed");
    std::fs::remove_dir_all(dir)?;
    Ok(())
}
