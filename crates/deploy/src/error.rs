//! Why a deployment failed.

use crate::genesis::GenesisError;

/// The deployment's result.
pub type Result<T, E = DeployError> = std::result::Result<T, E>;

/// Why a deployment failed: a refused config (before anything is sent), or a transaction.
#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    /// The genesis config breaks a supply rule.
    #[error(transparent)]
    Genesis(#[from] GenesisError),
    /// The fee settings cannot be deployed (a price that does not parse or fit).
    #[error("fee settings: {0}")]
    Fees(String),
    /// The chain cannot run the system, or the deployer cannot pay for it (nothing was sent).
    #[error("the chain is not ready for a deployment (nothing was sent): {}", .0.join("; "))]
    Preflight(Vec<String>),
    /// A transaction or a read failed.
    #[error(transparent)]
    Chain(#[from] session_client::Error),
}
