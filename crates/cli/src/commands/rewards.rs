//! `sesh rewards`: what an address has earned across its nodes, and claiming it.

use crate::context::GlobalArgs;
use alloy::primitives::{Address, U256};
use clap::Subcommand;
use eyre::OptionExt;
use session_client::transact;
use session_client::units::format_sesh;
use session_client::units::parse_sesh;

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
        #[arg(long, requires = "node")]
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
            println!("{who}");
            for h in &holdings {
                println!(
                    "  node {:>4} {:<14} staker {} stake {:>20} SESH  claimable {:>20} SESH  withdrawable {:>20} SESH",
                    h.node_id,
                    h.status.as_words(),
                    h.staker,
                    format_sesh(h.stake),
                    format_sesh(h.claimable),
                    format_sesh(h.withdrawable)
                );
            }
            let claimable: U256 = holdings.iter().map(|h| h.claimable).sum();
            let withdrawable: U256 = holdings.iter().map(|h| h.withdrawable).sum();
            println!("  claimable now        {} SESH", format_sesh(claimable));
            println!("  after a distribution {} SESH", format_sesh(deployment.pending_rewards_of(who).await?));
            println!("  withdrawable stake   {} SESH", format_sesh(withdrawable));
        }
        RewardsCommand::Claim { node, staker, amount } => {
            let signer = global.signer()?;
            let me = signer.address();
            let deployment = global.deployment(global.provider(Some(signer))).await?;
            let paid = match (node, amount) {
                (Some(node), Some(text)) => {
                    let amount = parse_sesh(&text)?;
                    let call = deployment.registry.claimRewardsAmount(node, staker.unwrap_or(me), amount);
                    transact(call, "claiming rewards").await?;
                    amount
                }
                _ => deployment.claim_all(me).await?,
            };
            println!("claimed {} SESH", format_sesh(paid));
        }
    }
    Ok(())
}
