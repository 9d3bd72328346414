//! Staking through the registry: register nodes with keys from [`session_network`], act on the
//! network's signed decisions, and read nodes back.

use crate::{deploy::Deployment, revert::transact};
use alloy::{
    primitives::{Address, Bytes, FixedBytes, U256},
    rpc::types::TransactionReceipt,
};
use eyre::OptionExt;
use session_bindings::StakingRegistry::{self, NodeRegistered};
use session_bls::messages::{Action, Domain};
use session_network::{NetworkSignature, NodeKeys};

pub use session_bindings::staking_registry::IStakingRegistry::{Contributor, PositionRef};
// The listing's structs, as the views binding decodes them (a type apart from the registry's).
pub use session_bindings::staking_registry_views::IStakingRegistry::{NodeInfo, Position};

impl Deployment {
    /// The signing domain of the network's decisions for this deployment: the chain and the
    /// consensus registry, which verifies every signature.
    pub fn consensus_domain(&self) -> Domain {
        Domain::new(self.manifest.chain_id, self.consensus.address().0.0)
    }

    /// Registers a node whose deposit `payer` pays in full (approving it first). The operator is
    /// `contributors[0].staker`, whose address the proof of possession binds.
    pub async fn register_node(
        &self,
        payer: Address,
        keys: &NodeKeys,
        fee_bps: u16,
        contributors: Vec<Contributor>,
    ) -> eyre::Result<(u64, TransactionReceipt)> {
        let operator = contributors.first().ok_or_eyre("a node needs at least its operator")?.staker;
        let deposit: U256 = contributors.iter().map(|c| c.stake).sum();
        transact(self.token.approve(*self.registry.address(), deposit).from(payer), "approving the deposit").await?;
        let proof = keys.proof_of_possession(&self.consensus_domain(), &operator.0.0);
        let call = self
            .registry
            .registerNode(
                Bytes::copy_from_slice(&keys.bls_public().to_eip2537()),
                FixedBytes(keys.ed25519_public()),
                Bytes::copy_from_slice(&proof.to_eip2537()),
                fee_bps,
                contributors,
            )
            .from(payer);
        let receipt = transact(call, "registering the node").await?;
        let event = receipt
            .decoded_log::<NodeRegistered>()
            .ok_or_eyre("registration receipt without a NodeRegistered event")?;
        Ok((event.nodeId, receipt))
    }

    /// Registers a solo node: `operator` stakes the whole requirement.
    pub async fn register_solo(
        &self,
        operator: Address,
        keys: &NodeKeys,
        fee_bps: u16,
    ) -> eyre::Result<(u64, TransactionReceipt)> {
        let stake = self.registry.stakingRequirement().call().await?;
        let contributors = vec![Contributor { staker: operator, beneficiary: Address::ZERO, stake }];
        self.register_node(operator, keys, fee_bps, contributors).await
    }

    /// Submits a network decision on `node_id`, signed at `timestamp`, from `sender`. An exit or a
    /// liquidation passes the node's BLS key back (the contract keeps only its hash).
    pub async fn submit_decision(
        &self,
        sender: Address,
        action: Action,
        node_id: u64,
        timestamp: u64,
        signed: &NetworkSignature,
    ) -> eyre::Result<TransactionReceipt> {
        let registry = &self.registry;
        let (keys, signature) =
            (Bytes::copy_from_slice(&signed.non_signer_keys), Bytes::copy_from_slice(&signed.signature));
        match action {
            Action::Exit => {
                let bls = self.bls_key_bytes(node_id).await?;
                let call = registry.exitBySignature(node_id, bls, timestamp, keys, signature);
                transact(call.from(sender), "signed exit").await
            }
            Action::Liquidation => {
                let bls = self.bls_key_bytes(node_id).await?;
                transact(registry.liquidate(node_id, bls, timestamp, keys, signature).from(sender), "liquidation").await
            }
            Action::Decommission => {
                transact(registry.decommission(node_id, timestamp, keys, signature).from(sender), "decommission").await
            }
            Action::Recommission => {
                transact(registry.recommission(node_id, timestamp, keys, signature).from(sender), "recommission").await
            }
        }
    }

    /// The aggregate public key of the active nodes, as the contract holds it (EIP-2537 bytes).
    pub async fn aggregate_public_key(&self) -> eyre::Result<Vec<u8>> {
        Ok(self.consensus.aggregatePublicKey().call().await?.to_vec())
    }

    /// The BLS public key node `node_id` registered, from its `BLSKeyAdded` event (the contract
    /// stores only the key's hash).
    pub async fn bls_public_key(&self, node_id: u64) -> eyre::Result<session_bls::PublicKey> {
        Ok(session_bls::PublicKey::from_eip2537(&self.bls_key_bytes(node_id).await?)?)
    }

    /// The EIP-2537 bytes of node `node_id`'s BLS key, as exits and liquidations pass it back.
    pub async fn bls_key_bytes(&self, node_id: u64) -> eyre::Result<Bytes> {
        let logs = self.consensus.BLSKeyAdded_filter().topic1(U256::from(node_id)).from_block(0).query().await?;
        let (event, _) = logs.into_iter().next().ok_or_eyre(format!("node {node_id} never registered a BLS key"))?;
        Ok(event.blsKey)
    }

    /// Completes node `node_id`'s requested exit once its 30 days have passed, from `sender`.
    pub async fn finalize_exit(&self, sender: Address, node_id: u64) -> eyre::Result<TransactionReceipt> {
        let bls = self.bls_key_bytes(node_id).await?;
        transact(self.registry.finalizeExit(node_id, bls).from(sender), "finalizing the exit").await
    }

    /// Every registered node, page by page.
    pub async fn all_nodes(&self) -> eyre::Result<Vec<NodeInfo>> {
        const PAGE: u64 = 200;
        let mut nodes = Vec::new();
        loop {
            let page = self.views.nodes(U256::from(nodes.len()), U256::from(PAGE)).call().await?;
            let done = (page.len() as u64) < PAGE;
            nodes.extend(page);
            if done {
                return Ok(nodes);
            }
        }
    }
}

/// Status of a node as a word.
pub fn status_name(status: u8) -> &'static str {
    match status {
        1 => "active",
        2 => "decommissioned",
        3 => "exited",
        4 => "liquidated",
        _ => "unknown",
    }
}

/// The registry binding's type, for callers that name it.
pub type Registry = StakingRegistry::StakingRegistryInstance<alloy::providers::DynProvider>;
