//! `sesh` with real money: every command that moves tokens checks its target and its limits with
//! views first, approves exactly what it sends, and leaves no allowance behind; amounts, keys and
//! manifests that could mislead are refused; what a user must know (refunds, exit dates) is shown.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use clap::Parser;
use session_bindings::ContractError;
use session_cli::{Cli, run};
use session_client::{Error, NodeStatus, staking::node_state, units::sesh as whole_sesh};
use session_e2e::{NETWORK_SEED, TestEnv, cli_revert};
use session_network::NodeKeys;
use std::path::PathBuf;

/// A test chain with its manifest written, and command lines signed by one of its accounts.
struct Sesh {
    env: TestEnv,
    dir: PathBuf,
    manifest: String,
}

impl Sesh {
    async fn new(name: &str) -> eyre::Result<Self> {
        let env = TestEnv::new().await?;
        let dir = std::env::temp_dir().join(format!("session-e2e-safety-{name}-{}", std::process::id()));
        let manifest = env.system.manifest.write(&dir)?.to_str().unwrap().to_string();
        Ok(Self { env, dir, manifest })
    }

    /// `sesh <args>` signed by dev account `signer`, answering yes to any confirmation.
    async fn run(&self, signer: usize, args: &[&str]) -> eyre::Result<()> {
        let key = alloy::hex::encode(self.env.signers[signer].to_bytes());
        let rpc = self.env.anvil.endpoint();
        let base = ["--rpc-url", rpc.as_str(), "--deployment", &self.manifest, "--private-key", &key, "--yes"];
        let line: Vec<&str> = std::iter::once("sesh").chain(args.iter().copied()).chain(base).collect();
        run(Cli::try_parse_from(line)?).await
    }

    fn account(&self, index: usize) -> Address {
        self.env.signers[index].address()
    }

    async fn nonce(&self, index: usize) -> eyre::Result<u64> {
        Ok(self.env.provider.get_transaction_count(self.account(index)).await?)
    }

    async fn allowance(&self, owner: usize, spender: Address) -> eyre::Result<U256> {
        Ok(self.env.system.token.allowance(self.account(owner), spender).call().await?)
    }

    /// A contribution contract with half the stake in, operated by account 10.
    async fn half_funded(&mut self, key_index: u64, auto_finalize: bool) -> eyre::Result<Address> {
        let half = self.env.requirement().await? / U256::from(2);
        self.env.fund(self.account(10), half).await?;
        let keys = NodeKeys::derived(NETWORK_SEED, key_index);
        let operator = self.account(10);
        let (contract, _) =
            self.env.system.open_contribution(operator, &keys, 500, auto_finalize, vec![], Some(half)).await?;
        Ok(*contract.address())
    }
}

