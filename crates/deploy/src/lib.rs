//! The one deployment path of the system, used by the tests, the CLI (`sesh deploy`) and the
//! devnet: token with its genesis mint, reward pool, consensus and staking registries behind
//! ERC-1967 proxies, the registry named the pool's beneficiary and started, the registry's lens,
//! the contribution factory named the registry's, the fee contracts, and the manifest.
//! The genesis config it deploys from is [`genesis`]; the fee part is [`fees`].

pub mod create;
pub mod distribution;
pub mod error;
pub mod fees;
pub mod genesis;
pub mod journal;
pub mod networks;
pub mod preflight;
pub mod seeds;
pub mod system;
pub mod uniswap;
pub mod verification;

pub use create::create;
pub use error::{DeployError, Result};
pub use genesis::GenesisConfig;
pub use journal::Journal;
pub use system::{Launch, deploy, deploy_with};
