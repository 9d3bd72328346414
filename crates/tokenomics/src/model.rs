//! The step model: the same plan computed without a chain, from the contracts' published rules
//! (docs/tokenomics.md). It must agree with the chain run to the atomic unit every day; where it
//! does not, one of the two is wrong.

use crate::{
    plan::Plan,
    record::{DayRecord, SESH},
};
use eyre::{OptionExt, ensure};
use session_deploy::genesis::{GenesisConfig, Recipient};

/// The pool's rate: 15.1% a year of its balance, accrued by the second.
pub const RATE_BPS: u128 = 1_510;
/// Seconds in the pool's year.
pub const YEAR: u128 = 365 * 86_400;
/// A day.
pub const DAY: u64 = 86_400;
/// The fee router's share for liquidity: 10%.
pub const LIQUIDITY_BPS: u128 = 1_000;

/// The rules and constants a run depends on, from the genesis config and the registry's
/// defaults (the chain run checks them against the contracts before it starts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Economics {
    /// The staking requirement.
    pub requirement: u128,
    /// Liquidation ratios: liquidator, pool, returned to the stakers.
    pub liquidation_ratios: [u128; 3],
    /// The pool's genesis balance.
    pub pool_initial: u128,
    /// Allocations locked at genesis (they do not circulate).
    pub locked: u128,
    /// The token's total supply.
    pub total_supply: u128,
    /// Pro plans 1 and 2: USD price (6 decimals).
    pub pro_usd: [u128; 2],
    /// Pro plans 1 and 2: days.
    pub pro_days: [u64; 2],
    /// Names of 3, 4 and 5+ characters: USD price (6 decimals).
    pub names_usd: [u128; 3],
}

impl Economics {
    /// The economics of a deployment of `genesis` (registry defaults: 25,000 SESH, liquidation
    /// ratios 3 : 17 : 9980).
    pub fn from_genesis(genesis: &GenesisConfig) -> eyre::Result<Self> {
        let fees = genesis.fees.as_ref().ok_or_eyre("the simulation needs a genesis config with [fees]")?;
        let plan = |id: u64| -> eyre::Result<(u128, u64)> {
            let p = fees
                .pro_plans
                .iter()
                .find(|p| p.id == id)
                .ok_or_eyre(format!("the genesis config has no Pro plan {id}"))?;
            Ok((usd6(&p.usd)?, p.days))
        };
        let ((usd1, days1), (usd2, days2)) = (plan(1)?, plan(2)?);
        let names = &fees.name_prices_usd;
        let sesh = |whole: u64| u128::from(whole) * SESH;
        let pool: u64 =
            genesis.allocations.iter().filter(|a| a.recipient == Recipient::RewardPool).map(|a| a.amount).sum();
        let locked: u64 = genesis
            .allocations
            .iter()
            .filter(|a| !a.liquid && a.recipient != Recipient::RewardPool)
            .map(|a| a.amount)
            .sum();
        let total: u64 = genesis.allocations.iter().map(|a| a.amount).sum();
        Ok(Self {
            requirement: 25_000 * SESH,
            liquidation_ratios: [3, 17, 9_980],
            pool_initial: sesh(pool),
            locked: sesh(locked),
            total_supply: sesh(total),
            pro_usd: [usd1, usd2],
            pro_days: [days1, days2],
            names_usd: [usd6(&names[0])?, usd6(&names[1])?, usd6(&names[2])?],
        })
    }

    /// The pool's share of a liquidated full stake (rounded up, as the registry does).
    pub fn liquidation_to_pool(&self) -> u128 {
        let [l, p, r] = self.liquidation_ratios;
        (self.requirement * p + l + p + r - 1) / (l + p + r)
    }
}

/// "4.99" -> 4_990_000 (USD with 6 decimals).
pub fn usd6(text: &str) -> eyre::Result<u128> {
    let answer = crate::scenario::usd_to_answer(text)?;
    ensure!(answer % 100 == 0, "`{text}`: prices in USD have at most 6 decimals");
    Ok((answer / 100) as u128)
}