impl Drop for Sesh {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The client's refusal under a command's failure (a check before anything was sent).
fn refusal(result: eyre::Result<()>) -> String {
    let report = result.expect_err("the command was expected to be refused");
    match report.downcast_ref::<Error>() {
        Some(refused @ Error::Refused { .. }) => refused.to_string(),
        _ => panic!("not a refusal before sending: {report:#}"),
    }
}

#[tokio::test]
async fn contribute_refuses_any_target_but_a_factory_contract_and_approves_nothing() -> eyre::Result<()> {
    let mut sesh = Sesh::new("target").await?;
    sesh.half_funded(1, false).await?;
    let system = sesh.env.system.clone();
    let nonce = sesh.nonce(2).await?;
    let targets = [sesh.env.stranger(), *system.token.address(), *system.registry.address(), *system.factory.address()];
    for target in targets {
        let text = target.to_string();
        let refused =
            refusal(sesh.run(2, &["contribution", "contribute", "--contract", &text, "--amount", "5000"]).await);
        assert!(refused.contains("is not a contribution contract of this deployment's factory"), "{refused}");
        assert_eq!(sesh.allowance(2, target).await?, U256::ZERO, "no allowance for {target}");
    }
    assert_eq!(sesh.nonce(2).await?, nonce, "no transaction was sent");
    Ok(())
}

#[tokio::test]
async fn deposits_outside_the_limits_or_beyond_the_balance_are_refused_before_approving() -> eyre::Result<()> {
    let mut sesh = Sesh::new("limits").await?;
    let contract = sesh.half_funded(1, false).await?;
    let text = contract.to_string();
    let nonce = sesh.nonce(2).await?;
    // The minimum is the rest over the open slots: 12,500 / 9.
    let below = refusal(sesh.run(2, &["contribution", "contribute", "--contract", &text, "--amount", "100"]).await);
    assert!(below.contains("must be between 1,388.888888889 and 12,500 SESH"), "{below}");
    let above = refusal(sesh.run(2, &["contribution", "contribute", "--contract", &text, "--amount", "12500.1"]).await);
    assert!(above.contains("must be between"), "{above}");
    // The stranger holds no SESH.
    let poor = refusal(sesh.run(9, &["contribution", "contribute", "--contract", &text, "--amount", "5000"]).await);
    assert!(poor.contains("holds 0 SESH, 5,000 SESH are needed"), "{poor}");
    assert_eq!(sesh.nonce(2).await?, nonce, "no transaction was sent");
    assert_eq!(sesh.allowance(2, contract).await?, U256::ZERO);
    assert_eq!(sesh.allowance(9, contract).await?, U256::ZERO);

    // Within the limits, a permit for exactly the amount authorizes it: one transaction.
    let permits = sesh.env.system.token.nonces(sesh.account(2)).call().await?;
    sesh.run(2, &["contribution", "contribute", "--contract", &text, "--amount", "5_000"]).await?;
    assert_eq!(
        sesh.env.system.contribution_at(contract).contributionOf(sesh.account(2)).call().await?,
        whole_sesh(5_000)
    );
    assert_eq!(sesh.allowance(2, contract).await?, U256::ZERO, "nothing left approved");
    assert_eq!(sesh.nonce(2).await?, nonce + 1, "one transaction, no approval");
    assert_eq!(
        sesh.env.system.token.nonces(sesh.account(2)).call().await?,
        permits + U256::from(1),
        "the permit was used"
    );
    Ok(())
}

#[tokio::test]
async fn ambiguous_negative_and_zero_amounts_are_refused() -> eyre::Result<()> {
    let mut sesh = Sesh::new("amounts").await?;
    let contract = sesh.half_funded(1, false).await?.to_string();
    let nonce = sesh.nonce(2).await?;
    for amount in ["2,5", "1,0000", "-5", "0", "1.0000000001", "1e3"] {
        let err = sesh.run(2, &["contribution", "contribute", "--contract", &contract, "--amount", amount]).await;
        let err = format!("{:#}", err.expect_err(amount));
        assert!(err.contains(&format!("`{amount}` is not a SESH amount")), "{err}");
    }
    assert_eq!(sesh.nonce(2).await?, nonce, "no transaction was sent");
    Ok(())
}

#[tokio::test]
async fn a_payment_that_fails_or_pays_less_than_its_limit_leaves_no_allowance() -> eyre::Result<()> {
    let sesh = Sesh::new("allowance").await?;
    session_devnet::scenario::refresh_price(&sesh.env.system).await?;
    let pro = *sesh.env.system.session_pro()?.address();
    let id = format!("05{}", "ab".repeat(32));
    // A limit below the price: approved, refused by the contract, revoked.
    let low = cli_revert(sesh.run(2, &["pro", "subscribe", "--session-id", &id, "--max-sesh", "0.000000001"]).await);
    assert!(matches!(low, ContractError::PriceAboveMax(_)), "{low:?}");
    assert_eq!(sesh.allowance(2, pro).await?, U256::ZERO, "revoked after the failure");
    // The default limit (the quote plus 1%) pays the quote: the 1% is not left approved.
    sesh.run(2, &["pro", "subscribe", "--session-id", &id]).await?;
    assert_eq!(sesh.allowance(2, pro).await?, U256::ZERO, "revoked after paying less than the limit");

    // The mechanism itself: whatever fails after the approval, the allowance is gone.
    let system = &sesh.env.system;
    let (owner, spender) = (sesh.account(2), sesh.env.stranger());
    let failed = system
        .spend(owner, spender, whole_sesh(7), "a payment that fails", async || -> session_client::Result<()> {
            Err(Error::unexpected("paying", "the payment failed"))
        })
        .await;
    assert!(matches!(failed, Err(Error::Unexpected { .. })));
    assert_eq!(sesh.allowance(2, spender).await?, U256::ZERO);
    Ok(())
}

#[tokio::test]
async fn the_filling_deposit_of_an_auto_finalize_contract_reports_its_node() -> eyre::Result<()> {
    let mut sesh = Sesh::new("fills").await?;
    let contract = sesh.half_funded(1, true).await?;
    let system = sesh.env.system.clone();
    let rest = system.contribution_at(contract).remaining().call().await?;
    let done = system.contribute(&system.contribution_at(contract), sesh.account(2), rest).await?;
    let node = system.contribution_at(contract).nodeId().call().await?;
    assert_eq!(done.registered, Some(node));
    assert_ne!(node, 0);
    Ok(())
}

#[tokio::test]
async fn refunds_after_a_reset_are_listed_and_claimed_through_sesh() -> eyre::Result<()> {
    let mut sesh = Sesh::new("refund").await?;
    let contract = sesh.half_funded(1, false).await?;
    let text = contract.to_string();
    sesh.run(2, &["contribution", "contribute", "--contract", &text, "--amount", "5000"]).await?;
    sesh.run(10, &["contribution", "reset", "--contract", &text]).await?;
    let system = &sesh.env.system;
    assert_eq!(system.refunds_of(sesh.account(2)).await?, vec![(contract, whole_sesh(5_000))]);
    assert_eq!(system.contribution_terms(contract, sesh.account(2)).await?.refundable, whole_sesh(5_000));
    sesh.run(2, &["contribution", "show", "--contract", &text]).await?;
    let before = system.token.balanceOf(sesh.account(2)).call().await?;
    sesh.run(2, &["contribution", "refund", "--contract", &text]).await?;
    assert_eq!(system.token.balanceOf(sesh.account(2)).call().await? - before, whole_sesh(5_000));
    assert!(system.refunds_of(sesh.account(2)).await?.is_empty());
    let again = sesh.run(2, &["contribution", "refund", "--contract", &text]).await.unwrap_err();
    assert!(format!("{again:#}").contains("owes"), "{again:#}");
    Ok(())
}

#[tokio::test]
async fn only_open_contracts_are_listed_as_open() -> eyre::Result<()> {
    let mut sesh = Sesh::new("open").await?;
    let open = sesh.half_funded(1, false).await?;
    // A contract whose operator has not deposited yet takes nobody else's money.
    let keys = NodeKeys::derived(NETWORK_SEED, 2);
    let (waiting, _) = sesh.env.system.open_contribution(sesh.account(11), &keys, 0, false, vec![], None).await?;
    let listed: Vec<Address> = sesh.env.system.open_contributions().await?.iter().map(|t| t.contract).collect();
    assert_eq!(listed, vec![open], "{} is waiting for its operator", waiting.address());
    sesh.run(2, &["contribution", "list-open"]).await?;
    Ok(())
}

#[tokio::test]
async fn key_files_are_private_never_overwritten_and_checked_on_every_read() -> eyre::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let sesh = Sesh::new("keys").await?;
    let path = sesh.dir.join("node.json");
    let file = path.to_str().unwrap();
    sesh.run(2, &["keys", "generate", "--seed", &"42".repeat(32), "--out", file]).await?;
    assert_eq!(std::fs::metadata(&path)?.permissions().mode() & 0o777, 0o600, "readable by its owner only");
    let original = std::fs::read_to_string(&path)?;
    let again = sesh.run(2, &["keys", "generate", "--out", file]).await.unwrap_err();
    assert!(format!("{again:#}").contains("refusing to overwrite"), "{again:#}");
    assert_eq!(std::fs::read_to_string(&path)?, original, "the key file is intact");
    sesh.run(2, &["keys", "generate", "--out", file, "--force"]).await?;
    assert_ne!(std::fs::read_to_string(&path)?, original, "replaced with --force");
    assert!(Cli::try_parse_from(["sesh", "keys", "generate"]).is_err(), "the seed never goes to stdout unasked");

