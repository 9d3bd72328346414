//! `sesh node`: an operator's node: register it alone, ask it to leave, take the stake back.

use crate::{commands::keys::KeyFile, context::GlobalArgs, display::when};
use clap::Subcommand;
use session_client::units::{format_bps, format_sesh};
use session_client::{NodeStatus, staking::node_status, transact};
use std::path::PathBuf;

/// The delay of an exit by request, and a small staker's lock after registration (seeds: 30 days).
pub const THIRTY_DAYS: u64 = session_client::staking::EXIT_DELAY;

/// Node commands.
#[derive(Debug, Clone, Subcommand)]
pub enum NodeCommand {
    /// Register a solo node: the signer stakes the whole requirement.
    Register {
        /// Key file from `sesh keys generate`.
        #[arg(long)]
        keys: PathBuf,
        /// Operator fee in basis points (a solo node pays it to itself).
        #[arg(long, default_value_t = 0)]
        fee_bps: u16,
    },
    /// Ask node `ID` to leave (any contributor); with `--finalize`, complete the exit 30 days later.
    Exit {
        /// Registration id.
        #[arg(long)]
        node: u64,
        /// Complete a requested exit whose 30 days have passed (anyone may).
        #[arg(long)]
        finalize: bool,
    },
    /// Take back the signer's stake from every node that has exited or been liquidated.
    Withdraw,
    /// Evict node `ID`, which registered your node's Ed25519 key without holding it: the key
    /// file's Ed25519 key signs the eviction; you (or `--claimant`) get the liquidator part and
    /// the key for 7 days.
    Evict {
        /// The squatting node's registration id.
        #[arg(long)]
        node: u64,
        /// Key file from `sesh keys generate` holding the Ed25519 key the node squats.
        #[arg(long)]
        keys: PathBuf,
        /// Who registers the rightful node (default: the signer).
        #[arg(long)]
        claimant: Option<alloy::primitives::Address>,
    },
}

/// Runs a node command.
pub async fn run(global: &GlobalArgs, command: NodeCommand) -> eyre::Result<()> {
    let signer = global.signer()?;
    let me = signer.address();
    let deployment = global.deployment(global.provider(Some(signer))).await?;
    let registry = &deployment.registry;
    match command {
        NodeCommand::Register { keys, fee_bps } => {
            let keys = KeyFile::load(&keys)?.keys()?;
            let requirement = registry.stakingRequirement().call().await?;
            global.confirm(&format!(
                "registering a solo node for {me}: staking {} SESH, fee {}\n  the stake comes back when the node \
                 leaves: 30 days after an exit request, sooner if the network confirms the exit",
                format_sesh(requirement),
                format_bps(fee_bps.into())
            ))?;
            let (id, receipt) = deployment.register_solo(me, &keys, fee_bps).await?;
            println!("node {id} registered in block {}", receipt.block_number.unwrap_or_default());
        }
        NodeCommand::Exit { node, finalize } => {
            let info = deployment.node(node).await?;
            let status = node_status(info.status)?;
            match status {
                NodeStatus::None => eyre::bail!("there is no node {node}"),
                NodeStatus::Exited | NodeStatus::Liquidated => {
                    eyre::bail!("node {node} has already left ({status}); `sesh node withdraw` takes your stake back")
                }
                _ => {}
            }
            let requested = info.exitRequestedAt;
            if finalize {
                eyre::ensure!(requested != 0, "node {node} has no exit request: `sesh node exit --node {node}` first");
                let now = session_client::provider::now(&deployment.provider).await?;
                let from = requested + THIRTY_DAYS;
                eyre::ensure!(
                    now >= from,
                    "node {node}'s exit was requested on {}; it can be finalized from {}",
                    when(requested),
                    when(from)
                );
                deployment.finalize_exit(me, node).await?;
                println!("node {node} has left; its contributors can withdraw their stake (`sesh node withdraw`)");
            } else {
                if requested != 0 {
                    println!(
                        "node {node}'s exit was already requested on {}; asking again (the first request's date counts)",
                        when(requested)
                    );
                }
                transact(registry.requestExit(node), "requesting the exit").await?;
                let requested = deployment.node(node).await?.exitRequestedAt;
                println!(
                    "exit of node {node} requested on {}: the network confirms it, or anyone may finalize it from {}",
                    when(requested),
                    when(requested + THIRTY_DAYS)
                );
            }
        }
        NodeCommand::Evict { node, keys, claimant } => {
            let keys = KeyFile::load(&keys)?.keys()?;
            let record = deployment.lens.nodeRecord(node).call().await?;
            eyre::ensure!(
                record.ed25519Key.0 == keys.ed25519_public(),
                "node {node} holds Ed25519 key {}, not this key file's 0x{}",
                record.ed25519Key,
                alloy::hex::encode(keys.ed25519_public())
            );
            let status = node_status(record.status)?;
            eyre::ensure!(
                matches!(status, NodeStatus::Active | NodeStatus::Decommissioned),
                "node {node} is {status}: nothing to evict"
            );
            let claimant = claimant.unwrap_or(me);
            global.confirm(&format!(
                "evicting node {node} (operator {}), which registered your Ed25519 key: signing the eviction for {claimant}",
                record.operator
            ))?;
            deployment.evict_squatter(me, &keys, node, claimant).await?;
            println!(
                "node {node} evicted; the key is reserved for {claimant} for 7 days: register your node with `sesh node register` or a contribution contract"
            );
        }
        NodeCommand::Withdraw => {
            let (amount, receipts) = deployment.withdraw_all(me).await?;
            if receipts.is_empty() {
                println!("no stake to withdraw");
            } else {
                println!("withdrew {} SESH from {} node(s)", format_sesh(amount), receipts.len());
            }
        }
    }
    Ok(())
}
