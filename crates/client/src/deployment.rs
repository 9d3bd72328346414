//! Handles on a deployed system, named by its manifest.

use crate::{
    error::{During, Result},
    manifest::Manifest,
};
use alloy::providers::DynProvider;
use session_bindings::{
    ConsensusRegistry, ContributionFactory, DevnetPriceFeed, RewardPool, SessionNames, SessionPro, SessionToken,
    StakingLens, StakingRegistry,
};

/// Handles on a deployed system: one per contract address, each with that contract's ABI.
#[derive(Debug, Clone)]
pub struct Deployment {
    /// The provider the handles send through.
    pub provider: DynProvider,
    /// The SESH token.
    pub token: SessionToken::SessionTokenInstance<DynProvider>,
    /// The staking reward pool (proxy).
    pub reward_pool: RewardPool::RewardPoolInstance<DynProvider>,
    /// The staking registry (proxy): every state change of nodes and positions, and the reads a
    /// contract needs.
    pub registry: StakingRegistry::StakingRegistryInstance<DynProvider>,
    /// The registry's lens, at its own address: nodes with their positions, page by page, and
    /// the figures a frontend shows (reward per node per day, APR).
    pub lens: StakingLens::StakingLensInstance<DynProvider>,
    /// The consensus registry (proxy): node BLS keys, their aggregate, signature checks.
    pub consensus: ConsensusRegistry::ConsensusRegistryInstance<DynProvider>,
    /// The factory of contribution contracts (multi-contributor nodes).
    pub factory: ContributionFactory::ContributionFactoryInstance<DynProvider>,
    /// Where everything lives.
    pub manifest: Manifest,
    /// The most blocks one `eth_getLogs` request covers (see [`crate::logs`]).
    pub log_range: u64,
}

impl Deployment {
    /// Handles on an existing deployment described by `manifest`.
    pub fn attach(provider: DynProvider, manifest: Manifest) -> Result<Self> {
        Ok(Self {
            token: SessionToken::new(manifest.address("SessionToken")?, provider.clone()),
            reward_pool: RewardPool::new(manifest.address("RewardPool")?, provider.clone()),
            registry: StakingRegistry::new(manifest.address("StakingRegistry")?, provider.clone()),
            lens: StakingLens::new(manifest.address("StakingLens")?, provider.clone()),
            consensus: ConsensusRegistry::new(manifest.address("ConsensusRegistry")?, provider.clone()),
            factory: ContributionFactory::new(manifest.address("ContributionFactory")?, provider.clone()),
            provider,
            manifest,
            log_range: crate::logs::DEFAULT_LOG_RANGE,
        })
    }

    /// The Session Pro contract (only in deployments with network fees).
    pub fn session_pro(&self) -> Result<SessionPro::SessionProInstance<DynProvider>> {
        Ok(SessionPro::new(self.manifest.address("SessionPro")?, self.provider.clone()))
    }

    /// The Session Names contract (only in deployments with network fees).
    pub fn session_names(&self) -> Result<SessionNames::SessionNamesInstance<DynProvider>> {
        Ok(SessionNames::new(self.manifest.address("SessionNames")?, self.provider.clone()))
    }

    /// The devnet's settable price feed.
    pub fn devnet_price_feed(&self) -> Result<DevnetPriceFeed::DevnetPriceFeedInstance<DynProvider>> {
        Ok(DevnetPriceFeed::new(self.manifest.address("DevnetPriceFeed")?, self.provider.clone()))
    }

    /// The contracts of [`Manifest::awaiting_acceptance`] whose ownership the manifest's owner
    /// has still not accepted, read on chain (`pendingOwner`).
    pub async fn awaiting_owner(&self) -> Result<Vec<String>> {
        let mut pending = Vec::new();
        for name in &self.manifest.awaiting_acceptance {
            // Every upgradeable contract shares OwnedUpgradeable's Ownable2Step functions: the
            // pool's binding reads any of them.
            let owned = RewardPool::new(self.manifest.address(name)?, self.provider.clone());
            let pending_owner = owned.pendingOwner().call().await.during(&format!("reading {name}'s pending owner"))?;
            if pending_owner == self.manifest.owner {
                pending.push(name.clone());
            }
        }
        Ok(pending)
    }

    /// Whether the deployment has the network fee contracts.
    pub fn has_fees(&self) -> bool {
        self.manifest.contracts.contains_key("SessionPro")
    }
}
