//! The break-even search: the fewest Pro subscribers (at the scenario's plan mix, price path,
//! names and network) for which the pool's daily inflow first exceeds its outflow within two
//! years. The scenario's subscriber curve keeps its shape and is scaled so that it reaches `S`
//! subscribers on day 730; `S` is found by bisection over step-model runs (which agree with the
//! chain to the atomic unit, see the tests), and the caller may confirm the answer on chain.

use crate::{model, plan, record, scenario::Scenario};

/// Two years, the seeds' horizon.
pub const HORIZON_DAYS: u64 = 730;
/// The search's upper bound: more subscribers than this is reported as "not within reach".
pub const MAX_SUBSCRIBERS: u64 = 1_000_000;

/// The search's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakEven {
    /// Fewest subscribers on day 730 for which inflow exceeds outflow by day 730 (None: not
    /// even at [`MAX_SUBSCRIBERS`]).
    pub subscribers: Option<u64>,
    /// The day inflow first exceeds outflow at that adoption.
    pub day: Option<u64>,
    /// Model runs the bisection took.
    pub runs: u32,
}

/// `scenario` with its Pro curve scaled to reach `subscribers` on day 730, over two years.
pub fn with_subscribers(scenario: &Scenario, subscribers: u64) -> eyre::Result<Scenario> {
    let mut s = scenario.clone();
    s.days = HORIZON_DAYS;
    let end = crate::scenario::interpolate(&scenario.pro.subscribers, HORIZON_DAYS);
    eyre::ensure!(end > 0.0, "the scenario's Pro curve is zero on day 730: nothing to scale");
    let factor = subscribers as f64 / end;
    for point in &mut s.pro.subscribers {
        point.1 *= factor;
    }
    Ok(s)
}

/// The break-even day of `scenario` scaled to `subscribers`, on the step model.
pub fn break_even_day(
    scenario: &Scenario,
    economics: &model::Economics,
    subscribers: u64,
) -> eyre::Result<Option<u64>> {
    let s = with_subscribers(scenario, subscribers)?;
    let plan = plan::plan(&s, economics.pro_days)?;
    Ok(record::summarize(&model::run(&plan, economics, 0)).break_even_day)
}

/// Bisects the fewest subscribers that break even within two years.
pub fn find(scenario: &Scenario, economics: &model::Economics) -> eyre::Result<BreakEven> {
    let mut runs = 1;
    if break_even_day(scenario, economics, MAX_SUBSCRIBERS)?.is_none() {
        return Ok(BreakEven { subscribers: None, day: None, runs });
    }
    // Invariant: `high` breaks even, `low` does not (0 may: then the answer is 0).
    let (mut low, mut high) = (0u64, MAX_SUBSCRIBERS);
    runs += 1;
    if break_even_day(scenario, economics, 0)?.is_some() {
        high = 0;
    }
    while high > 0 && high - low > 1 {
        let mid = low + (high - low) / 2;
        runs += 1;
        if break_even_day(scenario, economics, mid)?.is_some() {
            high = mid;
        } else {
            low = mid;
        }
    }
    Ok(BreakEven { subscribers: Some(high), day: break_even_day(scenario, economics, high)?, runs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_breaks_even_and_one_fewer_does_not() {
        let scenario = Scenario::parse(include_str!("../../../config/scenarios/base.toml")).unwrap();
        let economics = model::Economics::from_genesis(&crate::simulation_genesis().unwrap()).unwrap();
        let found = find(&scenario, &economics).unwrap();
        let s = found.subscribers.expect("the base scenario can break even with enough subscribers");
        assert!(found.day.unwrap() <= HORIZON_DAYS);
        assert!(break_even_day(&scenario, &economics, s).unwrap().is_some());
        assert!(s == 0 || break_even_day(&scenario, &economics, s - 1).unwrap().is_none());
    }
}
