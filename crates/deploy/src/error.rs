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
    /// The run stopped on purpose (`Journal::stop_after`) before step `next`; resume with the
    /// same journal.
    #[error("deployment interrupted after {done} steps, before `{next}`: run it again to resume")]
    Interrupted {
        /// Steps done so far.
        done: usize,
        /// The step it stopped before.
        next: String,
    },
    /// The seed file cannot be read, or a node in it would be refused (nothing of it was sent).
    #[error("seeding: {0}")]
    Seeds(String),
    /// The journal cannot be read, written, or is another deployment's.
    #[error("deployment journal: {0}")]
    Journal(String),
    /// A transaction or a read failed.
    #[error(transparent)]
    Chain(#[from] session_client::Error),
}
