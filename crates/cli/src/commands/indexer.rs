//! `sesh indexer` (and `sesh portal`): follows a deployment's events into an SQLite file and
//! serves the HTTP JSON API over it (docs/api.md) under `/api`, with the built portal page at `/`
//! when there is one. `sesh devnet` starts the same.

use crate::context::GlobalArgs;
use clap::Args;
use session_client::Deployment;
use session_indexer::{api, follower::Follower, store::Store};
use std::{path::PathBuf, sync::Arc, time::Duration};

/// Options of `sesh indexer` / `sesh portal`.
#[derive(Debug, Clone, Args)]
pub struct IndexerArgs {
    /// The index file (SQLite); created if missing, resumed otherwise.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Port of the HTTP API (and the portal page).
    #[arg(long, default_value_t = 8547)]
    pub port: u16,
    /// Blocks the index stays behind the head: a reorg shallower than this never reaches it.
    #[arg(long, default_value_t = 20)]
    pub confirmations: u64,
    /// Seconds between two passes over new blocks.
    #[arg(long, default_value_t = 2)]
    pub interval: u64,
    /// The built portal page to serve at `/` (default: portal/dist when it exists).
    #[arg(long)]
    pub page: Option<PathBuf>,
}

/// The portal page's build output, if it was built.
pub fn default_page() -> Option<PathBuf> {
    let dir = session_devnet::toolchain::repo_root().join("portal/dist");
    dir.join("index.html").exists().then_some(dir)
}

/// Starts following `deployment` into `db` and serving on `port`; returns when either stops.
pub async fn serve(
    deployment: Deployment,
    db: PathBuf,
    port: u16,
    confirmations: u64,
    interval: Duration,
    page: Option<PathBuf>,
) -> eyre::Result<()> {
    let store = Arc::new(Store::open(&db)?);
    let deployment = Arc::new(deployment);
    let follower = Follower::new(deployment.clone(), store.clone(), confirmations)?;
    let pass = follower.sync().await?;
    println!("index {}: {} events to block {}", db.display(), pass.events, pass.indexed_to);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| eyre::eyre!("port {port} is taken ({e}): pass --port"))?;
    println!(
        "API at http://127.0.0.1:{port}/api/info{}",
        if page.is_some() { format!(", portal at http://127.0.0.1:{port}/") } else { String::new() }
    );
    let api = api::Api { store, deployment };
    tokio::select! {
        served = api::serve(api, listener, page) => served,
        followed = follower.run(interval) => followed,
    }
}

/// Runs `sesh indexer`.
pub async fn run(global: &GlobalArgs, args: IndexerArgs) -> eyre::Result<()> {
    let deployment = global.deployment(global.provider(None)).await?;
    let db = args.db.unwrap_or_else(|| {
        crate::context::default_deployments_dir().join(format!("index-{}.sqlite", deployment.manifest.chain_id))
    });
    let page = args.page.or_else(default_page);
    tokio::select! {
        served = serve(deployment, db, args.port, args.confirmations, Duration::from_secs(args.interval), page) => served,
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}
