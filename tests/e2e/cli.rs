//! The `sesh` commands, driven in-process against anvil.

use clap::Parser;
use session_bindings::ContractError;
use session_cli::{
    Cli,
    commands::bench::{measure_gas, measure_registry},
    run,
};
use session_client::Manifest;
use session_e2e::{TestEnv, cli_revert};
use std::path::PathBuf;

fn temp_dir(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("session-e2e-{name}-{}", std::process::id()))
}

fn cli(args: &[&str]) -> Cli {
    Cli::try_parse_from(std::iter::once("sesh").chain(args.iter().copied())).expect("valid command line")
}

#[tokio::test]
async fn deploy_then_status_through_the_manifest() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let out = temp_dir("cli-deploy");
    let key = alloy::hex::encode(env.signers[3].to_bytes());
    let rpc = env.anvil.endpoint();
    run(cli(&["deploy", "--rpc-url", &rpc, "--private-key", &key, "--out", out.to_str().unwrap()])).await?;
    let manifest_path = out.join(format!("{}.json", env.system.manifest.chain_id));
    let manifest = Manifest::load(&manifest_path)?;
    assert_eq!(manifest.deployer, env.signers[3].address());
    assert_ne!(manifest.address("SessionToken")?, *env.system.token.address(), "a second, separate system");

    run(cli(&["status", "--rpc-url", &rpc, "--deployment", manifest_path.to_str().unwrap()])).await?;
    std::fs::remove_dir_all(out)?;
    Ok(())
}

#[tokio::test]
async fn deploy_without_a_key_is_refused_with_a_clear_message() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let err = run(cli(&["deploy", "--rpc-url", &env.anvil.endpoint()])).await.unwrap_err();
    assert!(err.to_string().contains("pass --private-key"), "{err}");
    Ok(())
}

#[tokio::test]
async fn devnet_once_deploys_and_writes_the_manifest() -> eyre::Result<()> {
    let out = temp_dir("cli-devnet");
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port().to_string();
    run(cli(&["devnet", "--once", "--port", &port, "--out", out.to_str().unwrap()])).await?;
    let manifest = Manifest::load(&out.join("31337.json"))?;
    assert!(manifest.contracts.contains_key("RewardPool") && manifest.contracts.contains_key("SessionToken"));
    assert_eq!(manifest.vesting.len(), 5, "the genesis distribution's vestings are listed");
    assert!(out.join("claims-31337.json").exists());
    // The portal's index of the devnet's story: 20 nodes registered.
    let index = session_indexer::store::Store::open(&out.join("index-31337.sqlite"))?;
    let nodes: i64 = index.with(|c| c.query_row("SELECT COUNT(*) FROM nodes", [], |r| r.get(0)))?;
    assert_eq!(nodes, 20);
    std::fs::remove_dir_all(out)?;
    Ok(())
}

#[tokio::test]
async fn bench_gas_measures_every_operation() -> eyre::Result<()> {
    let rows = measure_gas().await?;
    for operation in ["SessionToken.transfer", "SessionToken.permit", "RewardPool.release", "RewardPool.deposit"] {
        let row = rows.iter().find(|r| r.operation == operation).unwrap_or_else(|| panic!("{operation} missing"));
        assert!(row.gas > 21_000, "{operation}: {} gas is below a bare transaction", row.gas);
    }
    let registry = measure_registry(6).await?;
    for operation in ["registerNode", "requestExit", "claimRewards", "exitBySignature", "liquidate"] {
        let operation = format!("StakingRegistry.{operation}");
        assert!(registry.iter().any(|r| r.operation == operation && r.gas > 21_000), "{operation} missing");
    }
    let distribution = session_cli::commands::bench::measure_distribution().await?;
    for operation in
        ["VestingFactory.create", "PlainVesting.release", "StakingVesting.registerNode", "MerkleClaims.claim"]
    {
        assert!(distribution.iter().any(|r| r.operation == operation && r.gas > 21_000), "{operation} missing");
    }
    Ok(())
}