    // A key file whose public key is not its seed's is refused before any transaction.
    let mut tampered: serde_json::Value = serde_json::from_str(&original)?;
    tampered["ed25519PublicKey"] = serde_json::Value::String("11".repeat(32));
    let bad = sesh.dir.join("tampered.json");
    std::fs::write(&bad, tampered.to_string())?;
    let nonce = sesh.nonce(2).await?;
    let refused = sesh.run(2, &["node", "register", "--keys", bad.to_str().unwrap()]).await.unwrap_err();
    assert!(format!("{refused:#}").contains("not the ones its seed derives"), "{refused:#}");
    assert_eq!(sesh.nonce(2).await?, nonce);
    Ok(())
}

#[tokio::test]
async fn exits_show_their_dates_and_a_node_that_left_says_so() -> eyre::Result<()> {
    let mut sesh = Sesh::new("exit").await?;
    let node = sesh.env.register_solo(1, 12).await?;
    sesh.run(12, &["node", "exit", "--node", &node.to_string()]).await?;
    let info = sesh.env.system.node(node).await?;
    assert_eq!(node_state(NodeStatus::Active, info.exitRequestedAt), "exit requested");
    let early = sesh.run(12, &["node", "exit", "--node", &node.to_string(), "--finalize"]).await.unwrap_err();
    let finalizable = session_client::time::format_timestamp(info.exitRequestedAt + 30 * 86_400);
    assert!(format!("{early:#}").contains(&format!("can be finalized from {finalizable}")), "{early:#}");
    sesh.run(12, &["rewards", "show"]).await?;

    let now = sesh.env.now().await?;
    session_devnet::accounts::mine_at(&sesh.env.provider, now + 30 * 86_400 + 1).await?;
    sesh.run(12, &["node", "exit", "--node", &node.to_string(), "--finalize"]).await?;
    let gone = sesh.run(12, &["node", "exit", "--node", &node.to_string()]).await.unwrap_err();
    assert!(format!("{gone:#}").contains("has already left (exited)"), "{gone:#}");
    Ok(())
}

