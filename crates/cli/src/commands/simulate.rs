//! `sesh simulate`: the tokenomics simulation. Runs a scenario's two years on the deployed
//! contracts (a fresh local anvil) and through the step model beside them, checks that the two
//! agree to the atomic unit every day, and writes the CSV, the charts and the answer to the
//! seeds' question (see docs/tokenomics.md).

use clap::Args;
use session_tokenomics::{
    break_even, chain, charts, first_difference, model, plan, record, scenario::Scenario, simulation_genesis,
};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Options of `sesh simulate`.
#[derive(Debug, Clone, Args)]
pub struct SimulateArgs {
    /// The scenario (TOML), e.g. config/scenarios/base.toml.
    #[arg(long)]
    pub scenario: PathBuf,
    /// Folder for the CSV and the charts (default: simulation/<scenario name>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Simulate this many days instead of the scenario's.
    #[arg(long)]
    pub days: Option<u64>,
    /// The step model only, without the chain (seconds instead of a minute or two).
    #[arg(long)]
    pub model_only: bool,
    /// Search the fewest Pro subscribers (on day 730, the scenario's curve scaled) for which the
    /// pool's inflow exceeds its outflow within two years; confirmed on chain unless --model-only.
    #[arg(long)]
    pub find_break_even: bool,
}

/// Runs the simulation.
pub async fn run(args: SimulateArgs) -> eyre::Result<()> {
    let mut scenario = Scenario::load(&args.scenario)?;
    if let Some(days) = args.days {
        scenario.days = days;
        scenario.validate()?;
    }
    let genesis = simulation_genesis()?;
    let economics = model::Economics::from_genesis(&genesis)?;
    if args.find_break_even {
        let found = break_even::find(&scenario, &economics)?;
        print_break_even(&scenario, &found);
        let Some(subscribers) = found.subscribers else { return Ok(()) };
        if args.model_only {
            return Ok(());
        }
        scenario = break_even::with_subscribers(&scenario, subscribers)?;
        scenario.name = format!("{}-break-even", scenario.name);
        println!("\nconfirming on the contracts ...");
    }
    let out =
        args.out.unwrap_or_else(|| session_devnet::toolchain::repo_root().join("simulation").join(&scenario.name));
    std::fs::create_dir_all(&out)?;
    simulate(&scenario, &economics, &genesis, &out, args.model_only).await
}

/// Runs `scenario` and writes its outputs to `out`.
pub async fn simulate(
    scenario: &Scenario,
    economics: &model::Economics,
    genesis: &session_deploy::GenesisConfig,
    out: &Path,
    model_only: bool,
) -> eyre::Result<()> {
    let plan = plan::plan(scenario, economics.pro_days)?;
    println!(
        "scenario {}: {} days, {} nodes at launch, {} joins, {} exit requests, {} liquidations, {} decommissions",
        scenario.name,
        plan.days.len(),
        plan.initial_nodes,
        plan.days.iter().map(|d| d.joins).sum::<u64>(),
        plan.days.iter().map(|d| d.request_exit.len()).sum::<usize>(),
        plan.days.iter().map(|d| d.liquidate.len()).sum::<usize>(),
        plan.days.iter().map(|d| d.decommission.len()).sum::<usize>(),
    );
    let started = Instant::now();
    let (records, t0) = if model_only {
        (model::run(&plan, economics, 0), 0)
    } else {
        let run = chain::run(&plan, economics, genesis, scenario.seed, |r| {
            if r.day % 30 == 0 {
                println!(
                    "  day {:>4}: pool {:>18} SESH, release {:>15}, inflow {:>15}, {} nodes",
                    r.day,
                    record::sesh(r.pool_balance),
                    record::sesh(r.release),
                    record::sesh(r.inflow()),
                    r.network_size
                );
            }
        })
        .await?;
        println!(
            "chain run: setup (anvil, deployment, {} seeded nodes) {:.1} s, {} days {:.1} s",
            plan.initial_nodes,
            run.setup_seconds,
            plan.days.len(),
            run.days_seconds
        );
        (run.records, run.t0)
    };
    let model = model::run(&plan, economics, t0);
    if !model_only {
        if let Some((chain, model)) = first_difference(&records, &model) {
            eyre::bail!("the chain and the model differ on day {}:\n  chain {chain:?}\n  model {model:?}", chain.day);
        }
        println!("the chain and the step model agree on all {} days, to the atomic unit", records.len());
    }
    let csv = out.join("days.csv");
    record::write_csv(&csv, &records)?;
    let files = charts::write_charts(out, &scenario.name, &records)?;
    println!(
        "wrote {} and {} charts in {} ({:.1} s in all)",
        csv.display(),
        files.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    );
    let summary = record::summarize(&records);
    println!("{}: {summary}", scenario.name);
    Ok(())
}

fn print_break_even(scenario: &Scenario, found: &break_even::BreakEven) {
    println!(
        "break-even search on {} ({} step-model runs): Pro curve shape from the scenario, {:.0}% on the yearly plan; SESH/USD {}; names {:?} a month; network {:?}",
        scenario.name,
        found.runs,
        scenario.pro.yearly_share * 100.0,
        scenario.price.usd.iter().map(|(d, p)| format!("${p} on day {d}")).collect::<Vec<_>>().join(", "),
        scenario.names.per_month,
        scenario.network.size,
    );
    match (found.subscribers, found.day) {
        (Some(s), Some(day)) => println!(
            "fewest Pro subscribers on day 730 for inflow above outflow within two years: {s} (inflow first exceeds outflow on day {day})"
        ),
        _ => println!("no adoption up to {} subscribers breaks even within two years", break_even::MAX_SUBSCRIBERS),
    }
}
