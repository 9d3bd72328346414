//! Staking through the registry: register nodes, act on the network's signed decisions, and read
//! nodes back through the lens.

use crate::{
    deployment::Deployment,
    error::{During, Error, Result},
    transact,
};
use alloy::{
    primitives::{Address, Bytes, FixedBytes, U256},
    providers::Provider,
    rpc::types::TransactionReceipt,
};
use session_bindings::StakingRegistry::NodeRegistered;
use session_bls::messages::{Action, Domain};
use session_keys::NodeKeys;

pub use session_bindings::{
    staking_lens::{IStakingLens::NodeInfo, IStakingRegistry::Position},
    staking_registry::IStakingRegistry::{Contributor, PositionRef},
};

/// The network's aggregate signature of a decision, as the registry takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedDecision {
    /// The EIP-2537 public keys of the nodes that did not sign, concatenated.
    pub non_signer_keys: Vec<u8>,
    /// The aggregate signature (EIP-2537 G2 point).
    pub signature: Vec<u8>,
}

impl Deployment {
    /// The signing domain of the network's decisions for this deployment: the chain and the
    /// consensus registry, which verifies every signature.
    pub fn consensus_domain(&self) -> Domain {
        Domain::new(self.manifest.chain_id, self.consensus.address().0.0)
    }

    /// Registers a node whose deposit `payer` pays in full (approving exactly it first). The
    /// operator is `contributors[0].staker`, whose address the proof of possession binds.
    pub async fn register_node(
        &self,
        payer: Address,
        keys: &NodeKeys,
        fee_bps: u16,
        contributors: Vec<Contributor>,
    ) -> Result<(u64, TransactionReceipt)> {
        let action = "registering the node";
        let operator =
            contributors.first().ok_or_else(|| Error::Config("a node needs at least its operator".into()))?.staker;
        let deposit: U256 = contributors.iter().map(|c| c.stake).sum();
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
        let registry = *self.registry.address();
        let receipt = self.spend(payer, registry, deposit, action, async || transact(call, action).await).await?;
        let event = receipt
            .decoded_log::<NodeRegistered>()
            .ok_or_else(|| Error::unexpected(action, "receipt without a NodeRegistered event"))?;
        Ok((event.nodeId, receipt))
    }

