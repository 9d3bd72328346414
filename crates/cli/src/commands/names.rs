//! `sesh names`: Session Names that resolve to a Session account, priced in USD, paid in SESH.

use crate::context::GlobalArgs;
use alloy::primitives::{Address, U256};
use clap::{Args, Subcommand};
use session_client::Deployment;
use session_client::error::During;
use session_client::fees::format_usd;
use session_client::fees::parse_session_id;
use session_client::fees::with_slippage;
use session_client::transact;
use session_client::units::format_sesh;
use session_client::units::parse_sesh;

/// Session Names commands.
#[derive(Debug, Clone, Subcommand)]
pub enum NamesCommand {
    /// Register a name for a Session account.
    Register {
        /// The name (3..64 of a-z, 0-9 and '-'; upper case is lowered).
        name: String,
        /// The 33-byte Session ID it resolves to, hex (05...).
        #[arg(long)]
        session_id: String,
        /// Payment limit.
        #[command(flatten)]
        max: MaxSesh,
    },
    /// Extend a name you hold by one period (also during its grace period).
    Renew {
        /// The name.
        name: String,
        /// Payment limit.
        #[command(flatten)]
        max: MaxSesh,
    },
    /// The Session ID a name resolves to.
    Resolve {
        /// The name.
        name: String,
    },
    /// Give a name you hold to another address.
    Transfer {
        /// The name.
        name: String,
        /// The new holder.
        #[arg(long)]
        to: Address,
    },
}

/// The most SESH to pay.
#[derive(Debug, Clone, Args)]
pub struct MaxSesh {
    /// Most SESH to pay; defaults to the quote plus 1%.
    #[arg(long)]
    pub max_sesh: Option<String>,
}

/// Prints the quote and approves the payment; returns the limit.
async fn quote_and_approve(deployment: &Deployment, name: &str, max: &MaxSesh) -> eyre::Result<U256> {
    let names = deployment.session_names()?;
    let normalized = names.normalize(name.to_string()).call().await.during("reading Session Names")?;
    let quote = names.quoteName(name.to_string()).call().await.during("reading Session Names")?;
    let limit = match &max.max_sesh {
        Some(text) => parse_sesh(text)?,
        None => with_slippage(quote.sesh, 100),
    };
    println!(
        "{normalized}: {} = {} SESH at the current price (paying at most {} SESH)",
        format_usd(quote.usdPrice),
        format_sesh(quote.sesh),
        format_sesh(limit)
    );
    transact(deployment.token.approve(*names.address(), limit), "approving the payment").await?;
    Ok(limit)
}

/// Runs a Names command.
pub async fn run(global: &GlobalArgs, command: NamesCommand) -> eyre::Result<()> {
    if let NamesCommand::Resolve { name } = &command {
        let deployment = global.deployment(global.provider(None)).await?;
        let id = deployment.session_names()?.resolve(name.clone()).call().await.during("reading Session Names")?;
        match id.is_empty() {
            true => println!("{name} does not resolve (free, expired or in its grace period)"),
            false => println!("{name} -> {}", alloy::hex::encode(&id)),
        }
        return Ok(());
    }
    let signer = global.signer()?;
    let deployment = global.deployment(global.provider(Some(signer))).await?;
    let names = deployment.session_names()?;
    match command {
        NamesCommand::Register { name, session_id, max } => {
            let id = parse_session_id(&session_id)?;
            let limit = quote_and_approve(&deployment, &name, &max).await?;
            transact(names.register(name.clone(), id, limit), "registering the name").await?;
            println!("registered {name}; expires {}", names.recordOf(name.clone()).call().await?.expiry);
        }
        NamesCommand::Renew { name, max } => {
            let limit = quote_and_approve(&deployment, &name, &max).await?;
            transact(names.renew(name.clone(), limit), "renewing the name").await?;
            println!("renewed {name}; expires {}", names.recordOf(name.clone()).call().await?.expiry);
        }
        NamesCommand::Transfer { name, to } => {
            transact(names.transfer(name.clone(), to), "transferring the name").await?;
            println!("{name} now belongs to {to}");
        }
        NamesCommand::Resolve { .. } => unreachable!("handled above"),
    }
    Ok(())
}