#[tokio::test]
async fn a_claim_with_nothing_due_sends_no_transaction() -> eyre::Result<()> {
    let sesh = Sesh::new("claim").await?;
    let nonce = sesh.nonce(2).await?;
    sesh.run(2, &["rewards", "claim"]).await?;
    assert_eq!(sesh.nonce(2).await?, nonce);
    Ok(())
}

#[tokio::test]
async fn a_manifest_of_another_chain_a_taken_port_and_a_dead_rpc_are_explained() -> eyre::Result<()> {
    let sesh = Sesh::new("misc").await?;
    let mut other = sesh.env.system.manifest.clone();
    other.chain_id = 421_614;
    let path = other.write(&sesh.dir.join("other"))?;
    let rpc = sesh.env.anvil.endpoint();
    let line = ["sesh", "status", "--rpc-url", &rpc, "--deployment", path.to_str().unwrap()];
    let wrong = run(Cli::try_parse_from(line)?).await.unwrap_err();
    assert!(format!("{wrong:#}").contains("describes chain 421614, but the node at"), "{wrong:#}");

    let taken = std::net::TcpListener::bind("127.0.0.1:0")?;
    let port = taken.local_addr()?.port().to_string();
    let busy = run(Cli::try_parse_from(["sesh", "devnet", "--once", "--port", &port])?).await.unwrap_err();
    assert!(format!("{busy:#}").contains(&format!("port {port} is taken")), "{busy:#}");

    // Closed now: nothing listens there any more.
    drop(taken);
    let dead = format!("http://127.0.0.1:{port}");
    let line = ["sesh", "status", "--rpc-url", &dead, "--deployment", path.to_str().unwrap()];
    let unreachable = run(Cli::try_parse_from(line)?).await.unwrap_err();
    assert!(
        format!("{unreachable:#}").contains("start one with `tools/sesh devnet`, or pass --rpc-url"),
        "{unreachable:#}"
    );
    Ok(())
}

#[tokio::test]
async fn a_name_can_be_pointed_at_another_session_id() -> eyre::Result<()> {
    let sesh = Sesh::new("names").await?;
    session_devnet::scenario::refresh_price(&sesh.env.system).await?;
    let (first, second) = (format!("05{}", "01".repeat(32)), format!("05{}", "02".repeat(32)));
    sesh.run(2, &["names", "register", "carol", "--session-id", &first]).await?;
    sesh.run(2, &["names", "transfer", "carol", "--session-id", &second]).await?;
    let names = sesh.env.system.session_names()?;
    assert_eq!(alloy::hex::encode(names.resolve("carol".into()).call().await?), second);
    assert_eq!(sesh.allowance(2, *names.address()).await?, U256::ZERO);
    Ok(())
}

#[tokio::test]
async fn a_deposit_on_terms_the_operator_changed_or_before_the_operator_is_refused() -> eyre::Result<()> {
    let mut sesh = Sesh::new("terms").await?;
    let contract = sesh.half_funded(1, false).await?;
    let system = sesh.env.system.clone();
    let (staker, nonce) = (sesh.account(2), sesh.nonce(2).await?);
    // The contributor reads the terms; before its deposit lands the operator resets, takes its
    // refund, raises the fee to 100% and deposits again (the M-1 front-run of issue 14).
    let seen = system.contribution_terms(contract, staker).await?;
    let (clone, operator) = (system.contribution_at(contract), sesh.account(10));
    session_client::transact(clone.reset().from(operator), "resetting").await?;
    session_client::transact(clone.claimRefund().from(operator), "taking the refund").await?;
    session_client::transact(clone.updateFee(10_000).from(operator), "raising the fee").await?;
    system.contribute(&clone, operator, seen.contributed).await?;
    let changed = system.contribute_on_terms(&seen, staker, whole_sesh(5_000)).await.unwrap_err();
    assert!(matches!(&changed, Error::Refused { reason, .. } if reason.contains("fee 500 -> 10000 bps")), "{changed}");

    // A contract still waiting for its operator's stake takes nobody else's money.
    let keys = NodeKeys::derived(NETWORK_SEED, 2);
    let (waiting, _) = system.open_contribution(sesh.account(11), &keys, 0, false, vec![], None).await?;
    let early = system.contribute(&waiting, staker, whole_sesh(5_000)).await.unwrap_err();
    assert!(matches!(&early, Error::Refused { reason, .. } if reason.contains("waits for its operator")), "{early}");
    assert_eq!(sesh.nonce(2).await?, nonce, "no transaction was sent");
    assert_eq!(sesh.allowance(2, contract).await?, U256::ZERO);
    Ok(())
}
