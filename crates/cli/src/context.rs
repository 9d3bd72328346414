//! The options every command shares, and what they resolve to: a provider, a signer, a manifest.

use alloy::signers::local::LocalSignerError;
use alloy::{
    providers::{DynProvider, Provider},
    signers::local::PrivateKeySigner,
};
use clap::Args;
use eth_keystore::KeystoreError;
use eyre::{OptionExt, WrapErr};
use session_client::Deployment;
use session_client::Manifest;
use session_client::endpoints::Endpoints;
use session_client::provider::{read_only_provider, signing_provider};
use session_devnet::toolchain::repo_root;
use std::{
    io::{IsTerminal, Write},
    path::PathBuf,
};

/// Where a local devnet listens.
pub const DEFAULT_RPC_URL: &str = "http://127.0.0.1:8545";

/// Global options.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// JSON-RPC endpoint of the L2 node; several, comma-separated, are tried in order when one
    /// fails (rate limits, outages, dropped connections).
    #[arg(long, global = true, env = "ETH_RPC_URL", default_value = DEFAULT_RPC_URL)]
    pub rpc_url: Endpoints,
    /// Private key that signs transactions (hex).
    #[arg(long, global = true, env = "SESH_PRIVATE_KEY", hide_env_values = true, conflicts_with = "keystore")]
    pub private_key: Option<String>,
    /// Encrypted JSON keystore (Web3 Secret Storage) holding the signing key.
    #[arg(long, global = true, env = "SESH_KEYSTORE")]
    pub keystore: Option<PathBuf>,
    /// Password of the keystore.
    #[arg(long, global = true, env = "SESH_KEYSTORE_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// Deployment manifest; defaults to `deployments/<chain-id>.json` in the repository.
    #[arg(long, global = true)]
    pub deployment: Option<PathBuf>,
    /// The most blocks one `eth_getLogs` request may cover (public endpoints refuse wide ranges).
    #[arg(long, global = true, default_value_t = session_client::logs::DEFAULT_LOG_RANGE)]
    pub log_range: u64,
    /// Do not ask before spending (for scripts); on a terminal, commands that move SESH ask.
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
    /// On failure, also print the error's chain of causes in full.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}

impl GlobalArgs {
    /// The signer given by `--private-key` or `--keystore`.
    pub fn signer(&self) -> eyre::Result<PrivateKeySigner> {
        if let Some(path) = &self.keystore {
            let password = match &self.password {
                Some(password) => password.clone(),
                None if std::io::stdin().is_terminal() => {
                    rpassword::prompt_password(format!("password of {}: ", path.display()))
                        .wrap_err("reading the keystore password")?
                }
                None => eyre::bail!("--keystore needs --password (or SESH_KEYSTORE_PASSWORD) when not on a terminal"),
            };
            return PrivateKeySigner::decrypt_keystore(path, password).map_err(|e| match e {
                LocalSignerError::EthKeystoreError(KeystoreError::MacMismatch) => {
                    eyre::eyre!("opening the keystore {}: wrong password", path.display())
                }
                other => eyre::eyre!("opening the keystore {}: {other}", path.display()),
            });
        }
        let key = self
            .private_key
            .as_deref()
            .ok_or_eyre("this command sends transactions: pass --private-key or --keystore")?;
        key.trim().parse().wrap_err("--private-key is not a 32-byte hex private key")
    }

    /// A provider that signs with `signer`, or a read-only one.
    pub fn provider(&self, signer: Option<PrivateKeySigner>) -> DynProvider {
        match signer {
            Some(signer) => signing_provider(signer, self.rpc_url.clone()),
            None => read_only_provider(self.rpc_url.clone()),
        }
    }

    /// The deployment named by `--deployment`, or the default manifest of the node's chain;
    /// refused when the manifest describes another chain than the node's.
    pub async fn deployment(&self, provider: DynProvider) -> eyre::Result<Deployment> {
        let chain_id = provider.get_chain_id().await.map_err(|e| {
            eyre::eyre!(
                "cannot reach the node at {} ({e}); start one with `tools/sesh devnet`, or pass --rpc-url (or ETH_RPC_URL)",
                self.rpc_url
            )
        })?;
        let path =
            self.deployment.clone().unwrap_or_else(|| default_deployments_dir().join(format!("{chain_id}.json")));
        let manifest = Manifest::load(&path)?;
        eyre::ensure!(
            manifest.chain_id == chain_id,
            "the manifest {} describes chain {}, but the node at {} is chain {chain_id}",
            path.display(),
            manifest.chain_id,
            self.rpc_url
        );
        let mut deployment = Deployment::attach(provider, manifest)?;
        deployment.log_range = self.log_range;
        Ok(deployment)
    }

    /// Shows what a command is about to do with the user's tokens and, on a terminal, asks before
    /// doing it (unless `--yes`). Scripts (no terminal) proceed; the plan is printed either way.
    pub fn confirm(&self, plan: &str) -> eyre::Result<()> {
        println!("{plan}");
        if self.yes || !std::io::stdin().is_terminal() {
            return Ok(());
        }
        print!("proceed? [y/N] ");
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        match answer.trim().to_ascii_lowercase().as_str() {
            "y" | "yes" => Ok(()),
            _ => eyre::bail!("cancelled: nothing was sent"),
        }
    }
}

/// Where manifests go unless told otherwise: `deployments/` of the repository.
pub fn default_deployments_dir() -> PathBuf {
    repo_root().join("deployments")
}
