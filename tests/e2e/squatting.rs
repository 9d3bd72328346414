//! Finding L-1, end to end: a squatter registers a fresh BLS key under an operator's public
//! Ed25519 key; the rightful operator, holding the key, evicts it with `sesh node evict` (the key
//! signs the eviction, checked on chain in Solidity); the squatter loses money and cannot take the
//! key again for 7 days; the operator registers its node.

use alloy::primitives::{Bytes, FixedBytes};
use clap::Parser;
use session_bindings::staking_registry::IStakingRegistry::Contributor;
use session_cli::{Cli, run};
use session_client::{NodeStatus, transact};
use session_e2e::TestEnv;
use session_keys::NodeKeys;

#[tokio::test]
async fn the_key_holder_evicts_a_squatter_who_loses_money_and_then_registers() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let dir = std::env::temp_dir().join(format!("session-e2e-squat-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let manifest = env.system.manifest.write(&dir)?;
    let keys_path = dir.join("node.json");
    let sesh = |signer: usize, args: &[&str]| {
        let key = alloy::hex::encode(env.signers[signer].to_bytes());
        let base = [
            "--rpc-url",
            &env.anvil.endpoint(),
            "--deployment",
            manifest.to_str().unwrap(),
            "--private-key",
            &key,
            "--yes",
        ];
        let line: Vec<String> =
            std::iter::once("sesh").chain(args.iter().copied()).chain(base).map(str::to_string).collect();
        Cli::try_parse_from(line)
    };
    run(Cli::try_parse_from(["sesh", "keys", "generate", "--out", keys_path.to_str().unwrap()])?).await?;
    let keys = session_cli::commands::keys::KeyFile::load(&keys_path)?.keys()?;
    let (owner, squatter) = (env.signers[10].address(), env.signers[11].address());
    let requirement = env.requirement().await?;
    env.fund(owner, requirement).await?;
    env.fund(squatter, requirement).await?;

    // The squatter's own BLS key, proving possession over the operator's public Ed25519 key.
    let domain = env.system.consensus_domain();
    let fresh = NodeKeys::derived(0x5fa7, 1);
    let proof = fresh.bls().prove_possession(&domain, &squatter.0.0, &keys.ed25519_public());
    let registry = &env.system.registry;
    transact(env.system.token.approve(*registry.address(), requirement).from(squatter), "approving").await?;
    let call = registry.registerNode(
        Bytes::copy_from_slice(&fresh.bls_public().to_eip2537()),
        FixedBytes(keys.ed25519_public()),
        Bytes::copy_from_slice(&proof.to_eip2537()),
        0,
        vec![Contributor { staker: squatter, beneficiary: squatter, stake: requirement }],
    );
    transact(call.from(squatter), "squatting").await?;
    let squat = env.system.lens.lastNodeId().call().await?;

    // The rightful operator cannot register while the key is taken ...
    let taken = run(sesh(10, &["node", "register", "--keys", keys_path.to_str().unwrap()])?).await.unwrap_err();
    assert!(
        format!("{taken:#}").contains("Ed25519KeyAlreadyRegistered") || format!("{taken:#}").contains("already"),
        "{taken:#}"
    );

    // ... and evicts the squatter with the key's signature.
    let squatter_before = env.system.token.balanceOf(squatter).call().await?;
    run(sesh(10, &["node", "evict", "--node", &squat.to_string(), "--keys", keys_path.to_str().unwrap()])?).await?;
    let record = env.system.lens.nodeRecord(squat).call().await?;
    assert_eq!(NodeStatus::from_u8(record.status), Some(NodeStatus::Liquidated));
    transact(registry.withdrawStake(squat).from(squatter), "the squatter withdraws what is left").await?;
    let back = env.system.token.balanceOf(squatter).call().await? - squatter_before;
    assert!(back < requirement, "squatting cost the squatter: {back} of {requirement} came back");

    // The squatter cannot take the key again: it is reserved for the rightful operator.
    env.fund(squatter, requirement).await?;
    transact(env.system.token.approve(*registry.address(), requirement).from(squatter), "approving").await?;
    let again = transact(
        registry
            .registerNode(
                Bytes::copy_from_slice(&NodeKeys::derived(0x5fa7, 2).bls_public().to_eip2537()),
                FixedBytes(keys.ed25519_public()),
                Bytes::copy_from_slice(
                    &NodeKeys::derived(0x5fa7, 2)
                        .bls()
                        .prove_possession(&domain, &squatter.0.0, &keys.ed25519_public())
                        .to_eip2537(),
                ),
                0,
                vec![Contributor { staker: squatter, beneficiary: squatter, stake: requirement }],
            )
            .from(squatter),
        "squatting again",
    )
    .await
    .unwrap_err();
    assert!(again.to_string().contains("Ed25519KeyReserved"), "{again}");

    // The operator registers its node.
    run(sesh(10, &["node", "register", "--keys", keys_path.to_str().unwrap()])?).await?;
    let id = env.system.lens.lastNodeId().call().await?;
    let node = env.system.lens.nodeRecord(id).call().await?;
    assert_eq!((node.operator, node.ed25519Key.0), (owner, keys.ed25519_public()));
    assert_eq!(node.deposit, requirement);
    std::fs::remove_dir_all(dir)?;
    Ok(())
}
