//! The simulated Session Network witnessing the L2: it reads the registry's events, keeps its own
//! view of the registered nodes in step with the contract (and reports any divergence), and acts
//! on its decisions: it confirms requested exits once its unlock period has passed, decommissions,
//! recommissions and liquidates nodes by the downtime model of [`crate::downtime`], and signs
//! every decision with its online nodes.

use crate::{
    downtime::{Downtime, Standing, judge},
    signer::{NetworkError, SimulatedNetwork},
};
use alloy::{primitives::Address, providers::Provider, rpc::types::Filter, sol_types::SolEventInterface};
use session_bindings::staking_registry::StakingRegistry::StakingRegistryEvents;
use session_bls::messages::{Action, Domain};
use session_client::{Deployment, error::During, logs::logs_in_range};
use session_keys::NodeKeys;
use std::collections::{BTreeMap, HashMap};

/// Why the witness could not follow the chain or act.
#[derive(Debug, thiserror::Error)]
pub enum WitnessError {
    /// The network could not sign (no node online, an unknown node).
    #[error(transparent)]
    Network(#[from] NetworkError),
    /// Reading the chain or submitting a decision failed.
    #[error(transparent)]
    Chain(#[from] session_client::Error),
}

/// The witness's result.
pub type Result<T, E = WitnessError> = std::result::Result<T, E>;

/// Seconds after an exit request before the network signs the exit (the contract's own fallback,
/// for when the network does not sign, is 30 days).
pub const NETWORK_UNLOCK_PERIOD: u64 = 2 * 3_600;

/// The registry's minimum age of a node for any network decision on it (`MIN_DECISION_AGE`): no
/// decision may rest on a signature older than the node.
pub const MIN_DECISION_AGE: u64 = 2 * 3_600;

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
    /// The network's view of the registered nodes (earning or decommissioned): the keys of the
    /// contract's aggregate.
    pub network: SimulatedNetwork,
    keys_by_ed25519: HashMap<[u8; 32], NodeKeys>,
    next_block: u64,
    exit_requests: BTreeMap<u64, u64>,
    downtime: Downtime,
    /// Nodes with a decommission or recommission on chain; absent means earning, never decided.
    standings: BTreeMap<u64, Standing>,
}

impl Witness {
    /// A network running the nodes of `keys` (matched to registrations by their Ed25519 key);
    /// registrations of other keys are observed, never signed for.
    pub fn new(deployment: &Deployment, keys: impl IntoIterator<Item = NodeKeys>) -> Self {
        // Nothing of the registry's happened before its deployment: no need to read earlier blocks.
        Self { next_block: deployment.manifest.block, ..Self::with_domain(deployment.consensus_domain(), keys) }
    }

    fn with_domain(domain: Domain, keys: impl IntoIterator<Item = NodeKeys>) -> Self {
        Self {
            network: SimulatedNetwork::new(domain),
            keys_by_ed25519: keys.into_iter().map(|k| (k.ed25519_public(), k)).collect(),
            next_block: 0,
            exit_requests: BTreeMap::new(),
            downtime: Downtime::new(),
            standings: BTreeMap::new(),
        }
    }

