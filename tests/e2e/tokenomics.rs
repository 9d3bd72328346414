//! `sesh simulate`: a scenario run on the contracts agrees with the step model to the atomic unit
//! every day, through joins, exit requests and exits, liquidations, decommissions and fees; the
//! CLI writes the CSV and the charts.

use clap::Parser;
use session_tokenomics::{chain, model, plan, record::SESH, scenario::Scenario, simulation_genesis};

/// Two months of a small, busy network: every kind of event happens.
const BUSY: &str = r#"
name = "busy"
days = 45
[price]
usd = [[0, "0.50"], [45, "0.35"]]
[pro]
subscribers = [[0, 300], [45, 3000]]
yearly_share = 0.3
[names]
per_month = [[0, 60], [45, 300]]
length_mix = [0.2, 0.3, 0.5]
[network]
size = [[0, 40], [45, 60]]
exits_per_month = 0.1
liquidations_per_year = 60
decommissions_per_year = 60
decommission_days = 3
"#;

#[tokio::test]
async fn a_scenario_on_the_contracts_matches_the_step_model_to_the_atomic_unit() -> eyre::Result<()> {
    let scenario = Scenario::parse(BUSY)?;
    let genesis = simulation_genesis()?;
    let economics = model::Economics::from_genesis(&genesis)?;
    let plan = plan::plan(&scenario, economics.pro_days)?;
    let count = |f: fn(&plan::DayPlan) -> usize| plan.days.iter().map(f).sum::<usize>();
    assert!(
        count(|d| d.finalize.len()) > 0 && count(|d| d.liquidate.len()) > 0,
        "the plan exercises exits and liquidations"
    );
    assert!(count(|d| d.recommission.len()) > 0 && count(|d| d.joins as usize) > 0, "and recommissions and joins");

    let run = chain::run(&plan, &economics, &genesis, scenario.seed, |_| {}).await?;
    let expected = model::run(&plan, &economics, run.t0);
    assert_eq!(run.records.len(), 45);
    for (chain, model) in run.records.iter().zip(&expected) {
        assert_eq!(chain, model, "day {}", chain.day);
    }
    let day1 = &run.records[0];
    assert_eq!(day1.release, 16_547_945_205_479, "day 1 releases 15.1%/365 of 40,000,000 SESH");
    assert_eq!(day1.network_size, 40);
    for r in &run.records {
        assert_eq!(r.total_supply, 240_000_000 * SESH, "the supply stays at its cap, day {}", r.day);
        assert_eq!(r.fees_to_pool + r.fees_to_liquidity, r.fees_paid);
        // 10% of each routed payment, rounded down: at most one unit short per route (six a day).
        assert!(r.fees_to_liquidity <= r.fees_paid / 10 && r.fees_to_liquidity + 6 >= r.fees_paid / 10);
    }
    let liquidated: u128 = run.records.iter().map(|r| r.liquidations_to_pool).sum();
    assert_eq!(liquidated, count(|d| d.liquidate.len()) as u128 * economics.liquidation_to_pool());
    assert!(run.records.iter().all(|r| r.fees_paid > 0), "every day sells something");
    Ok(())
}

#[tokio::test]
async fn sesh_simulate_writes_the_csv_and_the_charts() -> eyre::Result<()> {
    let dir = std::env::temp_dir().join(format!("sesh-simulate-{}", std::process::id()));
    let scenario = dir.join("busy.toml");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(&scenario, BUSY)?;
    let out = dir.join("out");
    let args = ["simulate", "--scenario", scenario.to_str().unwrap(), "--days", "6", "--out", out.to_str().unwrap()];
    let cli = session_cli::Cli::try_parse_from(std::iter::once("sesh").chain(args)).expect("valid command line");
    session_cli::run(cli).await?;
    let csv = std::fs::read_to_string(out.join("days.csv"))?;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 7, "a header and six days");
    assert!(lines[0].starts_with("day,timestamp,price_usd,pool_balance,release,inflow"));
    assert!(lines[1].starts_with("1,") && lines[1].contains(",16547.945205479,"), "{}", lines[1]);
    for chart in ["pool", "inflow-outflow", "reward-per-node", "apr", "supply"] {
        let png = std::fs::read(out.join(format!("{chart}.png")))?;
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{chart}.png is a PNG");
        let svg = std::fs::read_to_string(out.join(format!("{chart}.svg")))?;
        assert!(svg.contains("<svg") && svg.contains("day"), "{chart}.svg is an SVG with its axis");
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
