//! A read-only snapshot of a deployment: what the devnet prints and `sesh status` shows.

use crate::{deploy::Deployment, units::format_sesh};
use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use std::fmt;

/// The numbers an operator or a frontend wants first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemStatus {
    /// The chain's id.
    pub chain_id: u64,
    /// Latest block number.
    pub block: u64,
    /// Latest block timestamp.
    pub timestamp: u64,
    /// SESH in existence, atomic units.
    pub total_supply: U256,
    /// SESH held by the reward pool, atomic units.
    pub pool_balance: U256,
    /// What one day of accrual pays at the current balance, atomic units.
    pub release_per_day: U256,
    /// Accrued and not yet paid out, atomic units.
    pub pending_release: U256,
    /// Receiver of the pool's payouts (zero until the staking registry is named).
    pub beneficiary: Address,
    /// Active nodes sharing the release.
    pub network_size: u64,
}

impl SystemStatus {
    /// Reads the status from the chain.
    pub async fn fetch(deployment: &Deployment) -> eyre::Result<Self> {
        let block = deployment.provider.get_block_number().await?;
        let header = deployment
            .provider
            .get_block_by_number(block.into())
            .await?
            .ok_or_else(|| eyre::eyre!("block {block} not found"))?;
        let pool = &deployment.reward_pool;
        Ok(Self {
            chain_id: deployment.manifest.chain_id,
            block,
            timestamp: header.header.timestamp,
            total_supply: deployment.token.totalSupply().call().await?,
            pool_balance: deployment.token.balanceOf(*pool.address()).call().await?,
            release_per_day: pool.releasePerDay().call().await?,
            pending_release: pool.pendingRelease().call().await?,
            beneficiary: pool.beneficiary().call().await?,
            network_size: 0,
        })
    }

    /// Each active node's share of one day of release, if any node is active.
    pub fn reward_per_node_per_day(&self) -> Option<U256> {
        (self.network_size > 0).then(|| self.release_per_day / U256::from(self.network_size))
    }
}

impl fmt::Display for SystemStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Session staking on chain {} at block {} (time {})", self.chain_id, self.block, self.timestamp)?;
        writeln!(f, "  SESH total supply        {:>24} SESH", format_sesh(self.total_supply))?;
        writeln!(f, "  reward pool balance      {:>24} SESH", format_sesh(self.pool_balance))?;
        writeln!(f, "  release per day (15.1%)  {:>24} SESH", format_sesh(self.release_per_day))?;
        writeln!(f, "  accrued, not paid out    {:>24} SESH", format_sesh(self.pending_release))?;
        let beneficiary =
            if self.beneficiary == Address::ZERO { "not set".to_string() } else { self.beneficiary.to_string() };
        writeln!(f, "  pool beneficiary         {beneficiary:>24}")?;
        writeln!(f, "  network size             {:>24} nodes", self.network_size)?;
        match self.reward_per_node_per_day() {
            Some(reward) => writeln!(f, "  reward per node per day  {:>24} SESH", format_sesh(reward)),
            None => writeln!(
                f,
                "  reward per node per day  {:>24} (no active node; one node would earn {} SESH)",
                "-",
                format_sesh(self.release_per_day)
            ),
        }
    }
}
