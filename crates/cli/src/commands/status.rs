//! `sesh status`: the state of a deployment, read through its manifest.

use crate::context::GlobalArgs;
use clap::Args;
use session_client::status::SystemStatus;
use std::io::Write;

/// Options of `sesh status` (none beyond the global ones).
#[derive(Debug, Clone, Args)]
pub struct StatusArgs {}

/// Prints the status of the deployment at `--rpc-url`.
pub async fn run(global: &GlobalArgs, _args: StatusArgs) -> eyre::Result<()> {
    let deployment = global.deployment(global.provider(None)).await?;
    let status = SystemStatus::fetch(&deployment).await?;
    // Written, not printed: a closed pipe (`sesh status | head`) is an error to return, not a panic.
    let mut out = std::io::stdout().lock();
    write!(out, "{status}")?;
    out.flush()?;
    Ok(())
}