    /// Reads every registry event since the last sync and updates the view. Returns how many
    /// events it applied.
    pub async fn sync(&mut self, deployment: &Deployment) -> Result<usize> {
        let latest = deployment.provider.get_block_number().await.during("reading the block number")?;
        if latest < self.next_block {
            return Ok(0);
        }
        let filter = Filter::new().address(*deployment.registry.address());
        let action = "reading the registry's events";
        let logs =
            logs_in_range(&deployment.provider, &filter, self.next_block, latest, deployment.log_range, action).await?;
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
                StakingRegistryEvents::NodeDecommissioned(e) => self.record(e.nodeId, true, e.timestamp),
                StakingRegistryEvents::NodeRecommissioned(e) => self.record(e.nodeId, false, e.timestamp),
                _ => applied -= 1,
            }
        }
        self.next_block = latest + 1;
        Ok(applied)
    }

    fn record(&mut self, node_id: u64, decommissioned: bool, at: u64) {
        self.standings.insert(node_id, Standing { decommissioned, last_decision_at: at });
    }

    fn forget(&mut self, node_id: u64) {
        self.network.leave(node_id);
        self.exit_requests.remove(&node_id);
        self.downtime.forget(node_id);
        self.standings.remove(&node_id);
    }

    /// Where the network's view and the contract disagree (empty when in step).
    pub async fn divergences(&self, deployment: &Deployment) -> Result<Vec<String>> {
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
        let size = deployment.lens.networkSize().call().await.during("reading the network size")?.to::<usize>();
        let earning = self.network.len() - self.decommissioned().len();
        if size != earning {
            found.push(format!("the contract counts {size} earning nodes, the network {earning}"));
        }
        Ok(found)
    }

    /// The registered nodes that are decommissioned (not earning), by increasing id.
    pub fn decommissioned(&self) -> Vec<u64> {
        self.standings.iter().filter(|(_, s)| s.decommissioned).map(|(id, _)| *id).collect()
    }

    /// The downtime record: which nodes are offline since when, which are judged faulty.
    pub fn downtime(&self) -> &Downtime {
        &self.downtime
    }

    /// Simulated downtime: node `node_id` goes offline at `now`. It is a non-signer at once; the
    /// network decommissions it [`DECOMMISSION_AFTER`](crate::downtime::DECOMMISSION_AFTER) later
    /// and liquidates it [`LIQUIDATE_AFTER`](crate::downtime::LIQUIDATE_AFTER) after `now` unless it comes back ([`Witness::set_online`]). Already offline, it keeps its
    /// first `now`.
    pub fn set_offline(&mut self, node_id: u64, now: u64) -> Result<()> {
        self.network.set_online(node_id, false)?;
        self.downtime.go_offline(node_id, now);
        Ok(())
    }

    /// Node `node_id` is back online: it signs again, and if decommissioned it is recommissioned
    /// at the next [`Witness::act`]. A node put down by [`Witness::take_down`] stays judged.
    pub fn set_online(&mut self, node_id: u64) -> Result<()> {
        self.network.set_online(node_id, true)?;
        self.downtime.come_online(node_id);
        Ok(())
    }

    /// Simulated fault: node `node_id` goes offline (a non-signer) and is judged faulty, to be
    /// liquidated at the next [`Witness::act`] with no grace period.
    pub fn take_down(&mut self, node_id: u64) -> Result<()> {
        self.network.set_online(node_id, false)?;
        self.downtime.fault(node_id);
        Ok(())
    }

    /// The decisions due at `now`: requested exits past the unlock period, and the downtime
    /// model's decommissions, recommissions and liquidations. At most one per node (a liquidation
    /// before an exit: a faulty node does not leave with its whole stake; an exit before a
    /// de/recommission, which would be moot). Ordered liquidations, decommissions,
    /// recommissions, then exits, each by increasing node id: liquidations take non-signers out
    /// of the set and exits take signers out, so this order keeps the non-signers' share (which
    /// the contract caps at a third) lowest for every signature of the round.
    pub fn due(&self, now: u64) -> Vec<Decision> {
        let mut decisions: Vec<Decision> = self
            .network
            .node_ids()
            .into_iter()
            .filter_map(|node_id| {
                let outage = self.downtime.outage(node_id);
                // Only nodes this simulation runs, or has put offline, are judged: it cannot tell
                // whether a node it merely observes is up.
                let judged = outage.is_some() || self.network.is_online(node_id);
                let standing = self.standings.get(&node_id).copied().unwrap_or_default();
                let downtime = if judged { judge(outage, standing, now) } else { None };
                let exit = self.exit_requests.get(&node_id).is_some_and(|at| now >= at + NETWORK_UNLOCK_PERIOD);
                let action = match downtime {
                    Some(Action::Liquidation) => Some(Action::Liquidation),
                    _ if exit => Some(Action::Exit),
                    other => other,
                };
                action.map(|action| Decision { action, node_id })
            })
            .collect();
        decisions.sort_by_key(|d| (rank(d.action), d.node_id));
        decisions
    }

    /// Signs and submits every decision due at the latest block's time, from `sender`, syncing
    /// before and after each one; a node younger than [`MIN_DECISION_AGE`] waits for a later round.
    pub async fn act(&mut self, deployment: &Deployment, sender: Address) -> Result<Vec<Decision>> {
        self.sync(deployment).await?;
        let now = session_client::provider::now(&deployment.provider).await?;
        let mut decisions = Vec::new();
        for decision in self.due(now) {
            let Decision { action, node_id } = decision;
            // The registry takes no decision on a node younger than this; it waits for a later round.
            let record = deployment.lens.nodeRecord(node_id).call().await.during("reading a node's age")?;
            if now < record.registeredAt + MIN_DECISION_AGE {
                continue;
            }
            let signed = self.network.sign(action, node_id, now)?;
            deployment.submit_decision(sender, action, node_id, now, &signed).await?;
            // An exit or a liquidation takes a key out of the contract's aggregate: the next
            // signature of the round must be over the new set of nodes.
            self.sync(deployment).await?;
            decisions.push(decision);
        }
        Ok(decisions)
    }
}

