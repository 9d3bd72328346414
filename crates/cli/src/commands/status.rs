//! `sesh status`: the state of a deployment, read through its manifest.

use crate::context::GlobalArgs;
use clap::Args;
use session_client::status::SystemStatus;

/// Options of `sesh status` (none beyond the global ones).
#[derive(Debug, Clone, Args)]
pub struct StatusArgs {}

/// Prints the status of the deployment at `--rpc-url`.
pub async fn run(global: &GlobalArgs, _args: StatusArgs) -> eyre::Result<()> {
    let deployment = global.deployment(global.provider(None)).await?;
    print!("{}", SystemStatus::fetch(&deployment).await?);
    Ok(())
}