/// SESH for `usd` (6 decimals) at the feed's `answer` (8 decimals), rounded up as the fee
/// contracts do.
pub fn quote(usd: u128, answer: i128) -> u128 {
    let price = answer as u128;
    (usd * 100_000_000_000).div_ceil(price)
}

/// The fee router's split: (to the pool, to liquidity), liquidity rounded down.
pub fn split(amount: u128) -> (u128, u128) {
    let liquidity = amount * LIQUIDITY_BPS / 10_000;
    (amount - liquidity, liquidity)
}

/// The reward pool: a balance, the part of it that accrues, and the last payout's time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolModel {
    /// Tokens held.
    pub balance: u128,
    /// Tokens accruing since `last` (deposits join at once, plain transfers at the next payout).
    pub accruing: u128,
    /// Time of the last payout.
    pub last: u64,
}

impl PoolModel {
    /// A pool holding `balance`, all of it accruing from `at`.
    pub fn new(balance: u128, at: u64) -> Self {
        Self { balance, accruing: balance, last: at }
    }

    /// Pays what accrued until `now`: `base * 15.1% * elapsed / year`, rounded down.
    pub fn release(&mut self, now: u64) -> u128 {
        let elapsed = u128::from(now - self.last);
        if elapsed == 0 {
            return 0;
        }
        let base = self.accruing.min(self.balance);
        let amount = (base * RATE_BPS * elapsed / (10_000 * YEAR)).min(base);
        self.balance -= amount;
        self.accruing = self.balance;
        self.last = now;
        amount
    }

    /// A deposit (the fee router's): pays what accrued first, then accrues at once. Returns the
    /// payout.
    pub fn deposit(&mut self, now: u64, amount: u128) -> u128 {
        let released = self.release(now);
        self.balance += amount;
        self.accruing += amount;
        released
    }

    /// A plain transfer in (a liquidation's part, an undistributable release): accrues from the
    /// next payout.
    pub fn receive(&mut self, amount: u128) {
        self.balance += amount;
    }
}

/// Runs `plan` through the model from a pool that starts accruing its genesis balance at `t0`;
/// day `d` happens at `t0 + d` days.
pub fn run(plan: &Plan, economics: &Economics, t0: u64) -> Vec<DayRecord> {
    let mut pool = PoolModel::new(economics.pool_initial, t0);
    let mut records = Vec::with_capacity(plan.days.len());
    for day in &plan.days {
        let t = t0 + day.day * DAY;
        let mut r = DayRecord {
            day: day.day,
            timestamp: t,
            price_answer: day.price_answer,
            network_size: day.earning_at_distribution,
            requirement: economics.requirement,
            total_supply: economics.total_supply,
            ..DayRecord::default()
        };
        r.release = pool.release(t);
        if day.earning_at_distribution == 0 {
            r.returned_to_pool = r.release;
            pool.receive(r.release);
        } else {
            r.reward_per_node = r.release / u128::from(day.earning_at_distribution);
        }
        for _ in &day.liquidate {
            let part = economics.liquidation_to_pool();
            r.liquidations_to_pool += part;
            pool.receive(part);
        }
        for amount in payments(day, economics) {
            let (to_pool, to_liquidity) = split(amount);
            r.fees_paid += amount;
            r.fees_to_pool += to_pool;
            r.fees_to_liquidity += to_liquidity;
            // Same second as the day's release: the deposit's own payout is zero.
            r.release += pool.deposit(t, to_pool);
        }
        r.pool_balance = pool.balance;
        r.staked = u128::from(day.staked_nodes) * economics.requirement;
        // Saturating: a scenario whose users pay more than circulates (the break-even search's upper
        // bound) is not one the chain could run; its pool figures are still the rules' answer.
        r.circulating = economics.total_supply.saturating_sub(pool.balance + economics.locked);
        records.push(r);
    }
    records
}