#[tokio::test]
async fn keys_registration_writes_public_data_whose_proof_the_chain_accepts_for_that_operator_only() -> eyre::Result<()>
{
    let env = TestEnv::new().await?;
    let dir = temp_dir("registration");
    std::fs::create_dir_all(&dir)?;
    let manifest = env.system.manifest.write(&dir)?;
    let (keys, out) = (dir.join("node.json"), dir.join("registration.json"));
    run(cli(&["keys", "generate", "--out", keys.to_str().unwrap()])).await?;
    let operator = env.signers[12].address();
    let (rpc, operator_text) = (env.anvil.endpoint(), operator.to_string());
    let args = [
        "keys",
        "registration",
        "--keys",
        keys.to_str().unwrap(),
        "--operator",
        &operator_text,
        "--out",
        out.to_str().unwrap(),
    ];
    let base = ["--rpc-url", rpc.as_str(), "--deployment", manifest.to_str().unwrap()];
    run(cli(&args.iter().chain(base.iter()).copied().collect::<Vec<_>>())).await?;
    let text = std::fs::read_to_string(&out)?;
    assert!(!text.contains("seed"), "no secret in the registration data");
    let data: session_cli::commands::keys::Registration = serde_json::from_str(&text)?;
    assert_eq!(data.operator, operator);
    let bytes = |hex: &str| alloy::primitives::Bytes::from(alloy::hex::decode(hex).unwrap());
    let ed: alloy::primitives::B256 = data.ed25519_public_key.parse()?;
    let consensus = &env.system.consensus;
    let pop = bytes(&data.proof_of_possession);
    consensus.verifyProofOfPossession(bytes(&data.bls_public_key), operator, ed, pop.clone()).call().await?;
    let other =
        consensus.verifyProofOfPossession(bytes(&data.bls_public_key), env.signers[13].address(), ed, pop).call().await;
    assert!(other.is_err(), "the proof binds its operator only");
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

#[tokio::test]
async fn keys_generate_writes_a_key_file_that_reproduces_its_keys() -> eyre::Result<()> {
    let path = temp_dir("keys").with_extension("json");
    run(cli(&["keys", "generate", "--out", path.to_str().unwrap()])).await?;
    let file: session_cli::commands::keys::KeyFile = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let keys = file.keys()?;
    assert_eq!(alloy::hex::encode(keys.bls_public().to_eip2537()), file.bls_public_key);
    assert_eq!(alloy::hex::encode(keys.ed25519_public()), file.ed25519_public_key);
    assert_eq!(file.bls_public_key.len(), 256, "128 bytes, EIP-2537");

    let seeded =
        |seed: &str| session_cli::commands::keys::generate(&alloy::hex::decode(seed).unwrap().try_into().unwrap());
    let seed = "11".repeat(32);
    assert_eq!(seeded(&seed), seeded(&seed), "a given seed gives the same keys");
    assert_ne!(seeded(&seed).bls_public_key, file.bls_public_key);
    std::fs::remove_file(path)?;
    Ok(())
}

#[tokio::test]
async fn deploy_signs_with_an_encrypted_keystore() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let dir = temp_dir("keystore");
    std::fs::create_dir_all(&dir)?;
    let secret = env.signers[4].to_bytes();
    alloy::signers::local::PrivateKeySigner::encrypt_keystore(
        &dir,
        &mut rand_core_rng(),
        secret,
        "hunter2",
        Some("deployer.json"),
    )?;
    let keystore = dir.join("deployer.json");
    let out = dir.join("deployments");
    let rpc = env.anvil.endpoint();
    let base = ["deploy", "--rpc-url", &rpc, "--keystore", keystore.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let wrong = run(cli(&[&base[..], &["--password", "wrong"]].concat())).await.unwrap_err();
    assert!(format!("{wrong:#}").ends_with("wrong password"), "{wrong:#}");
    run(cli(&[&base[..], &["--password", "hunter2"]].concat())).await?;
    let manifest = Manifest::load(&out.join(format!("{}.json", env.system.manifest.chain_id)))?;
    assert_eq!(manifest.deployer, env.signers[4].address());
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

fn rand_core_rng() -> impl alloy::signers::k256::elliptic_curve::rand_core::CryptoRngCore {
    alloy::signers::k256::elliptic_curve::rand_core::OsRng
}

#[tokio::test]
async fn an_operator_registers_earns_claims_and_leaves_through_the_cli() -> eyre::Result<()> {
    use session_devnet::accounts::next_block_at;
    let env = TestEnv::new().await?;
    let dir = temp_dir("operator");
    let manifest = env.system.manifest.write(&dir)?;
    let keys = dir.join("node.json");
    run(cli(&["keys", "generate", "--seed", &"42".repeat(32), "--out", keys.to_str().unwrap()])).await?;
    let operator = &env.signers[2]; // holds 10M SESH at genesis
    let key = alloy::hex::encode(operator.to_bytes());
    let rpc = env.anvil.endpoint();
    let with = |args: &[&str]| {
        let base =
            ["--rpc-url", rpc.as_str(), "--deployment", manifest.to_str().unwrap(), "--private-key", key.as_str()];
        cli(&[args, &base[..]].concat())
    };
    run(with(&["node", "register", "--keys", keys.to_str().unwrap()])).await?;
    let registry = &env.system.registry;
    let holdings = env.system.holdings_of(operator.address()).await?;
    assert_eq!(holdings.iter().map(|h| h.node_id).collect::<Vec<_>>(), vec![1]);

    next_block_at(&env.provider, env.now().await? + 86_400).await?;
    run(with(&["rewards", "show"])).await?;
    session_client::transact(registry.distributeRewards(), "distributing").await?;
    let before = env.system.token.balanceOf(operator.address()).call().await?;
    run(with(&["rewards", "claim", "--node", "1", "--amount", "100"])).await?;
    let after = env.system.token.balanceOf(operator.address()).call().await?;
    assert_eq!(after - before, session_client::units::sesh(100));
    run(with(&["rewards", "claim"])).await?;

    run(with(&["node", "exit", "--node", "1"])).await?;
    // Too early: refused before sending, with the date it becomes possible.
    let early = run(with(&["node", "exit", "--node", "1", "--finalize"])).await.unwrap_err();
    assert!(format!("{early:#}").contains("it can be finalized from"), "{early:#}");
    session_devnet::accounts::mine_at(&env.provider, env.now().await? + 30 * 86_400 + 10).await?;
    run(with(&["node", "exit", "--node", "1", "--finalize"])).await?;
    let stake_before = env.system.token.balanceOf(operator.address()).call().await?;
    run(with(&["node", "withdraw"])).await?;
    let stake_after = env.system.token.balanceOf(operator.address()).call().await?;
    assert_eq!(stake_after - stake_before, registry.stakingRequirement().call().await?);
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

#[tokio::test]
async fn the_network_commands_witness_and_confirm_an_exit() -> eyre::Result<()> {
    use session_devnet::accounts::mine_at;
    let mut env = TestEnv::new().await?;
    let node = env.register_solo(1, 10).await?;
    env.register_solo(2, 11).await?;
    let dir = temp_dir("network");
    let manifest = env.system.manifest.write(&dir)?;
    let rpc = env.anvil.endpoint();
    let key = alloy::hex::encode(env.signers[9].to_bytes());
    let seed = session_e2e::NETWORK_SEED.to_string();
    let with = |args: &[&str]| {
        let base =
            ["--rpc-url", rpc.as_str(), "--deployment", manifest.to_str().unwrap(), "--private-key", key.as_str()];
        cli(&[args, &["--seed", seed.as_str(), "--nodes", "4"][..], &base[..]].concat())
    };
    run(with(&["network", "check"])).await?;
    transact_request_exit(&env, node).await?;
    mine_at(&env.provider, env.now().await? + session_network::witness::NETWORK_UNLOCK_PERIOD + 1).await?;
    run(with(&["network", "run", "--once"])).await?;
    assert_eq!(env.system.lens.node(node).call().await?.status, 3, "the network signed the exit");
    run(with(&["network", "check"])).await?;
    std::fs::remove_dir_all(dir)?;
    Ok(())
}

async fn transact_request_exit(env: &TestEnv, node: u64) -> eyre::Result<()> {
    let call = env.system.registry.requestExit(node).from(env.signers[10].address());
    session_client::transact(call, "requesting the exit").await?;
    Ok(())
}

#[tokio::test]
async fn a_contribution_contract_through_the_cli() -> eyre::Result<()> {
    let env = TestEnv::new().await?;
    let dir = temp_dir("contribution");
    let manifest = env.system.manifest.write(&dir)?;
    let keys = dir.join("node.json");
    run(cli(&["keys", "generate", "--seed", &"07".repeat(32), "--out", keys.to_str().unwrap()])).await?;
    let rpc = env.anvil.endpoint();
    let as_signer = |index: usize, args: &[&str]| {
        let key = alloy::hex::encode(env.signers[index].to_bytes());
        let base = ["--rpc-url", rpc.as_str(), "--deployment", manifest.to_str().unwrap()];
        cli(&[args, &base[..], &["--private-key", key.as_str()]].concat())
    };
    // Accounts 2 and 3 hold SESH from genesis: the operator and a contributor.
    run(as_signer(2, &["contribution", "create", "--keys", keys.to_str().unwrap(), "--fee-bps", "500"])).await?;
    let created = env.system.factory.ContributionContractCreated_filter().from_block(0).query().await?;
    let contract = created[0].0.contributionContract.to_string();
    run(as_signer(2, &["contribution", "contribute", "--contract", &contract, "--amount", "12500"])).await?;
    run(as_signer(2, &["contribution", "list-open"])).await?;
    run(as_signer(3, &["contribution", "contribute", "--contract", &contract, "--amount", "12500"])).await?;
    run(as_signer(3, &["contribution", "show", "--contract", &contract])).await?;
    let refused = cli_revert(run(as_signer(3, &["contribution", "withdraw", "--contract", &contract])).await);
    assert!(matches!(refused, ContractError::WithdrawalLocked(_)), "{refused:?}");
    run(as_signer(2, &["contribution", "finalize", "--contract", &contract])).await?;
    let c = env.system.contribution_at(created[0].0.contributionContract);
    let node = env.system.lens.node(c.nodeId().call().await?).call().await?;
    assert_eq!(node.contributors.len(), 2);
    assert_eq!(node.operator, env.signers[2].address());

    // Another node whose operator stakes in the creating transaction.
    let other = dir.join("other.json");
    run(cli(&["keys", "generate", "--seed", &"08".repeat(32), "--out", other.to_str().unwrap()])).await?;
    run(as_signer(3, &["contribution", "create", "--keys", other.to_str().unwrap(), "--stake", "6250"])).await?;
    let created = env.system.factory.ContributionContractCreated_filter().from_block(0).query().await?;
    let c = env.system.contribution_at(created[1].0.contributionContract);
    let quarter = env.requirement().await? / alloy::primitives::U256::from(4);
    assert_eq!(c.contributionOf(env.signers[3].address()).call().await?, quarter);
    assert_eq!(c.status().call().await?, 1, "open");
    std::fs::remove_dir_all(dir)?;
    Ok(())
}
