//! The options every command shares, and what they resolve to: a provider, a signer, a manifest.

use alloy::{
    providers::{DynProvider, Provider, ProviderBuilder},
    signers::local::PrivateKeySigner,
    transports::http::reqwest::Url,
};
use clap::Args;
use eyre::{OptionExt, WrapErr};
use session_client::Deployment;
use session_client::Manifest;
use session_client::provider::signing_provider;
use session_devnet::toolchain::repo_root;
use std::path::PathBuf;

/// Global options.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// JSON-RPC endpoint of the L2 node.
    #[arg(long, global = true, env = "ETH_RPC_URL", default_value = "http://127.0.0.1:8545")]
    pub rpc_url: Url,
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
}

impl GlobalArgs {
    /// The signer given by `--private-key` or `--keystore`.
    pub fn signer(&self) -> eyre::Result<PrivateKeySigner> {
        if let Some(path) = &self.keystore {
            let password =
                self.password.as_deref().ok_or_eyre("--keystore needs --password (or SESH_KEYSTORE_PASSWORD)")?;
            return PrivateKeySigner::decrypt_keystore(path, password)
                .wrap_err_with(|| format!("opening the keystore {}", path.display()));
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
            None => ProviderBuilder::new().connect_http(self.rpc_url.clone()).erased(),
        }
    }

    /// The deployment named by `--deployment`, or the default manifest of the node's chain.
    pub async fn deployment(&self, provider: DynProvider) -> eyre::Result<Deployment> {
        let path = match &self.deployment {
            Some(path) => path.clone(),
            None => {
                let chain_id = provider.get_chain_id().await.wrap_err_with(|| format!("reaching {}", self.rpc_url))?;
                default_deployments_dir().join(format!("{chain_id}.json"))
            }
        };
        Ok(Deployment::attach(provider, Manifest::load(&path)?)?)
    }
}

/// Where manifests go unless told otherwise: `deployments/` of the repository.
pub fn default_deployments_dir() -> PathBuf {
    repo_root().join("deployments")
}
