//! `sesh node`: an operator's node: register it alone, ask it to leave, take the stake back.

use crate::{commands::keys::KeyFile, context::GlobalArgs};
use clap::Subcommand;
use eyre::WrapErr;
use session_client::transact;
use session_client::units::format_sesh;
use std::path::PathBuf;

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
}

/// Runs a node command.
pub async fn run(global: &GlobalArgs, command: NodeCommand) -> eyre::Result<()> {
    let signer = global.signer()?;
    let me = signer.address();
    let deployment = global.deployment(global.provider(Some(signer))).await?;
    let registry = &deployment.registry;
    match command {
        NodeCommand::Register { keys, fee_bps } => {
            let text = std::fs::read_to_string(&keys).wrap_err_with(|| format!("reading {}", keys.display()))?;
            let file: KeyFile = serde_json::from_str(&text).wrap_err("not a key file of `sesh keys generate`")?;
            let requirement = registry.stakingRequirement().call().await?;
            println!("registering a solo node for {me}: staking {} SESH", format_sesh(requirement));
            let (id, receipt) = deployment.register_solo(me, &file.keys()?, fee_bps).await?;
            println!("node {id} registered in block {}", receipt.block_number.unwrap_or_default());
        }
        NodeCommand::Exit { node, finalize: false } => {
            transact(registry.requestExit(node), "requesting the exit").await?;
            println!("exit of node {node} requested; the network confirms it, or anyone may finalize it in 30 days");
        }
        NodeCommand::Exit { node, finalize: true } => {
            deployment.finalize_exit(me, node).await?;
            println!("node {node} has left; its contributors can withdraw their stake");
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
