//! Scenario files (TOML): adoption curves, the SESH/USD price path and the network's size over
//! time. Every curve is a list of `[day, value]` points, linear between them and flat after the
//! last; see `config/scenarios/*.toml` for the three shipped ones.

use eyre::{WrapErr, bail, ensure};
use serde::Deserialize;
use std::path::Path;

/// A simulation scenario.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Short name, used for the output folder.
    pub name: String,
    /// Days simulated (730: the seeds' two years).
    pub days: u64,
    /// Seed of the nodes' keys and of which nodes leave.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// The SESH/USD price.
    pub price: PriceCurve,
    /// Session Pro adoption.
    pub pro: ProAdoption,
    /// Session Names adoption.
    pub names: NamesAdoption,
    /// The network of nodes.
    pub network: NetworkPath,
}

fn default_seed() -> u64 {
    0x5e55_1011
}

/// SESH/USD over time.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceCurve {
    /// `[day, "usd"]` points; the price is the feed's 8-decimal answer, interpolated in integers.
    pub usd: Vec<(u64, String)>,
}

/// Paying Session Pro subscribers: each renews at the end of its plan, so a base of `S`
/// subscribers on a plan of `D` days makes `S / D` payments a day.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProAdoption {
    /// `[day, subscribers]` points.
    pub subscribers: Vec<(u64, f64)>,
    /// Share of subscribers on the yearly plan (plan 2); the rest pay monthly (plan 1).
    pub yearly_share: f64,
}

/// Session Names registrations (and renewals) per month, by name length.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamesAdoption {
    /// `[day, names per 30 days]` points.
    pub per_month: Vec<(u64, f64)>,
    /// Shares of 3-character, 4-character and longer names (summing to 1).
    pub length_mix: [f64; 3],
}

/// The network of Session Nodes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkPath {
    /// `[day, nodes]` points: the earning nodes operators aim for; day 0 is the network seeded
    /// at launch (the production network carried over). New nodes join to follow it.
    pub size: Vec<(u64, f64)>,
    /// Share of earning nodes whose operator asks to leave in 30 days (they leave 30 days later).
    pub exits_per_month: f64,
    /// Nodes the network deregisters (liquidates) a year.
    pub liquidations_per_year: f64,
    /// Nodes the network decommissions a year (they stop earning, and come back after
    /// `decommission_days`).
    pub decommissions_per_year: f64,
    /// Days a decommissioned node stays out.
    pub decommission_days: u64,
}

impl Scenario {
    /// Reads and checks a scenario file.
    pub fn load(path: &Path) -> eyre::Result<Self> {
        let text = std::fs::read_to_string(path).wrap_err_with(|| format!("reading {}", path.display()))?;
        Self::parse(&text).wrap_err_with(|| format!("scenario {}", path.display()))
    }

