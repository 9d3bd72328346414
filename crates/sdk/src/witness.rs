//! The simulated Session Network witnessing the L2: it reads the registry's events, keeps its own
//! view of the active nodes in step with the contract (and reports any divergence), and acts on
//! its decisions: it confirms requested exits once its unlock period has passed, liquidates the
//! nodes it judges faulty, and signs every decision with its online nodes.

use crate::deploy::Deployment;
use alloy::{primitives::Address, providers::Provider, rpc::types::Filter, sol_types::SolEventInterface};
use session_bindings::staking_registry::StakingRegistry::StakingRegistryEvents;
use session_bls::messages::Action;
use session_network::{NodeKeys, SimulatedNetwork};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Seconds after an exit request before the network signs the exit (the contract's own fallback,
/// for when the network does not sign, is 30 days).
pub const NETWORK_UNLOCK_PERIOD: u64 = 2 * 3_600;

/// A decision the network carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// What it decided.
    pub action: Action,
    /// On which node.
    pub node_id: u64,
}

/// The network's state as it witnesses the chain.
pub struct Witness {
    /// The network's view of the active nodes.
    pub network: SimulatedNetwork,
    keys_by_ed25519: HashMap<[u8; 32], NodeKeys>,
    next_block: u64,
    exit_requests: BTreeMap<u64, u64>,
    faulty: BTreeSet<u64>,
    decommissioned: BTreeSet<u64>,
}

impl Witness {
    /// A network running the nodes of `keys` (matched to registrations by their Ed25519 key);
    /// registrations of other keys are observed, never signed for.
    pub fn new(deployment: &Deployment, keys: impl IntoIterator<Item = NodeKeys>) -> Self {
        Self {
            network: SimulatedNetwork::new(deployment.consensus_domain()),
            keys_by_ed25519: keys.into_iter().map(|k| (k.ed25519_public(), k)).collect(),
            next_block: 0,
            exit_requests: BTreeMap::new(),
            faulty: BTreeSet::new(),
            decommissioned: BTreeSet::new(),
        }
    }

    /// Reads every registry event since the last sync and updates the view. Returns how many
    /// events it applied.
    pub async fn sync(&mut self, deployment: &Deployment) -> eyre::Result<usize> {
        let latest = deployment.provider.get_block_number().await?;
        if latest < self.next_block {
            return Ok(0);
        }
        let filter = Filter::new().address(*deployment.registry.address()).from_block(self.next_block).to_block(latest);
        let logs = deployment.provider.get_logs(&filter).await?;
        let mut applied = 0;
        for log in &logs {
            let Ok(event) = StakingRegistryEvents::decode_raw_log(log.topics(), &log.data().data) else { continue };
            applied += 1;
            match event {
                StakingRegistryEvents::NodeRegistered(e) => match self.keys_by_ed25519.get(&e.ed25519Key.0) {
                    Some(keys) => self.network.join(e.nodeId, keys.clone()),
                    None => self.network.observe(e.nodeId, deployment.bls_public_key(e.nodeId).await?),
                },
                StakingRegistryEvents::ExitRequested(e) => {
                    self.exit_requests.entry(e.nodeId).or_insert(e.firstRequestedAt);
                }
                StakingRegistryEvents::NodeExited(e) => self.forget(e.nodeId),
                StakingRegistryEvents::NodeLiquidated(e) => self.forget(e.nodeId),
                StakingRegistryEvents::NodeDecommissioned(e) => {
                    self.decommissioned.insert(e.nodeId);
                }
                StakingRegistryEvents::NodeRecommissioned(e) => {
                    self.decommissioned.remove(&e.nodeId);
                }
                _ => applied -= 1,
            }
        }
        self.next_block = latest + 1;
        Ok(applied)
    }

    fn forget(&mut self, node_id: u64) {
        self.network.leave(node_id);
        self.exit_requests.remove(&node_id);
        self.faulty.remove(&node_id);
        self.decommissioned.remove(&node_id);
    }

    /// Where the network's view and the contract disagree (empty when in step).
    pub async fn divergences(&self, deployment: &Deployment) -> eyre::Result<Vec<String>> {
        let mut found = Vec::new();
        let on_chain = deployment.aggregate_public_key().await?;
        let ours = if self.network.is_empty() {
            vec![0u8; session_bls::G1_LENGTH]
        } else {
            self.network.aggregate_public_key()?.to_eip2537().to_vec()
        };
        if on_chain != ours {
            found.push("the aggregate public key differs from the network's".to_string());
        }
        let size = deployment.registry.networkSize().call().await?.to::<usize>();
        let earning = self.network.len() - self.decommissioned.len();
        if size != earning {
            found.push(format!("the contract counts {size} earning nodes, the network {earning}"));
        }
        Ok(found)
    }

    /// Simulated downtime: a node goes offline (a non-signer) and is judged faulty, to be
    /// liquidated at the next [`Witness::act`].
    pub fn take_down(&mut self, node_id: u64) -> eyre::Result<()> {
        self.network.set_online(node_id, false)?;
        self.faulty.insert(node_id);
        Ok(())
    }

    /// The decisions due at `now`: requested exits past the unlock period, faulty nodes.
    pub fn due(&self, now: u64) -> Vec<Decision> {
        let exits = self
            .exit_requests
            .iter()
            .filter(|(_, requested)| now >= **requested + NETWORK_UNLOCK_PERIOD)
            .map(|(id, _)| Decision { action: Action::Exit, node_id: *id });
        let liquidations = self.faulty.iter().map(|id| Decision { action: Action::Liquidation, node_id: *id });
        exits.chain(liquidations).collect()
    }

    /// Signs and submits every decision due at the latest block's time, from `sender`; then syncs.
    pub async fn act(&mut self, deployment: &Deployment, sender: Address) -> eyre::Result<Vec<Decision>> {
        self.sync(deployment).await?;
        let now = crate::actors::now(&deployment.provider).await?;
        let decisions = self.due(now);
        for decision in &decisions {
            let signed = self.network.sign(decision.action, decision.node_id, now)?;
            deployment.submit_decision(sender, decision.action, decision.node_id, now, &signed).await?;
        }
        self.sync(deployment).await?;
        Ok(decisions)
    }
}
