//! The simulated downtime model: how the network judges a node that stops signing.
//!
//! A node that goes offline is a non-signer at once. Once it has been offline for
//! [`DECOMMISSION_AFTER`] the network decommissions it (it stays registered but stops earning);
//! if it comes back online while decommissioned it is recommissioned; if it is still offline
//! [`LIQUIDATE_AFTER`] after it went down, it is liquidated. A node judged faulty outright
//! ([`Outage::Faulty`]) is liquidated at once.
//!
//! Pure and deterministic: a decision is a function of the node's outage, what the contract last
//! recorded about it, and the time. Nothing here reads a clock or the chain.

use session_bls::messages::Action;
use std::collections::BTreeMap;

/// Seconds offline before the network decommissions a node: long enough that a restart or a
/// short partition costs nothing, short enough that a dead node soon stops earning.
pub const DECOMMISSION_AFTER: u64 = 3_600;

/// Seconds offline, counted from when the node went down (not from its decommission), before the
/// network gives up on it and liquidates it.
pub const LIQUIDATE_AFTER: u64 = 24 * 3_600;

/// Why a node is not signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outage {
    /// It went offline and may come back.
    Offline {
        /// When it went offline (a timestamp, in seconds).
        since: u64,
    },
    /// It was judged faulty: liquidated at once, whatever it does next.
    Faulty,
}

/// What the contract last recorded about a node, as far as the model needs it (the witness
/// follows it from the registry's events).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    /// Whether the node is decommissioned (registered, not earning).
    pub decommissioned: bool,
    /// Timestamp of its last decommission or recommission, 0 if none.
    pub last_decision_at: u64,
}

/// The downtime decision on a node at `now`, if any; `outage` is `None` for a node that is
/// online. Never returns a decision the registry would refuse for the node's status or its
/// timestamp: a decommission only for an earning node, a recommission only for a decommissioned
/// one, both only strictly after the node's last one.
pub fn judge(outage: Option<Outage>, standing: Standing, now: u64) -> Option<Action> {
    // The registry takes a de/recommission signed strictly after the node's last one only; one
    // that would tie waits for the next round.
    let fresh = now > standing.last_decision_at;
    match outage {
        Some(Outage::Faulty) => Some(Action::Liquidation),
        Some(Outage::Offline { since }) => {
            let offline_for = now.saturating_sub(since);
            if offline_for >= LIQUIDATE_AFTER {
                // Also when it was never decommissioned (nobody acted in between): liquidating
                // is what is due now, a decommission first would only cost a transaction.
                Some(Action::Liquidation)
            } else if offline_for >= DECOMMISSION_AFTER && !standing.decommissioned && fresh {
                Some(Action::Decommission)
            } else {
                None
            }
        }
        None => (standing.decommissioned && fresh).then_some(Action::Recommission),
    }
}

/// The outages of the network's nodes, by registration id.
#[derive(Debug, Clone, Default)]
pub struct Downtime {
    outages: BTreeMap<u64, Outage>,
}

impl Downtime {
    /// An empty record: every node online.
    pub fn new() -> Self {
        Self::default()
    }

    /// Node `node_id` went offline at `now`. A node already offline (or faulty) keeps its outage:
    /// the clock runs from when it first went down. Returns whether it was online.
    pub fn go_offline(&mut self, node_id: u64, now: u64) -> bool {
        let mut was_online = false;
        self.outages.entry(node_id).or_insert_with(|| {
            was_online = true;
            Outage::Offline { since: now }
        });
        was_online
    }

    /// Node `node_id` is back online: its offline spell ends, and going offline again restarts
    /// the clock. A faulty node stays faulty (coming back does not undo the judgement). Returns
    /// whether an offline spell ended.
    pub fn come_online(&mut self, node_id: u64) -> bool {
        match self.outages.get(&node_id) {
            Some(Outage::Offline { .. }) => self.outages.remove(&node_id).is_some(),
            _ => false,
        }
    }

    /// Node `node_id` is judged faulty: it is liquidated at once.
    pub fn fault(&mut self, node_id: u64) {
        self.outages.insert(node_id, Outage::Faulty);
    }

    /// Node `node_id` left the registry: nothing more to judge.
    pub fn forget(&mut self, node_id: u64) {
        self.outages.remove(&node_id);
    }

    /// The node's outage, `None` when it is online.
    pub fn outage(&self, node_id: u64) -> Option<Outage> {
        self.outages.get(&node_id).copied()
    }

    /// Every node in an outage, by increasing registration id.
    pub fn outages(&self) -> impl Iterator<Item = (u64, Outage)> + '_ {
        self.outages.iter().map(|(id, outage)| (*id, *outage))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: u64 = 1_000_000;
    const EARNING: Standing = Standing { decommissioned: false, last_decision_at: 0 };

