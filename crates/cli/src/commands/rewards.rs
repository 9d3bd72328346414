//! `sesh rewards`: what an address has earned across its nodes, and claiming it.

use crate::context::GlobalArgs;
use alloy::primitives::Address;
use clap::Subcommand;
use eyre::OptionExt;
use session_sdk::{
    revert::transact,
    units::{format_sesh, parse_sesh},
};

/// Rewards commands.
#[derive(Debug, Clone, Subcommand)]
pub enum RewardsCommand {
    /// Pending rewards, claimable rewards and unlocked stake of an address (default: the signer).
    Show {
        /// The beneficiary to look at.
        #[arg(long)]
        address: Option<Address>,
    },
    /// Claim the signer's rewards: all, or `--amount` SESH.
    Claim {
        /// SESH to claim; the rest stays claimable.
        #[arg(long)]
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
            let registry = &deployment.registry;
            let nodes = registry.nodeIdsOf(who).call().await?;
            println!("{who}");
            println!("  nodes                {nodes:?}");
            println!("  rewards (all)        {} SESH", format_sesh(registry.pendingRewards(who).call().await?));
            println!("  already credited     {} SESH", format_sesh(registry.claimableRewards(who).call().await?));
            println!("  unlocked stake       {} SESH", format_sesh(registry.withdrawableStake(who).call().await?));
        }
        RewardsCommand::Claim { amount } => {
            let signer = global.signer()?;
            let me = signer.address();
            let deployment = global.deployment(global.provider(Some(signer))).await?;
            let registry = &deployment.registry;
            let before = deployment.token.balanceOf(me).call().await?;
            match amount {
                Some(text) => transact(registry.claimRewards_0(parse_sesh(&text)?), "claiming rewards").await?,
                None => transact(registry.claimRewards_1(), "claiming rewards").await?,
            };
            let paid = deployment.token.balanceOf(me).call().await? - before;
            println!("claimed {} SESH", format_sesh(paid));
        }
    }
    Ok(())
}
