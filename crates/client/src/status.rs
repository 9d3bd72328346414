//! A read-only snapshot of a deployment: what the devnet prints and `sesh status` shows.

use crate::{
    NodeStatus,
    deployment::Deployment,
    error::{During, Error, Result},
    staking::node_status,
    units::{format_bps, format_sesh},
};
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
    /// The registry's reward per active node per day, atomic units.
    pub reward_per_node_per_day: U256,
    /// APR estimate of a full stake, basis points.
    pub apr_bps: U256,
    /// Stake a node needs, atomic units.
    pub staking_requirement: U256,
    /// The factory whose contribution contracts the registry accepts (zero: none).
    pub contribution_factory: Address,
    /// Whether that is the manifest's factory: if not, the manifest's contracts can never finalize.
    pub factory_accepted: bool,
    /// Every registered node, in registration order.
    pub nodes: Vec<NodeRow>,
    /// Contracts offered to the owner at deployment that it has not accepted yet (read on chain).
    pub awaiting_owner: Vec<String>,
}

/// One line of the nodes table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeRow {
    /// Registration id.
    pub id: u64,
    /// Active, exited, ...
    pub status: NodeStatus,
    /// When its exit was requested (0: never).
    pub exit_requested_at: u64,
    /// The operator.
    pub operator: Address,
    /// Number of contributors, operator included.
    pub contributors: usize,
    /// Operator fee, basis points.
    pub fee_bps: u16,
    /// Everything the node has earned (as of the last distribution), atomic units.
    pub earned: U256,
    /// Of which not yet claimed, atomic units.
    pub unclaimed: U256,
}

impl SystemStatus {
    /// Reads the status from the chain.
    pub async fn fetch(deployment: &Deployment) -> Result<Self> {
        let action = "reading the status";
        let block = deployment.provider.get_block_number().await.during(action)?;
        let header = deployment
            .provider
            .get_block_by_number(block.into())
            .await
            .during(action)?
            .ok_or_else(|| Error::unexpected(action, format!("block {block} not found")))?;
        let pool = &deployment.reward_pool;
        let registry = &deployment.registry;
        let lens = &deployment.lens;
        let contribution_factory = lens.contributionFactory().call().await.during(action)?;
        let nodes = deployment
            .all_nodes()
            .await?
            .into_iter()
            .map(|node| {
                Ok(NodeRow {
                    id: node.nodeId,
                    status: node_status(node.status)?,
                    exit_requested_at: node.exitRequestedAt,
                    operator: node.operator,
                    contributors: node.contributors.len(),
                    fee_bps: node.feeBps,
                    earned: node.earned,
                    unclaimed: node.contributors.iter().map(|p| p.claimable).sum(),
                })
            })
            .collect::<Result<_>>()?;
        Ok(Self {
            chain_id: deployment.manifest.chain_id,
            block,
            timestamp: header.header.timestamp,
            total_supply: deployment.token.totalSupply().call().await.during(action)?,
            pool_balance: deployment.token.balanceOf(*pool.address()).call().await.during(action)?,
            release_per_day: pool.releasePerDay().call().await.during(action)?,
            pending_release: pool.pendingRelease().call().await.during(action)?,
            beneficiary: pool.beneficiary().call().await.during(action)?,
            network_size: lens.networkSize().call().await.during(action)?.to::<u64>(),
            reward_per_node_per_day: lens.rewardPerNodePerDay().call().await.during(action)?,
            apr_bps: lens.aprBps().call().await.during(action)?,
            staking_requirement: registry.stakingRequirement().call().await.during(action)?,
            contribution_factory,
            factory_accepted: contribution_factory == *deployment.factory.address(),
            nodes,
            awaiting_owner: deployment.awaiting_owner().await?,
        })
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
        writeln!(f, "  staking requirement      {:>24} SESH", format_sesh(self.staking_requirement))?;
        let factory = self.contribution_factory.to_string();
        let verdict = if self.factory_accepted { "" } else { " (not the manifest's, whose contracts cannot finalize)" };
        writeln!(f, "  contribution factory     {factory:>24}{verdict}")?;
        if !self.awaiting_owner.is_empty() {
            writeln!(f, "  awaiting the owner's acceptOwnership: {}", self.awaiting_owner.join(", "))?;
        }
        writeln!(f, "  network size             {:>24} nodes", self.network_size)?;
        if self.network_size == 0 {
            writeln!(f, "  reward per node per day  {:>24} (no active node yet)", "-")?;
        } else {
            writeln!(f, "  reward per node per day  {:>24} SESH", format_sesh(self.reward_per_node_per_day))?;
            writeln!(f, "  APR of a full stake      {:>27}", format_bps(self.apr_bps.saturating_to()))?;
        }
        if !self.nodes.is_empty() {
            writeln!(
                f,
                "\n  {:>4}  {:<14} {:<42} {:>5} {:>7} {:>20} {:>20}",
                "id", "status", "operator", "contr", "fee", "earned SESH", "unclaimed SESH"
            )?;
            for n in &self.nodes {
                writeln!(
                    f,
                    "  {:>4}  {:<14} {:<42} {:>5} {:>7} {:>20} {:>20}",
                    n.id,
                    crate::staking::node_state(n.status, n.exit_requested_at),
                    n.operator.to_string(),
                    n.contributors,
                    format_bps(n.fee_bps.into()),
                    format_sesh(n.earned),
                    format_sesh(n.unclaimed)
                )?;
            }
            let leaving = self.nodes.iter().filter(|n| {
                n.exit_requested_at != 0 && matches!(n.status, NodeStatus::Active | NodeStatus::Decommissioned)
            });
            for n in leaving {
                writeln!(
                    f,
                    "  node {}: exit requested on {}, can be finalized from {}",
                    n.id,
                    crate::time::format_timestamp(n.exit_requested_at),
                    crate::time::format_timestamp(n.exit_requested_at + crate::staking::EXIT_DELAY)
                )?;
            }
        }
        Ok(())
    }
}