    /// Parses and checks a scenario.
    pub fn parse(text: &str) -> eyre::Result<Self> {
        let scenario: Self = toml::from_str(text)?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// Refuses what the simulation cannot honour.
    pub fn validate(&self) -> eyre::Result<()> {
        ensure!(self.days >= 1 && self.days <= 3_650, "days must be 1..=3650, got {}", self.days);
        ensure!(!self.price.usd.is_empty(), "price.usd needs at least one point");
        for (_, usd) in &self.price.usd {
            let answer = usd_to_answer(usd)?;
            ensure!(answer > 0, "price.usd: {usd} is not a positive price");
        }
        check_points("price.usd", &self.price.usd.iter().map(|(d, _)| (*d, 0.0)).collect::<Vec<_>>())?;
        check_points("pro.subscribers", &self.pro.subscribers)?;
        check_points("names.per_month", &self.names.per_month)?;
        check_points("network.size", &self.network.size)?;
        ensure!((0.0..=1.0).contains(&self.pro.yearly_share), "pro.yearly_share must be within 0..=1");
        let mix: f64 = self.names.length_mix.iter().sum();
        ensure!(
            self.names.length_mix.iter().all(|s| *s >= 0.0) && (mix - 1.0).abs() < 1e-9,
            "names.length_mix must be three non-negative shares summing to 1, sums to {mix}"
        );
        let net = &self.network;
        ensure!((0.0..=1.0).contains(&net.exits_per_month), "network.exits_per_month must be within 0..=1");
        ensure!(
            net.liquidations_per_year >= 0.0 && net.decommissions_per_year >= 0.0,
            "network rates must not be negative"
        );
        ensure!(net.decommission_days >= 1, "network.decommission_days must be at least 1");
        ensure!(
            self.network.size[0].0 == 0 && self.network.size[0].1 >= 1.0,
            "network.size must start at day 0 with nodes"
        );
        Ok(())
    }
}

fn check_points(name: &str, points: &[(u64, f64)]) -> eyre::Result<()> {
    ensure!(!points.is_empty(), "{name} needs at least one point");
    for pair in points.windows(2) {
        ensure!(pair[0].0 < pair[1].0, "{name}: days must increase ({} then {})", pair[0].0, pair[1].0);
    }
    for (day, value) in points {
        ensure!(value.is_finite() && *value >= 0.0, "{name}: the value at day {day} must be a non-negative number");
    }
    Ok(())
}

/// A curve's value at `day`: linear between points, flat outside them.
pub fn interpolate(points: &[(u64, f64)], day: u64) -> f64 {
    let first = points[0];
    if day <= first.0 {
        return first.1;
    }
    for pair in points.windows(2) {
        let ((d0, v0), (d1, v1)) = (pair[0], pair[1]);
        if day <= d1 {
            return v0 + (v1 - v0) * (day - d0) as f64 / (d1 - d0) as f64;
        }
    }
    points[points.len() - 1].1
}

/// The price feed's 8-decimal answer at `day`, interpolated in integers (rounding toward the
/// earlier point), so every implementation of the model gets the same answer.
pub fn price_answer(points: &[(u64, String)], day: u64) -> eyre::Result<i128> {
    let at = |i: usize| -> eyre::Result<(u64, i128)> { Ok((points[i].0, usd_to_answer(&points[i].1)?)) };
    let (d0, p0) = at(0)?;
    if day <= d0 {
        return Ok(p0);
    }
    for i in 1..points.len() {
        let (d1, p1) = at(i)?;
        let (d0, p0) = at(i - 1)?;
        if day <= d1 {
            return Ok(p0 + (p1 - p0) * i128::from(day - d0) / i128::from(d1 - d0));
        }
    }
    Ok(at(points.len() - 1)?.1)
}

/// "0.50" -> 50_000_000 (the feed's 8 decimals); more than 8 decimals is refused.
pub fn usd_to_answer(text: &str) -> eyre::Result<i128> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && fraction.is_empty() || fraction.len() > 8 {
        bail!("`{text}` is not a USD price with at most 8 decimals");
    }
    let digits = |s: &str| s.is_empty() || s.bytes().all(|b| b.is_ascii_digit());
    ensure!(digits(whole) && digits(fraction), "`{text}` is not a USD price with at most 8 decimals");
    let whole: i128 = if whole.is_empty() { 0 } else { whole.parse()? };
    let fraction: i128 = if fraction.is_empty() { 0 } else { format!("{fraction:0<8}").parse()? };
    Ok(whole * 100_000_000 + fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curves_are_linear_between_points_and_flat_outside() {
        let points = [(10, 100.0), (20, 200.0)];
        assert_eq!(interpolate(&points, 0), 100.0);
        assert_eq!(interpolate(&points, 15), 150.0);
        assert_eq!(interpolate(&points, 99), 200.0);
    }

    #[test]
    fn prices_interpolate_in_feed_units() {
        let points = vec![(0, "0.50".to_string()), (3, "0.51".to_string())];
        assert_eq!(price_answer(&points, 0).unwrap(), 50_000_000);
        assert_eq!(price_answer(&points, 1).unwrap(), 50_333_333);
        assert_eq!(price_answer(&points, 9).unwrap(), 51_000_000);
        assert!(usd_to_answer("0.123456789").is_err());
        assert!(usd_to_answer("1e3").is_err());
    }

    #[test]
    fn shipped_scenarios_parse() {
        for name in ["pessimistic", "base", "optimistic"] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../config/scenarios/{name}.toml"));
            let scenario = Scenario::load(&path).unwrap();
            assert_eq!(scenario.name, name);
            assert_eq!(scenario.days, 730);
        }
    }

    #[test]
    fn bad_scenarios_are_refused_with_the_reason() {
        let good = include_str!("../../../config/scenarios/base.toml");
        let bad = good.replace("yearly_share = 0.3", "yearly_share = 1.5");
        assert!(Scenario::parse(&bad).unwrap_err().to_string().contains("yearly_share"));
    }
}
