//! An account's positions across the registry's nodes: what it can claim, claiming it, and taking
//! back its stake from nodes that have ended. The registry keeps no per-account index (it would
//! cost every registration two storage slots), so these read every node, page by page.

use crate::{
    NodeStatus,
    deployment::Deployment,
    error::{During, Result},
    staking::{PositionRef, node_status},
    transact,
};
use alloy::{
    primitives::{Address, U256},
    rpc::types::TransactionReceipt,
};

/// One position of an account in a node, named by the node and its staker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    /// Registration id of the node.
    pub node_id: u64,
    /// The node's status.
    pub status: NodeStatus,
    /// Who staked: with the node, the name of the position.
    pub staker: Address,
    /// Who receives the rewards.
    pub beneficiary: Address,
    /// Atomic SESH staked.
    pub stake: U256,
    /// What a claim pays now (as of the last distribution).
    pub claimable: U256,
    /// Stake the staker can withdraw now (the node ended and it was not withdrawn yet).
    pub withdrawable: U256,
}

impl Deployment {
    /// Every position in which `account` is the staker or the beneficiary.
    pub async fn holdings_of(&self, account: Address) -> Result<Vec<Holding>> {
        let mut holdings = Vec::new();
        for node in self.all_nodes().await? {
            for p in &node.contributors {
                if p.staker != account && p.beneficiary != account {
                    continue;
                }
                holdings.push(Holding {
                    node_id: node.nodeId,
                    status: node_status(node.status)?,
                    staker: p.staker,
                    beneficiary: p.beneficiary,
                    stake: p.stake,
                    claimable: if p.beneficiary == account { p.claimable } else { U256::ZERO },
                    withdrawable: if p.staker == account { p.withdrawable } else { U256::ZERO },
                });
            }
        }
        Ok(holdings)
    }

    /// What `account` would receive from claiming all its positions after a distribution now.
    pub async fn pending_rewards_of(&self, account: Address) -> Result<U256> {
        let mut total = U256::ZERO;
        for h in self.holdings_of(account).await?.iter().filter(|h| h.beneficiary == account) {
            total += self.lens.pendingRewards(h.node_id, h.staker).call().await.during("reading pending rewards")?;
        }
        Ok(total)
    }

    /// Distributes, then claims in one transaction everything `account` can claim as a
    /// beneficiary. Returns the amount paid (zero, and no transaction sent, if nothing is due).
    pub async fn claim_all(&self, account: Address) -> Result<U256> {
        // Nothing due even after a distribution: send nothing at all.
        if self.pending_rewards_of(account).await?.is_zero() {
            return Ok(U256::ZERO);
        }
        transact(self.registry.distributeRewards().from(account), "distributing rewards").await?;
        let refs: Vec<PositionRef> = self
            .holdings_of(account)
            .await?
            .iter()
            .filter(|h| h.beneficiary == account && !h.claimable.is_zero())
            .map(|h| PositionRef { nodeId: h.node_id, staker: h.staker })
            .collect();
        if refs.is_empty() {
            return Ok(U256::ZERO);
        }
        let balance = || async { self.token.balanceOf(account).call().await.during("reading the SESH balance") };
        let before = balance().await?;
        transact(self.registry.claimRewardsBatch(refs).from(account), "claiming rewards").await?;
        Ok(balance().await? - before)
    }

    /// Withdraws `account`'s stake from every ended node where it has some left. Returns the
    /// total and the receipts.
    pub async fn withdraw_all(&self, account: Address) -> Result<(U256, Vec<TransactionReceipt>)> {
        let mut total = U256::ZERO;
        let mut receipts = Vec::new();
        for h in self.holdings_of(account).await? {
            if h.staker == account && !h.withdrawable.is_zero() {
                receipts
                    .push(transact(self.registry.withdrawStake(h.node_id).from(account), "withdrawing stake").await?);
                total += h.withdrawable;
            }
        }
        Ok((total, receipts))
    }
}
