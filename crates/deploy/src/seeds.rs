//! Migration seeding: the nodes of the production network, carried over before the registry
//! starts (`sesh deploy --seed nodes.json`).
//!
//! The file lists each node's keys, its proof of possession, its fee, its contributors and its
//! original registration time. Proofs bind the consensus registry of *this* deployment (its
//! chain id and address: printed by `sesh deploy --no-start`, or predicted by `--dry-run`), so
//! every proof is checked here, off chain, before any gas is spent; a file with one bad proof
//! is refused whole.
//!
//! Nodes go in file order (node ids 1, 2, ...), a batch of transactions at a time that fits the
//! block, and resuming is reading `lastNodeId`: node `i` on chain must be the file's `i`-th, and
//! seeding goes on from there. The registry pulls each node's stake from the deployer, which
//! approves exactly what the remaining nodes need and leaves no allowance behind if seeding fails.

use crate::{DeployError, Result};
use alloy::{
    primitives::{Address, B256, Bytes, U256},
    providers::{DynProvider, Provider},
};
use serde::{Deserialize, Serialize};
use session_bindings::{SessionToken, StakingLens, StakingRegistry, staking_registry::IStakingRegistry::Contributor};
use session_bls::{PublicKey, Signature, messages::Domain};
use session_client::{error::During, transact, transact::mined, units};
use std::{collections::HashSet, path::Path};

/// A seed file: `{"nodes": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedFile {
    /// The nodes, in the order they get their ids.
    pub nodes: Vec<SeedNode>,
}

/// One node to carry over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedNode {
    /// BLS public key, EIP-2537 encoding (128 bytes, hex).
    pub bls_key: Bytes,
    /// Ed25519 public key (32 bytes, hex).
    pub ed25519_key: B256,
    /// The BLS key's signature over itself, the operator and the Ed25519 key, for this
    /// deployment's consensus registry (EIP-2537 G2, 256 bytes, hex).
    pub proof_of_possession: Bytes,
    /// Operator fee in basis points.
    pub fee_bps: u16,
    /// Unix time the node first registered on the old network.
    pub registered_at: u64,
    /// The operator first; stakes in SESH.
    pub contributors: Vec<SeedContributor>,
}

/// A contributor of a seeded node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedContributor {
    /// Owns the stake.
    pub staker: Address,
    /// Receives the rewards; the staker when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary: Option<Address>,
    /// Stake in SESH (decimal, e.g. "6250" or "6250.5").
    pub stake: String,
}

impl SeedFile {
    /// Reads a seed file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| DeployError::Seeds(format!("reading {}: {e}", path.display())))?;
        serde_json::from_str(&text)
            .map_err(|e| DeployError::Seeds(format!("{} is not a seed file: {e}", path.display())))
    }

    /// The whole stake the seeds put in, in atomic units.
    pub fn total_stake(&self) -> Result<U256> {
        let mut total = U256::ZERO;
        for node in &self.nodes {
            total += node_stake(node).map_err(DeployError::Seeds)?;
        }
        Ok(total)
    }

    /// Checks every node as the registry will, before anything is sent: keys well formed and
    /// distinct, proofs valid for `domain`, stakes that add up to `requirement`, times past.
    pub fn check(&self, domain: &Domain, requirement: U256, now: u64) -> Result<()> {
        let mut ed25519 = HashSet::new();
        let mut bls = HashSet::new();
        for (index, node) in self.nodes.iter().enumerate() {
            let refuse = |why: String| DeployError::Seeds(format!("node {} of the seed file: {why}", index + 1));
            let operator = node.contributors.first().ok_or_else(|| refuse("no contributor".into()))?.staker;
            if node.ed25519_key == B256::ZERO {
                return Err(refuse("all-zero Ed25519 key".into()));
            }
            if !ed25519.insert(node.ed25519_key) || !bls.insert(node.bls_key.clone()) {
                return Err(refuse("a key listed twice".into()));
            }
            let key = PublicKey::from_eip2537(&node.bls_key).map_err(|e| refuse(format!("BLS key: {e}")))?;
            let proof = Signature::from_eip2537(&node.proof_of_possession)
                .map_err(|e| refuse(format!("proof of possession: {e}")))?;
            key.verify_proof_of_possession(domain, &operator.0.0, &node.ed25519_key.0, &proof).map_err(|_| {
                refuse(format!(
                    "the proof of possession is not the BLS key's for operator {operator} and this deployment \
                     (chain {}, consensus registry {})",
                    domain.chain_id,
                    Address::from(domain.contract)
                ))
            })?;
            if node.fee_bps > 10_000 {
                return Err(refuse(format!("fee of {} basis points", node.fee_bps)));
            }
            if node.registered_at > now {
                return Err(refuse(format!("registration time {} is in the future", node.registered_at)));
            }
            let stake = node_stake(node).map_err(refuse)?;
            if stake != requirement {
                return Err(refuse(format!(
                    "stakes add up to {} SESH, the requirement is {} SESH",
                    units::format_sesh(stake),
                    units::format_sesh(requirement)
                )));
            }
        }
        Ok(())
    }
}

fn node_stake(node: &SeedNode) -> Result<U256, String> {
    node.contributors.iter().try_fold(U256::ZERO, |sum, c| {
        let stake = units::parse_sesh(&c.stake).map_err(|e| format!("stake {:?}: {e}", c.stake))?;
        Ok(sum + stake)
    })
}