    /// Registers a solo node: `operator` stakes the whole requirement.
    pub async fn register_solo(
        &self,
        operator: Address,
        keys: &NodeKeys,
        fee_bps: u16,
    ) -> Result<(u64, TransactionReceipt)> {
        let stake = self.registry.stakingRequirement().call().await.during("reading the staking requirement")?;
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
        signed: impl Into<SignedDecision>,
    ) -> Result<TransactionReceipt> {
        let registry = &self.registry;
        let signed = signed.into();
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
            // `node_id` is the new requirement: the message's field carries it.
            Action::StakingRequirement => {
                let call = registry.setStakingRequirementBySignature(U256::from(node_id), timestamp, keys, signature);
                transact(call.from(sender), "lowering the staking requirement").await
            }
        }
    }

    /// Evicts node `node_id`, which registered the Ed25519 key of `keys` without holding it: the
    /// key signs the eviction for `claimant` (who gets the liquidator part and the key's 7-day
    /// reservation), checked against the contract's own message first. Sent by `sender`.
    pub async fn evict_squatter(
        &self,
        sender: Address,
        keys: &NodeKeys,
        node_id: u64,
        claimant: Address,
    ) -> Result<TransactionReceipt> {
        let action = "evicting the squatter";
        let disputes =
            session_bindings::Ed25519Disputes::new(self.manifest.address("Ed25519Disputes")?, self.provider.clone());
        let message = eviction_message(self.manifest.chain_id, *self.registry.address(), node_id, claimant);
        let theirs = disputes.evictionMessage(node_id, claimant).call().await.during(action)?;
        if theirs.as_ref() != message.as_slice() {
            return Err(Error::unexpected(action, "the contract's eviction message differs from ours"));
        }
        let signature = keys.sign_ed25519(&message);
        let bls = self.bls_key_bytes(node_id).await?;
        let call = disputes.evictSquatter(
            node_id,
            FixedBytes(keys.ed25519_public()),
            claimant,
            bls,
            Bytes::copy_from_slice(&signature),
        );
        transact(call.from(sender), action).await
    }

    /// The aggregate public key of the active nodes, as the contract holds it (EIP-2537 bytes).
    pub async fn aggregate_public_key(&self) -> Result<Vec<u8>> {
        Ok(self.consensus.aggregatePublicKey().call().await.during("reading the aggregate key")?.to_vec())
    }

    /// The BLS public key node `node_id` registered, from its `BLSKeyAdded` event (the contract
    /// stores only the key's hash).
    pub async fn bls_public_key(&self, node_id: u64) -> Result<session_bls::PublicKey> {
        let bytes = self.bls_key_bytes(node_id).await?;
        session_bls::PublicKey::from_eip2537(&bytes)
            .map_err(|e| Error::unexpected(format!("reading node {node_id}'s BLS key"), e.to_string()))
    }

    /// The EIP-2537 bytes of node `node_id`'s BLS key, as exits and liquidations pass it back. The
    /// registry keeps only the key's hash; the key is in the `BLSKeyAdded` event of the node's
    /// registration, found without scanning the chain: the block is bisected from the node's
    /// registration time, then a bounded range from there is read (a seeded node, registered
    /// with an earlier time, is found further on).
    pub async fn bls_key_bytes(&self, node_id: u64) -> Result<Bytes> {
        let action = format!("finding node {node_id}'s BLS key");
        let record = self.lens.nodeRecord(node_id).call().await.during(&action)?;
        if record.registeredAt == 0 {
            return Err(Error::unexpected(&action, "no such node"));
        }
        let latest = self.provider.get_block_number().await.during(&action)?;
        let start =
            crate::logs::first_block_at(&self.provider, record.registeredAt, self.manifest.block, latest).await?;
        let filter = self.consensus.BLSKeyAdded_filter().topic1(U256::from(node_id)).filter;
        let mut from = start;
        while from <= latest {
            let to = latest.min(from + self.log_range - 1);
            let logs = crate::logs::logs_in_range(&self.provider, &filter, from, to, self.log_range, &action).await?;
            if let Some(log) = logs.first() {
                let event = log
                    .log_decode::<session_bindings::consensus_registry::ConsensusRegistry::BLSKeyAdded>()
                    .map_err(|e| Error::unexpected(&action, e.to_string()))?;
                return Ok(event.inner.data.blsKey);
            }
            from = to + 1;
        }
        Err(Error::unexpected(&action, "the node never registered a BLS key"))
    }

    /// Completes node `node_id`'s requested exit once its 30 days have passed, from `sender`.
    pub async fn finalize_exit(&self, sender: Address, node_id: u64) -> Result<TransactionReceipt> {
        let bls = self.bls_key_bytes(node_id).await?;
        transact(self.registry.finalizeExit(node_id, bls).from(sender), "finalizing the exit").await
    }

    /// Node `node_id` with its positions, from the lens.
    pub async fn node(&self, node_id: u64) -> Result<NodeInfo> {
        self.lens.node(node_id).call().await.during(&format!("reading node {node_id}"))
    }

    /// Every registered node, page by page, from the lens.
    pub async fn all_nodes(&self) -> Result<Vec<NodeInfo>> {
        const PAGE: u64 = 200;
        let mut nodes = Vec::new();
        loop {
            let page =
                self.lens.nodes(U256::from(nodes.len()), U256::from(PAGE)).call().await.during("listing the nodes")?;
            let done = (page.len() as u64) < PAGE;
            nodes.extend(page);
            if done {
                return Ok(nodes);
            }
        }
    }
}

/// A node's status, from its ABI value; [`Error::Unexpected`] for a value the registry never uses.
pub fn node_status(value: u8) -> Result<crate::NodeStatus> {
    crate::NodeStatus::from_u8(value)
        .ok_or_else(|| Error::unexpected("reading a node", format!("unknown status {value}")))
}

/// A node's state in words: its status, or "exit requested" for a registered node on its way out.
pub fn node_state(status: crate::NodeStatus, exit_requested_at: u64) -> String {
    use crate::NodeStatus::{Active, Decommissioned};
    match status {
        Active | Decommissioned if exit_requested_at != 0 => "exit requested".into(),
        status => status.to_string(),
    }
}

/// Seconds from an exit request to when anyone may finalize the exit (the registry's 30 days).
pub const EXIT_DELAY: u64 = 30 * 86_400;

/// The 112 bytes a node's Ed25519 key signs to evict node `node_id` (which registered the key
/// without holding it) for `claimant`, on `chain_id` and `registry` (docs/consensus.md).
pub fn eviction_message(chain_id: u64, registry: Address, node_id: u64, claimant: Address) -> Vec<u8> {
    let mut message = Vec::with_capacity(112);
    message.extend_from_slice(alloy::primitives::keccak256("session.staking.v1.eviction").as_slice());
    message.extend_from_slice(&U256::from(chain_id).to_be_bytes::<32>());
    message.extend_from_slice(registry.as_slice());
    message.extend_from_slice(&node_id.to_be_bytes());
    message.extend_from_slice(claimant.as_slice());
    message
}
