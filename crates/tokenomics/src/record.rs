//! One simulated day as the CSV shows it, the same for the chain run and the step model.

use std::fmt::Write as _;
use std::path::Path;

/// Atomic units per SESH (9 decimals).
pub const SESH: u128 = 1_000_000_000;

/// What one day did. Amounts in atomic SESH units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayRecord {
    /// 1-based day.
    pub day: u64,
    /// Block time of the day.
    pub timestamp: u64,
    /// SESH/USD the day's payments were priced at (8 decimals).
    pub price_answer: i128,
    /// The pool's balance at the end of the day.
    pub pool_balance: u128,
    /// What the pool released to the registry (15.1% a year of its balance, for the day).
    pub release: u128,
    /// Pro and Names payments, in SESH.
    pub fees_paid: u128,
    /// Their 90% reminted into the pool.
    pub fees_to_pool: u128,
    /// Their 10% sent to the liquidity treasury.
    pub fees_to_liquidity: u128,
    /// The pool's share of liquidated stakes.
    pub liquidations_to_pool: u128,
    /// A release no node earned (N = 0), handed back to the pool.
    pub returned_to_pool: u128,
    /// Earning nodes that shared the day's release.
    pub network_size: u64,
    /// The day's release divided by `network_size`, rounded down.
    pub reward_per_node: u128,
    /// The staking requirement (a full stake).
    pub requirement: u128,
    /// SESH staked in registered nodes.
    pub staked: u128,
    /// Total supply minus the pool and the locked allocations.
    pub circulating: u128,
    /// Total supply (never above 240,000,000 SESH).
    pub total_supply: u128,
}

impl DayRecord {
    /// Tokens into the pool that day.
    pub fn inflow(&self) -> u128 {
        self.fees_to_pool + self.liquidations_to_pool + self.returned_to_pool
    }

    /// Tokens out of the pool that day.
    pub fn outflow(&self) -> u128 {
        self.release
    }

    /// APR of a full stake in basis points: a day's reward per node for a year, over the stake.
    pub fn apr_bps(&self) -> u128 {
        (self.reward_per_node * 365 * 10_000).checked_div(self.requirement).unwrap_or(0)
    }
}

/// Exact decimal SESH: `16547.945205479`.
pub fn sesh(amount: u128) -> String {
    let fraction = amount % SESH;
    if fraction == 0 {
        return (amount / SESH).to_string();
    }
    let text = format!("{}.{:09}", amount / SESH, fraction);
    text.trim_end_matches('0').to_string()
}

/// The CSV's columns.
pub const HEADER: &str = "day,timestamp,price_usd,pool_balance,release,inflow,fees_paid,fees_to_pool,fees_to_liquidity,liquidations_to_pool,returned_to_pool,network_size,reward_per_node_per_day,apr_percent,staked_supply,circulating_supply,total_supply";

/// The whole CSV: SESH amounts exact to the atomic unit, the price in USD.
pub fn csv(records: &[DayRecord]) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for r in records {
        let apr = r.apr_bps();
        let _ = writeln!(
            out,
            "{},{},{}.{:08},{},{},{},{},{},{},{},{},{},{},{}.{:02},{},{},{}",
            r.day,
            r.timestamp,
            r.price_answer / 100_000_000,
            r.price_answer % 100_000_000,
            sesh(r.pool_balance),
            sesh(r.release),
            sesh(r.inflow()),
            sesh(r.fees_paid),
            sesh(r.fees_to_pool),
            sesh(r.fees_to_liquidity),
            sesh(r.liquidations_to_pool),
            sesh(r.returned_to_pool),
            r.network_size,
            sesh(r.reward_per_node),
            apr / 100,
            apr % 100,
            sesh(r.staked),
            sesh(r.circulating),
            sesh(r.total_supply),
        );
    }
    out
}

/// Writes the CSV to `path`.
pub fn write_csv(path: &Path, records: &[DayRecord]) -> eyre::Result<()> {
    std::fs::write(path, csv(records))?;
    Ok(())
}

/// What the run says about the seeds' goal: the first day more came into the pool than left it,
/// and the pool after two years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// First day whose inflow exceeds its outflow, if any.
    pub break_even_day: Option<u64>,
    /// Pool balance at the end of day 730 (or the last day).
    pub pool_at_two_years: u128,
    /// The day that balance is from.
    pub pool_day: u64,
}

/// Summarises a run.
pub fn summarize(records: &[DayRecord]) -> Summary {
    let break_even_day = records.iter().find(|r| r.inflow() > r.outflow()).map(|r| r.day);
    let at = records.iter().take(730).next_back().cloned().unwrap_or_default();
    Summary { break_even_day, pool_at_two_years: at.pool_balance, pool_day: at.day }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.break_even_day {
            Some(day) => write!(f, "inflow first exceeds outflow on day {day}")?,
            None => write!(f, "inflow never exceeds outflow within the horizon")?,
        }
        write!(f, "; pool balance on day {}: {} SESH", self.pool_day, sesh(self.pool_at_two_years))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_exactly() {
        assert_eq!(sesh(16_547_945_205_479), "16547.945205479");
        assert_eq!(sesh(40_000_000 * SESH), "40000000");
        assert_eq!(sesh(1), "0.000000001");
    }

    #[test]
    fn apr_is_a_year_of_the_days_reward_over_a_full_stake() {
        let r = DayRecord { reward_per_node: 25 * SESH, requirement: 25_000 * SESH, ..DayRecord::default() };
        assert_eq!(r.apr_bps(), 3_650);
    }
}