    fn offline_since(since: u64) -> Option<Outage> {
        Some(Outage::Offline { since })
    }

    fn decommissioned_at(at: u64) -> Standing {
        Standing { decommissioned: true, last_decision_at: at }
    }

    #[test]
    fn an_online_earning_node_is_left_alone() {
        assert_eq!(judge(None, EARNING, T), None);
        assert_eq!(judge(None, Standing { decommissioned: false, last_decision_at: T - 10 }, T), None);
    }

    #[test]
    fn an_offline_node_is_decommissioned_once_the_grace_period_is_over_not_before() {
        assert_eq!(judge(offline_since(T), EARNING, T), None, "offline: a non-signer, nothing more yet");
        assert_eq!(judge(offline_since(T), EARNING, T + DECOMMISSION_AFTER - 1), None);
        assert_eq!(judge(offline_since(T), EARNING, T + DECOMMISSION_AFTER), Some(Action::Decommission));
    }

    #[test]
    fn a_decommissioned_offline_node_waits_for_liquidation_counted_from_when_it_went_down() {
        let standing = decommissioned_at(T + DECOMMISSION_AFTER);
        assert_eq!(judge(offline_since(T), standing, T + DECOMMISSION_AFTER + 1), None, "not decommissioned twice");
        assert_eq!(judge(offline_since(T), standing, T + LIQUIDATE_AFTER - 1), None);
        assert_eq!(judge(offline_since(T), standing, T + LIQUIDATE_AFTER), Some(Action::Liquidation));
    }

    #[test]
    fn a_node_offline_past_the_long_period_is_liquidated_even_if_never_decommissioned() {
        assert_eq!(judge(offline_since(T), EARNING, T + LIQUIDATE_AFTER - 1), Some(Action::Decommission));
        assert_eq!(judge(offline_since(T), EARNING, T + LIQUIDATE_AFTER), Some(Action::Liquidation));
    }

    #[test]
    fn a_decommissioned_node_back_online_is_recommissioned_strictly_after_its_last_decision() {
        let at = T + DECOMMISSION_AFTER;
        assert_eq!(judge(None, decommissioned_at(at), at), None, "the registry would refuse the same timestamp");
        assert_eq!(judge(None, decommissioned_at(at), at + 1), Some(Action::Recommission));
    }

    #[test]
    fn a_decommission_never_ties_with_the_nodes_last_decision() {
        // Recommissioned at `at` (by another witness, say) while this one saw it offline all along.
        let at = T + DECOMMISSION_AFTER;
        let recommissioned = Standing { decommissioned: false, last_decision_at: at };
        assert_eq!(judge(offline_since(T), recommissioned, at), None);
        assert_eq!(judge(offline_since(T), recommissioned, at + 1), Some(Action::Decommission));
    }

    #[test]
    fn a_faulty_node_is_liquidated_at_once_whatever_its_standing() {
        assert_eq!(judge(Some(Outage::Faulty), EARNING, 0), Some(Action::Liquidation));
        assert_eq!(judge(Some(Outage::Faulty), decommissioned_at(T), T), Some(Action::Liquidation));
    }

    #[test]
    fn a_clock_behind_the_outage_start_counts_as_not_offline_yet() {
        assert_eq!(judge(offline_since(T), EARNING, T - 1), None);
    }

    #[test]
    fn the_offline_clock_runs_from_the_first_time_down_and_restarts_after_a_return() {
        let mut downtime = Downtime::new();
        assert!(downtime.go_offline(3, T));
        assert!(!downtime.go_offline(3, T + 500), "already offline");
        assert_eq!(downtime.outage(3), offline_since(T));
        assert!(downtime.come_online(3));
        assert_eq!(downtime.outage(3), None);
        assert!(!downtime.come_online(3), "already online");
        assert!(downtime.go_offline(3, T + 900));
        assert_eq!(downtime.outage(3), offline_since(T + 900));
    }

    #[test]
    fn a_fault_overrides_an_offline_spell_and_outlasts_a_return() {
        let mut downtime = Downtime::new();
        downtime.go_offline(2, T);
        downtime.fault(2);
        assert!(!downtime.go_offline(2, T + 1), "a faulty node stays faulty");
        assert!(!downtime.come_online(2));
        assert_eq!(downtime.outage(2), Some(Outage::Faulty));
        downtime.go_offline(5, T);
        assert_eq!(
            downtime.outages().collect::<Vec<_>>(),
            vec![(2, Outage::Faulty), (5, Outage::Offline { since: T })]
        );
        downtime.forget(2);
        assert_eq!(downtime.outage(2), None);
    }
}