/// The day's fee payments as the fee router routes them: one real payment per product class
/// that sold (a Pro subscription per plan, a name per length), then the rest of the day's
/// sales in one batch.
pub fn payments(day: &crate::plan::DayPlan, economics: &Economics) -> Vec<u128> {
    let mut routed = Vec::new();
    let mut batch = 0;
    let classes = day.pro.iter().zip(economics.pro_usd).chain(day.names.iter().zip(economics.names_usd));
    for (count, usd) in classes {
        if *count > 0 {
            let each = quote(usd, day.price_answer);
            routed.push(each);
            batch += each * u128::from(count - 1);
        }
    }
    if batch > 0 {
        routed.push(batch);
    }
    routed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{DayPlan, Plan};

    fn economics() -> Economics {
        let genesis = crate::simulation_genesis().unwrap();
        Economics::from_genesis(&genesis).unwrap()
    }

    fn quiet_days(days: u64, nodes: u64) -> Plan {
        let days = (1..=days)
            .map(|day| DayPlan {
                day,
                price_answer: 50_000_000,
                earning_at_distribution: nodes,
                staked_nodes: nodes,
                ..DayPlan::default()
            })
            .collect();
        Plan { initial_nodes: nodes, initial_price_answer: 50_000_000, days }
    }

    #[test]
    fn day_one_releases_16547_945205479_sesh_from_40m() {
        let records = run(&quiet_days(1, 1_000), &economics(), 1_000_000);
        assert_eq!(records[0].release, 16_547_945_205_479);
        assert_eq!(crate::record::sesh(records[0].release), "16547.945205479");
    }

    #[test]
    fn without_inflow_the_pool_holds_86_percent_after_a_year_and_74_after_two() {
        let records = run(&quiet_days(730, 1_000), &economics(), 0);
        let share = |day: usize| records[day - 1].pool_balance as f64 / (40_000_000 * SESH) as f64;
        assert!((share(365) - 0.860).abs() < 0.0005, "{}", share(365));
        assert!((share(730) - 0.739).abs() < 0.0005, "{}", share(730));
    }

    #[test]
    fn a_constant_daily_inflow_converges_to_365_times_the_inflow_over_the_rate() {
        let mut pool = PoolModel::new(40_000_000 * SESH, 0);
        let inflow = 10_000 * SESH;
        for day in 1..=60 * 365 {
            pool.release(day * DAY);
            pool.deposit(day * DAY, inflow);
        }
        let equilibrium = 365.0 * inflow as f64 / 0.151;
        // At equilibrium the day's release equals the inflow: P * 0.151 / 365 = I. The gap shrinks by
        // e every 1 / r = 2,417 days: after 60 years it is 1e-4 of the start's.
        assert!((pool.balance as f64 / equilibrium - 1.0).abs() < 0.001, "{} vs {equilibrium}", pool.balance);
    }

    #[test]
    fn fees_split_90_10_to_the_atomic_unit() {
        for amount in [1u128, 9, 10, 11, 99_999, 9_980_000_001] {
            let (pool, liquidity) = split(amount);
            assert_eq!(pool + liquidity, amount);
            assert_eq!(liquidity, amount / 10);
        }
        // $4.99 at $0.50: 9.98 SESH, 0.998 to liquidity.
        assert_eq!(quote(4_990_000, 50_000_000), 9_980_000_000);
        assert_eq!(split(9_980_000_000), (8_982_000_000, 998_000_000));
        // Rounded up: $1 at $3 is 0.333333334 SESH.
        assert_eq!(quote(1_000_000, 300_000_000), 333_333_334);
    }

    #[test]
    fn supply_never_exceeds_240m() {
        let scenario =
            crate::scenario::Scenario::parse(include_str!("../../../config/scenarios/optimistic.toml")).unwrap();
        let plan = crate::plan::plan(&scenario, [30, 365]).unwrap();
        let e = economics();
        for r in run(&plan, &e, 0) {
            assert!(r.total_supply <= 240_000_000 * SESH);
            assert_eq!(r.circulating + r.pool_balance + e.locked, r.total_supply, "day {}", r.day);
        }
    }

    #[test]
    fn a_liquidation_gives_the_pool_17_of_10000_rounded_up() {
        assert_eq!(economics().liquidation_to_pool(), 42_500_000_000);
    }
}
