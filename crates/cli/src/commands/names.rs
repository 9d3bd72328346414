//! `sesh names`: Session Names that resolve to a Session account, priced in USD, paid in SESH.

use crate::{context::GlobalArgs, display::when};
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
    /// Give a name you hold to another address, and/or point it at another Session ID.
    Transfer {
        /// The name.
        name: String,
        /// The new holder.
        #[arg(long, required_unless_present = "session_id")]
        to: Option<Address>,
        /// The 33-byte Session ID (hex, 05...) the name resolves to from now on.
        #[arg(long)]
        session_id: Option<String>,
    },
}

/// The most SESH to pay.
#[derive(Debug, Clone, Args)]
pub struct MaxSesh {
    /// Most SESH to pay; defaults to the quote plus 1%.
    #[arg(long, allow_hyphen_values = true)]
    pub max_sesh: Option<String>,
}

/// The quote of `name` and the most the payment may take, shown and confirmed before paying.
async fn quote(
    global: &GlobalArgs,
    deployment: &Deployment,
    name: &str,
    what: &str,
    max: &MaxSesh,
) -> eyre::Result<U256> {
    let names = deployment.session_names()?;
    let normalized = names.normalize(name.to_string()).call().await.during("reading Session Names")?;
    let quote = names.quoteName(name.to_string()).call().await.during("reading Session Names")?;
    let limit = match &max.max_sesh {
        Some(text) => parse_sesh(text)?,
        None => with_slippage(quote.sesh, 100),
    };
    global.confirm(&format!(
        "{what} {normalized}: {} = {} SESH at the current price (paying at most {} SESH)",
        format_usd(quote.usdPrice),
        format_sesh(quote.sesh),
        format_sesh(limit)
    ))?;
    Ok(limit)
}

/// Runs a Names command.
pub async fn run(global: &GlobalArgs, command: NamesCommand) -> eyre::Result<()> {
    if let NamesCommand::Resolve { name } = &command {
        let deployment = global.deployment(global.provider(None)).await?;
        let names = deployment.session_names()?;
        let id = names.resolve(name.clone()).call().await.during("reading Session Names")?;
        match id.is_empty() {
            true => println!("{name} does not resolve (free, expired or in its grace period)"),
            false => {
                let expiry = names.recordOf(name.clone()).call().await.during("reading Session Names")?.expiry;
                println!("{name} -> {} (until {})", alloy::hex::encode(&id), when(expiry));
            }
        }
        return Ok(());
    }
    let signer = global.signer()?;
    let me = signer.address();
    let deployment = global.deployment(global.provider(Some(signer))).await?;
    let names = deployment.session_names()?;
    let expiry = async |name: &str| -> eyre::Result<String> {
        let record = names.recordOf(name.to_string()).call().await.during("reading Session Names")?;
        Ok(when(record.expiry))
    };
    match command {
        NamesCommand::Register { name, session_id, max } => {
            let id = parse_session_id(&session_id)?;
            let limit = quote(global, &deployment, &name, "registering", &max).await?;
            let action = "registering the name";
            let call = names.register(name.clone(), id, limit).from(me);
            deployment.spend(me, *names.address(), limit, action, async || transact(call, action).await).await?;
            println!("registered {name} until {}", expiry(&name).await?);
        }
        NamesCommand::Renew { name, max } => {
            let limit = quote(global, &deployment, &name, "renewing", &max).await?;
            let action = "renewing the name";
            let call = names.renew(name.clone(), limit).from(me);
            deployment.spend(me, *names.address(), limit, action, async || transact(call, action).await).await?;
            println!("renewed {name} until {}", expiry(&name).await?);
        }
        NamesCommand::Transfer { name, to, session_id } => {
            if let Some(text) = session_id {
                let id = parse_session_id(&text)?;
                transact(names.setTarget(name.clone(), id), "pointing the name at the Session ID").await?;
                println!("{name} now resolves to {}", text.trim().trim_start_matches("0x"));
            }
            if let Some(to) = to {
                transact(names.transfer(name.clone(), to), "transferring the name").await?;
                println!("{name} now belongs to {to}");
            }
        }
        NamesCommand::Resolve { .. } => unreachable!("handled above"),
    }
    Ok(())
}
