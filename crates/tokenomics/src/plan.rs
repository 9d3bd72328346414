//! A scenario turned into what happens each day: the price, how many Pro payments and Names
//! registrations, and which nodes join, ask to leave, leave, are liquidated, decommissioned or
//! recommissioned. The chain run and the step model both replay this one plan, so they can only
//! differ where the contracts and the model compute differently.
//!
//! Counts come from rates by cumulative flooring: the `k`-th event of a rate happens on the first
//! day its running sum reaches `k`, so fractional rates are honoured over time and the plan is
//! the same on every machine.

use crate::scenario::{Scenario, interpolate, price_answer};
use std::collections::BTreeMap;

/// Days between an exit request and the exit (the registry's 30-day notice).
pub const EXIT_NOTICE_DAYS: u64 = 30;
/// Days between two claims of every node's rewards.
pub const CLAIM_EVERY_DAYS: u64 = 7;
/// Joins the registry admits in one block: 2% of the earning nodes, at least 20.
pub fn join_limit(earning: u64) -> u64 {
    (earning * 2 / 100).max(20)
}

/// One day of the plan. Within the day's block the order is: distribution, exits finalized
/// (stakes withdrawn), liquidations (the returned part withdrawn), decommissions,
/// recommissions, exit requests, joins, fees, and the next day's price.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayPlan {
    /// 1-based day.
    pub day: u64,
    /// The price feed's answer (8 decimals) the day's payments are priced at.
    pub price_answer: i128,
    /// Pro payments on plan 1 (monthly) and plan 2 (yearly).
    pub pro: [u64; 2],
    /// Names registered of 3, 4 and 5+ characters.
    pub names: [u64; 3],
    /// Nodes whose 30-day notice ends today: the exit is finalized and the stake withdrawn.
    pub finalize: Vec<u64>,
    /// Nodes the network liquidates.
    pub liquidate: Vec<u64>,
    /// Nodes the network decommissions.
    pub decommission: Vec<u64>,
    /// Nodes the network recommissions.
    pub recommission: Vec<u64>,
    /// Nodes whose operator asks to leave.
    pub request_exit: Vec<u64>,
    /// New nodes (the next registration ids).
    pub joins: u64,
    /// Nodes whose rewards the operator claims today (weekly, at the end of the day's block: the
    /// operators sell their rewards to the app users, who would otherwise run out of SESH). Claims
    /// move nothing into or out of the pool.
    pub claim: Vec<u64>,
    /// Earning nodes when the day's release is distributed (before the day's changes).
    pub earning_at_distribution: u64,
    /// Nodes whose stake is in the registry at the end of the day (running, leaving, or
    /// decommissioned).
    pub staked_nodes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum NodeState {
    Active { since_day: u64 },
    Leaving { until_day: u64 },
    Decommissioned { until_day: u64 },
}

/// A fractional rate turned into whole events by cumulative flooring.
#[derive(Debug, Default, Clone)]
struct Counter {
    sum: f64,
    emitted: u64,
}

impl Counter {
    fn take(&mut self, rate: f64) -> u64 {
        self.sum += rate.max(0.0);
        let due = self.sum.floor() as u64;
        let n = due.saturating_sub(self.emitted);
        self.emitted += n;
        n
    }
}

/// A small deterministic generator (xorshift64*) for which nodes leave.
#[derive(Debug, Clone)]
struct Picker(u64);

impl Picker {
    fn next(&mut self, below: usize) -> usize {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        (x.wrapping_mul(0x2545_f491_4f6c_dd1d) % below as u64) as usize
    }
}

/// The whole plan: the network seeded at launch, then one entry per day.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Nodes seeded before day 1 (ids `1..=initial_nodes`).
    pub initial_nodes: u64,
    /// Day 0's price (posted before day 1's payments).
    pub initial_price_answer: i128,
    /// Days `1..=days`.
    pub days: Vec<DayPlan>,
}

