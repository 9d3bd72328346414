//! `sesh pro`: Session Pro subscriptions, priced in USD and paid in SESH.

use crate::{context::GlobalArgs, display::when};
use clap::{Args, Subcommand};
use session_client::error::During;
use session_client::fees::format_usd;
use session_client::fees::parse_session_id;
use session_client::fees::with_slippage;
use session_client::transact;
use session_client::units::format_sesh;
use session_client::units::parse_sesh;

/// Session Pro commands.
#[derive(Debug, Clone, Subcommand)]
pub enum ProCommand {
    /// Subscribe (or renew: the expiry extends) a Session account to a plan.
    Subscribe(SubscribeArgs),
    /// Whether a Session account has Pro, and until when.
    Status {
        /// The 33-byte Session ID, hex (05...).
        #[arg(long)]
        session_id: String,
    },
}

/// Options of `sesh pro subscribe`.
#[derive(Debug, Clone, Args)]
pub struct SubscribeArgs {
    /// The 33-byte Session ID, hex (05...).
    #[arg(long)]
    pub session_id: String,
    /// The plan's id.
    #[arg(long, default_value_t = 1)]
    pub plan: u64,
    /// Most SESH to pay; defaults to the quote plus 1%.
    #[arg(long, allow_hyphen_values = true)]
    pub max_sesh: Option<String>,
}

/// Runs a Pro command.
pub async fn run(global: &GlobalArgs, command: ProCommand) -> eyre::Result<()> {
    match command {
        ProCommand::Status { session_id } => {
            let deployment = global.deployment(global.provider(None)).await?;
            let pro = deployment.session_pro()?;
            let id = parse_session_id(&session_id)?;
            let expiry = pro.proExpiry(id.clone()).call().await?;
            match pro.isPro(id).call().await? {
                true => println!("Pro until {}", when(expiry)),
                false if expiry > 0 => println!("not Pro: expired on {}", when(expiry)),
                false => println!("not Pro: never subscribed"),
            }
            Ok(())
        }
        ProCommand::Subscribe(args) => {
            let signer = global.signer()?;
            let payer = signer.address();
            let deployment = global.deployment(global.provider(Some(signer))).await?;
            let pro = deployment.session_pro()?;
            let id = parse_session_id(&args.session_id)?;
            let plan = alloy::primitives::U256::from(args.plan);
            let quote = pro.quotePlan(plan).call().await.during("reading Session Pro")?;
            let max = match &args.max_sesh {
                Some(text) => parse_sesh(text)?,
                None => with_slippage(quote.sesh, 100),
            };
            global.confirm(&format!(
                "Session Pro plan {}: {} = {} SESH at the current price (paying at most {} SESH)",
                args.plan,
                format_usd(quote.usdPrice),
                format_sesh(quote.sesh),
                format_sesh(max)
            ))?;
            let call = pro.subscribe(id.clone(), plan, max).from(payer);
            let action = "subscribing";
            let receipt =
                deployment.spend(payer, *pro.address(), max, action, async || transact(call, action).await).await?;
            let paid = receipt
                .decoded_log::<session_bindings::session_pro::SessionPro::Subscribed>()
                .map(|e| format!(", paid {} SESH", format_sesh(e.seshPaid)))
                .unwrap_or_default();
            let expiry = pro.proExpiry(id).call().await?;
            println!("subscribed by {payer}: Pro until {}{paid}", when(expiry));
            Ok(())
        }
    }
}