/// Position of an action in a round (see [`Witness::due`]).
fn rank(action: Action) -> u8 {
    match action {
        Action::Liquidation => 0,
        Action::Decommission => 1,
        Action::Recommission => 2,
        Action::Exit => 3,
        // Not a node's: the witness never schedules it (see `sesh network lower-requirement`).
        Action::StakingRequirement => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::downtime::{DECOMMISSION_AFTER, LIQUIDATE_AFTER};

    const T: u64 = 1_000_000;

    /// A witness running nodes 1..=`size` (all online), as if it had synced their registrations.
    fn witness(size: u64) -> Witness {
        let keys: Vec<NodeKeys> = (1..=size).map(|id| NodeKeys::derived(7, id)).collect();
        let mut witness = Witness::with_domain(Domain::new(31337, [7; 20]), keys.clone());
        for (id, keys) in (1..=size).zip(keys) {
            witness.network.join(id, keys);
        }
        witness
    }

    fn decision(action: Action, node_id: u64) -> Decision {
        Decision { action, node_id }
    }

    #[test]
    fn an_offline_node_is_a_non_signer_at_once() {
        let mut witness = witness(4);
        witness.set_offline(2, T).unwrap();
        assert!(!witness.network.is_online(2));
        assert_eq!(witness.network.sign(Action::Exit, 1, T).unwrap().non_signers, vec![2]);
        assert_eq!(witness.due(T), vec![], "nothing decided before the grace period");
        witness.set_online(2).unwrap();
        assert!(witness.network.is_online(2));
        assert!(witness.set_offline(9, T).is_err(), "an unknown node");
    }

    #[test]
    fn an_offline_node_is_decommissioned_then_liquidated() {
        let mut witness = witness(4);
        witness.set_offline(3, T).unwrap();
        assert_eq!(witness.due(T + DECOMMISSION_AFTER - 1), vec![]);
        assert_eq!(witness.due(T + DECOMMISSION_AFTER), vec![decision(Action::Decommission, 3)]);
        witness.record(3, true, T + DECOMMISSION_AFTER);
        assert_eq!(witness.decommissioned(), vec![3]);
        assert_eq!(witness.due(T + LIQUIDATE_AFTER - 1), vec![]);
        assert_eq!(witness.due(T + LIQUIDATE_AFTER), vec![decision(Action::Liquidation, 3)]);
    }

    #[test]
    fn a_decommissioned_node_back_online_is_recommissioned_after_its_last_decision() {
        let mut witness = witness(4);
        witness.set_offline(3, T).unwrap();
        let at = T + DECOMMISSION_AFTER;
        witness.record(3, true, at);
        witness.set_online(3).unwrap();
        assert_eq!(witness.due(at), vec![], "the same timestamp would revert");
        assert_eq!(witness.due(at + 1), vec![decision(Action::Recommission, 3)]);
        witness.record(3, false, at + 1);
        assert_eq!(witness.decommissioned(), Vec::<u64>::new());
        assert_eq!(witness.due(at + LIQUIDATE_AFTER), vec![], "back online: never liquidated");
    }

    #[test]
    fn a_node_it_only_observes_is_never_judged() {
        let mut witness = witness(3);
        witness.network.observe(4, NodeKeys::derived(8, 4).bls_public());
        witness.record(4, true, T);
        assert_eq!(witness.due(T + LIQUIDATE_AFTER), vec![], "it cannot tell whether node 4 is back");
        // Unless the simulation itself puts it down.
        witness.take_down(4).unwrap();
        assert_eq!(witness.due(T + 1), vec![decision(Action::Liquidation, 4)]);
    }

    #[test]
    fn a_taken_down_node_is_liquidated_at_once_even_back_online() {
        let mut witness = witness(4);
        witness.take_down(1).unwrap();
        assert_eq!(witness.due(T), vec![decision(Action::Liquidation, 1)]);
        witness.set_online(1).unwrap();
        assert_eq!(witness.due(T), vec![decision(Action::Liquidation, 1)]);
    }

    #[test]
    fn one_decision_per_node_the_liquidation_first_then_the_exit() {
        let mut witness = witness(6);
        // Node 1: exit due and faulty -> liquidation. Node 2: exit due and offline past the grace
        // period -> exit.
        witness.exit_requests.insert(1, T);
        witness.exit_requests.insert(2, T);
        witness.take_down(1).unwrap();
        witness.set_offline(2, T).unwrap();
        let now = T + NETWORK_UNLOCK_PERIOD;
        assert_eq!(witness.due(now), vec![decision(Action::Liquidation, 1), decision(Action::Exit, 2)]);
        assert_eq!(witness.due(now - 1), vec![decision(Action::Liquidation, 1), decision(Action::Decommission, 2)]);
    }

    #[test]
    fn a_round_orders_liquidations_decommissions_recommissions_exits_each_by_node_id() {
        let mut witness = witness(12);
        witness.exit_requests.insert(1, T);
        witness.set_offline(4, T).unwrap();
        witness.set_offline(3, T).unwrap();
        witness.record(6, true, T);
        witness.record(5, true, T);
        witness.take_down(8).unwrap();
        witness.take_down(7).unwrap();
        let due = witness.due(T + NETWORK_UNLOCK_PERIOD);
        let expected = [
            (Action::Liquidation, 7),
            (Action::Liquidation, 8),
            (Action::Decommission, 3),
            (Action::Decommission, 4),
            (Action::Recommission, 5),
            (Action::Recommission, 6),
            (Action::Exit, 1),
        ];
        assert_eq!(due, expected.map(|(action, id)| decision(action, id)).to_vec());
    }

    #[test]
    fn a_node_that_left_is_forgotten() {
        let mut witness = witness(3);
        witness.set_offline(2, T).unwrap();
        witness.record(2, true, T + DECOMMISSION_AFTER);
        witness.exit_requests.insert(2, T);
        witness.forget(2);
        assert_eq!(witness.network.node_ids(), vec![1, 3]);
        assert_eq!((witness.downtime().outage(2), witness.decommissioned()), (None, vec![]));
        assert_eq!(witness.due(T + LIQUIDATE_AFTER), vec![]);
    }
}