/// Plans `scenario`, with Pro plans lasting `plan_days` (monthly, yearly).
pub fn plan(scenario: &Scenario, plan_days: [u64; 2]) -> eyre::Result<Plan> {
    let initial_nodes = interpolate(&scenario.network.size, 0).round() as u64;
    let mut nodes: BTreeMap<u64, NodeState> =
        (1..=initial_nodes).map(|id| (id, NodeState::Active { since_day: 0 })).collect();
    let mut next_id = initial_nodes + 1;
    let mut picker = Picker(scenario.seed | 1);
    let (mut pro, mut names) =
        ([Counter::default(), Counter::default()], [Counter::default(), Counter::default(), Counter::default()]);
    let (mut exits, mut liquidations, mut decommissions) = (Counter::default(), Counter::default(), Counter::default());
    let mut days = Vec::with_capacity(scenario.days as usize);
    let mut ended_since_claim: Vec<u64> = Vec::new();
    for day in 1..=scenario.days {
        let earning = |nodes: &BTreeMap<u64, NodeState>| {
            nodes.values().filter(|s| !matches!(s, NodeState::Decommissioned { .. })).count() as u64
        };
        let mut today = DayPlan {
            day,
            price_answer: price_answer(&scenario.price.usd, day)?,
            earning_at_distribution: earning(&nodes),
            ..DayPlan::default()
        };
        let subscribers = interpolate(&scenario.pro.subscribers, day);
        let shares = [1.0 - scenario.pro.yearly_share, scenario.pro.yearly_share];
        for ((count, counter), (share, days)) in today.pro.iter_mut().zip(&mut pro).zip(shares.iter().zip(plan_days)) {
            *count = counter.take(subscribers * share / days as f64);
        }
        let names_today = interpolate(&scenario.names.per_month, day) / 30.0;
        for ((count, counter), share) in today.names.iter_mut().zip(&mut names).zip(scenario.names.length_mix) {
            *count = counter.take(names_today * share);
        }

        // Ends and returns that are due.
        for (id, state) in nodes.clone() {
            match state {
                NodeState::Leaving { until_day } if until_day == day => {
                    today.finalize.push(id);
                    nodes.remove(&id);
                }
                NodeState::Decommissioned { until_day } if until_day == day => {
                    today.recommission.push(id);
                    nodes.insert(id, NodeState::Active { since_day: day });
                }
                _ => {}
            }
        }
        // The network acts on nodes that earn, are not leaving and joined before today (a
        // decision needs a node at least 2 hours old).
        let net = &scenario.network;
        for _ in 0..liquidations.take(net.liquidations_per_year / 365.0) {
            if let Some(id) = pick(&nodes, day, &mut picker) {
                today.liquidate.push(id);
                nodes.remove(&id);
            }
        }
        for _ in 0..decommissions.take(net.decommissions_per_year / 365.0) {
            if let Some(id) = pick(&nodes, day, &mut picker) {
                today.decommission.push(id);
                nodes.insert(id, NodeState::Decommissioned { until_day: day + net.decommission_days });
            }
        }
        let active = eligible(&nodes, day).len() as f64;
        for _ in 0..exits.take(active * net.exits_per_month / 30.0) {
            let Some(id) = pick(&nodes, day, &mut picker) else { break };
            today.request_exit.push(id);
            nodes.insert(id, NodeState::Leaving { until_day: day + EXIT_NOTICE_DAYS });
        }
        // Operators join to follow the network's size path, as many as the registry admits.
        let target = interpolate(&net.size, day).round() as u64;
        let earning_now = earning(&nodes);
        today.joins = target.saturating_sub(earning_now).min(join_limit(earning_now));
        for _ in 0..today.joins {
            nodes.insert(next_id, NodeState::Active { since_day: day });
            next_id += 1;
        }
        today.staked_nodes = nodes.len() as u64;
        ended_since_claim.extend(today.finalize.iter().chain(&today.liquidate));
        if day % CLAIM_EVERY_DAYS == 0 {
            today.claim = nodes.keys().copied().chain(ended_since_claim.drain(..)).collect();
            today.claim.sort_unstable();
        }
        days.push(today);
    }
    Ok(Plan { initial_nodes, initial_price_answer: price_answer(&scenario.price.usd, 0)?, days })
}

/// One node the network (or its operator) can act on today, chosen by `picker`.
fn pick(nodes: &BTreeMap<u64, NodeState>, day: u64, picker: &mut Picker) -> Option<u64> {
    let eligible = eligible(nodes, day);
    (!eligible.is_empty()).then(|| eligible[picker.next(eligible.len())])
}

fn eligible(nodes: &BTreeMap<u64, NodeState>, day: u64) -> Vec<u64> {
    nodes
        .iter()
        .filter(|(_, s)| matches!(s, NodeState::Active { since_day } if *since_day < day))
        .map(|(id, _)| *id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        Scenario::parse(include_str!("../../../config/scenarios/pessimistic.toml")).unwrap()
    }

    #[test]
    fn fractional_rates_add_up_over_time() {
        let mut counter = Counter::default();
        let total: u64 = (0..100).map(|_| counter.take(0.25)).sum();
        assert_eq!(total, 25);
    }

    #[test]
    fn the_plan_is_deterministic_and_follows_the_size_path() {
        let s = scenario();
        let (a, b) = (plan(&s, [30, 365]).unwrap(), plan(&s, [30, 365]).unwrap());
        assert_eq!(a.days, b.days);
        let last = a.days.last().unwrap();
        let target = interpolate(&s.network.size, s.days).round() as u64;
        let decommissioned = a
            .days
            .iter()
            .rev()
            .take(s.network.decommission_days as usize)
            .map(|d| d.decommission.len() as u64)
            .sum::<u64>();
        assert!(last.earning_at_distribution + decommissioned + 30 >= target, "the network stays near its path");
    }

    #[test]
    fn a_node_leaves_thirty_days_after_asking_and_is_acted_on_once() {
        let p = plan(&scenario(), [30, 365]).unwrap();
        let mut ended = std::collections::BTreeSet::new();
        for day in &p.days {
            for id in &day.request_exit {
                let finalized = p.days.iter().find(|d| d.finalize.contains(id)).map(|d| d.day);
                assert!(finalized.is_none_or(|f| f == day.day + EXIT_NOTICE_DAYS));
            }
            for id in day.finalize.iter().chain(&day.liquidate) {
                assert!(ended.insert(*id), "node {id} ended twice");
            }
        }
        assert!(!ended.is_empty());
    }
}