/// What seeding did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Seeded {
    /// Nodes seeded by this run.
    pub nodes: usize,
    /// Nodes found already seeded (a resumed run).
    pub already: usize,
    /// Gas the seeding transactions of this run used (approvals included).
    pub gas_used: u64,
}

/// A batch's transactions together use at most this share of the block gas limit (in percent).
const BATCH_SHARE_OF_BLOCK: u64 = 50;

/// The gas one seed may need, for sizing batches: a node with the most contributors.
const GAS_PER_SEED_CEILING: u64 = 1_500_000;

/// Seeds `file`'s nodes not yet on chain into `registry` (not started), paying their stakes from
/// `deployer`. Checks the file first (see [`SeedFile::check`]).
pub async fn seed_nodes(
    provider: &DynProvider,
    deployer: Address,
    registry: &StakingRegistry::StakingRegistryInstance<DynProvider>,
    lens: &StakingLens::StakingLensInstance<DynProvider>,
    token: &SessionToken::SessionTokenInstance<DynProvider>,
    domain: &Domain,
    file: &SeedFile,
) -> Result<Seeded> {
    let requirement = registry.stakingRequirement().call().await.during("reading the staking requirement")?;
    let now = session_client::provider::now(provider).await?;
    file.check(domain, requirement, now)?;
    let already = usize::try_from(lens.lastNodeId().call().await.during("reading the last node id")?)
        .map_err(|_| DeployError::Seeds("the registry has more nodes than this machine can count".into()))?;
    if already > file.nodes.len() {
        return Err(DeployError::Seeds(format!(
            "the registry holds {already} nodes, the seed file only {}: not this file's seeding",
            file.nodes.len()
        )));
    }
    for (index, node) in file.nodes.iter().enumerate().take(already) {
        let id = index as u64 + 1;
        let record = lens.nodeRecord(id).call().await.during("reading a seeded node")?;
        if record.ed25519Key != node.ed25519_key {
            return Err(DeployError::Seeds(format!(
                "node {id} on chain has Ed25519 key {}, the seed file's node {id} has {}: not this file's seeding",
                record.ed25519Key, node.ed25519_key
            )));
        }
    }
    let remaining = &file.nodes[already..];
    let mut seeded = Seeded { already, ..Seeded::default() };
    if remaining.is_empty() {
        return Ok(seeded);
    }
    let stake = requirement * U256::from(remaining.len());
    let balance = token.balanceOf(deployer).call().await.during("reading the deployer's SESH")?;
    if balance < stake {
        return Err(DeployError::Seeds(format!(
            "seeding {} nodes takes {} SESH, the deployer {deployer} holds {} SESH (give it an allocation in the genesis config)",
            remaining.len(),
            units::format_sesh(stake),
            units::format_sesh(balance)
        )));
    }
    let receipt = transact(token.approve(*registry.address(), stake), "approving the seeded stakes").await?;
    seeded.gas_used += receipt.gas_used;
    let sent = send_batches(provider, deployer, registry, remaining, &mut seeded).await;
    if sent.is_err() {
        // Whatever failed, the registry keeps no allowance over the deployer's SESH.
        let _ = transact(token.approve(*registry.address(), U256::ZERO), "withdrawing the seeding allowance").await;
    }
    sent?;
    Ok(seeded)
}

async fn send_batches(
    provider: &DynProvider,
    deployer: Address,
    registry: &StakingRegistry::StakingRegistryInstance<DynProvider>,
    nodes: &[SeedNode],
    seeded: &mut Seeded,
) -> Result<()> {
    let block = provider
        .get_block_by_number(alloy::eips::BlockNumberOrTag::Latest)
        .await
        .during("reading the block gas limit")?
        .ok_or_else(|| DeployError::Seeds("the node has no latest block".into()))?;
    let batch = (block.header.gas_limit * BATCH_SHARE_OF_BLOCK / 100 / GAS_PER_SEED_CEILING).max(1) as usize;
    for chunk in nodes.chunks(batch) {
        // Nonces set here: a batch is sent before any of it is mined.
        let mut nonce = provider.get_transaction_count(deployer).pending().await.during("reading the nonce")?;
        let mut pending = Vec::with_capacity(chunk.len());
        for node in chunk {
            let call = registry
                .seedNode(
                    node.bls_key.clone(),
                    node.ed25519_key,
                    node.proof_of_possession.clone(),
                    node.fee_bps,
                    contributors(node)?,
                    node.registered_at,
                )
                // The ceiling, not an estimate: seeding is O(1) per node (about 413k gas), the
                // file was checked off-chain, and an estimate (a search over gas limits, each a
                // full execution with its pairing) cost several times the seeding itself.
                .gas(GAS_PER_SEED_CEILING)
                .nonce(nonce);
            let what = format!("seeding the node of Ed25519 key {}", node.ed25519_key);
            pending
                .push((what.clone(), call.send().await.map_err(|e| session_client::Error::from_contract(&what, e))?));
            nonce += 1;
        }
        for (what, tx) in pending {
            let receipt = mined(tx, &what).await?;
            seeded.gas_used += receipt.gas_used;
            seeded.nodes += 1;
        }
    }
    Ok(())
}

fn contributors(node: &SeedNode) -> Result<Vec<Contributor>> {
    node.contributors
        .iter()
        .map(|c| {
            Ok(Contributor {
                staker: c.staker,
                beneficiary: c.beneficiary.unwrap_or(c.staker),
                stake: units::parse_sesh(&c.stake)
                    .map_err(|e| DeployError::Seeds(format!("stake {:?}: {e}", c.stake)))?,
            })
        })
        .collect()
}
