//! `sesh rewards`: what an address has earned across its nodes, and claiming it.

use crate::{commands::node::THIRTY_DAYS, context::GlobalArgs, display::when};
use alloy::primitives::{Address, U256};
use clap::Subcommand;
use eyre::OptionExt;
use session_client::transact;
use session_client::units::format_sesh;
use session_client::units::parse_sesh;
use session_client::{
    NodeStatus,
    rewards::Holding,
    staking::{NodeInfo, node_state},
};

/// Rewards commands.
#[derive(Debug, Clone, Subcommand)]
pub enum RewardsCommand {
    /// Positions, claimable and pending rewards, and withdrawable stake of an address (default:
    /// the signer).
    Show {
        /// The staker or beneficiary to look at.
        #[arg(long)]
        address: Option<Address>,
    },
    /// Claim the signer's rewards: everything across its nodes (after distributing), or
    /// `--amount` SESH from the position of `--staker` in node `--node`, whose beneficiary the
    /// signer must be.
    Claim {
        /// With `--amount`: the node to claim from.
        #[arg(long, requires = "amount")]
        node: Option<u64>,
        /// With `--node`: the staker whose position pays (default: the signer).
        #[arg(long, requires = "node")]
        staker: Option<Address>,
        /// SESH to claim; the rest stays claimable.
        #[arg(long, allow_hyphen_values = true, requires = "node")]
        amount: Option<String>,
    },
}

/// Runs a rewards command.
pub async fn run(global: &GlobalArgs, command: RewardsCommand) -> eyre::Result<()> {
    match command {
        RewardsCommand::Show { address } => {
            let signer = global.signer().ok();
            let who = address.or(signer.as_ref().map(|s| s.address())).ok_or_eyre("pass --address or a signer")?;
            let deployment = global.deployment(global.provider(None)).await?;
            let holdings = deployment.holdings_of(who).await?;
            let now = session_client::provider::now(&deployment.provider).await?;
            println!("{who}");
            for h in &holdings {
                let node = deployment.node(h.node_id).await?;
                println!(
                    "  node {:>4} {:<14} staker {} stake {:>20} SESH  claimable {:>20} SESH  withdrawable {:>20} SESH",
                    h.node_id,
                    node_state(h.status, node.exitRequestedAt),
                    h.staker,
                    format_sesh(h.stake),
                    format_sesh(h.claimable),
                    format_sesh(h.withdrawable)
                );
                for line in timers(h, &node, now) {
                    println!("             {line}");
                }
            }
            let claimable: U256 = holdings.iter().map(|h| h.claimable).sum();
            let withdrawable: U256 = holdings.iter().map(|h| h.withdrawable).sum();
            println!("  claimable now        {} SESH", format_sesh(claimable));
            println!("  after a distribution {} SESH", format_sesh(deployment.pending_rewards_of(who).await?));
            println!("  withdrawable stake   {} SESH", format_sesh(withdrawable));
            for (contract, amount) in deployment.refunds_of(who).await? {
                println!(
                    "  refund owed          {} SESH by {contract}: `sesh contribution refund --contract {contract}`",
                    format_sesh(amount)
                );
            }
        }
        RewardsCommand::Claim { node, staker, amount } => {
            let signer = global.signer()?;
            let me = signer.address();
            let deployment = global.deployment(global.provider(Some(signer))).await?;
            match (node, amount) {
                (Some(node), Some(text)) => {
                    let amount = parse_sesh(&text)?;
                    let call = deployment.registry.claimRewardsAmount(node, staker.unwrap_or(me), amount);
                    transact(call, "claiming rewards").await?;
                    println!("claimed {} SESH", format_sesh(amount));
                }
                _ => match deployment.claim_all(me).await? {
                    paid if paid.is_zero() => println!("nothing to claim for {me}: no transaction sent"),
                    paid => println!("claimed {} SESH", format_sesh(paid)),
                },
            }
        }
    }
    Ok(())
}

/// The dates that matter for position `h` in `node` at time `now`: when its exit was requested and
/// can be finalized, and until when a small staker cannot ask to leave.
fn timers(h: &Holding, node: &NodeInfo, now: u64) -> Vec<String> {
    let mut lines = Vec::new();
    let registered = matches!(h.status, NodeStatus::Active | NodeStatus::Decommissioned);
    if registered && node.exitRequestedAt != 0 {
        lines.push(format!(
            "exit requested on {}; can be finalized from {}",
            when(node.exitRequestedAt),
            when(node.exitRequestedAt + THIRTY_DAYS)
        ));
    }
    let small = h.stake * U256::from(4) < node.deposit;
    let unlock = node.registeredAt + THIRTY_DAYS;
    if registered && small && now < unlock {
        lines.push(format!("small staker: can ask to leave from {}", when(unlock)));
    }
    lines
}
