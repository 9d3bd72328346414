//! The `sesh` command-line tool as a library, so tests drive every command in-process.
//! One file per command under `commands/`.

pub mod commands;
pub mod context;
pub mod display;

use clap::{Parser, Subcommand};
pub use context::GlobalArgs;

/// Session Network staking: devnet, deployment, status and benchmarks.
#[derive(Debug, Parser)]
#[command(name = "sesh", version, about)]
pub struct Cli {
    /// Options every command shares.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of `sesh`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a local L2 (anvil), deploy everything and keep it up for frontends until Ctrl-C.
    Devnet(commands::devnet::DevnetArgs),
    /// Deploy the system onto a running node and write its manifest.
    Deploy(commands::deploy::DeployArgs),
    /// Show the state of a deployment: pool, release, network.
    Status(commands::status::StatusArgs),
    /// Multi-contributor nodes: contribution contracts.
    #[command(subcommand)]
    Contribution(commands::contribution::ContributionCommand),
    /// Run the simulated Session Network against a deployment.
    #[command(subcommand)]
    Network(commands::network::NetworkCommand),
    /// An operator's node.
    #[command(subcommand)]
    Node(commands::node::NodeCommand),
    /// Rewards of an address: show and claim.
    #[command(subcommand)]
    Rewards(commands::rewards::RewardsCommand),
    /// Session Pro subscriptions (priced in USD, paid in SESH).
    #[command(subcommand)]
    Pro(commands::pro::ProCommand),
    /// Session Names (priced in USD, paid in SESH).
    #[command(subcommand)]
    Names(commands::names::NamesCommand),
    /// Node keys.
    #[command(subcommand)]
    Keys(commands::keys::KeysCommand),
    /// Follow a deployment's events into an SQLite index and serve the HTTP JSON API.
    Indexer(commands::indexer::IndexerArgs),
    /// The staking portal: the indexer, its API and the built web page, for any deployment.
    Portal(commands::indexer::IndexerArgs),
    /// A beneficiary's vesting contract: show, release, and stake its locked tokens.
    #[command(subcommand)]
    Vesting(commands::vesting::VestingCommand),
    /// The Token Swap Program's Merkle claims: build the root and proofs, claim.
    #[command(subcommand)]
    Claims(commands::claims::ClaimsCommand),
    /// The Token Swap Program's converter: the wrapped legacy token to SESH at its fixed ratio.
    Convert(commands::convert::ConvertArgs),
    /// The tokenomics simulation: a scenario's two years on the contracts and the step model.
    Simulate(commands::simulate::SimulateArgs),
    /// Measure costs.
    #[command(subcommand)]
    Bench(commands::bench::BenchCommand),
}

/// Prints a failed command's error in the user's words and gives the exit code: what we were
/// doing and why it failed, on one line; `--verbose` adds eyre's full report. No source locations
/// or backtraces otherwise. A closed standard output (`sesh status | head`) is not an error.
pub fn report(error: &eyre::Report, verbose: bool) -> std::process::ExitCode {
    let broken_pipe = error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return std::process::ExitCode::SUCCESS;
    }
    // `{:#}`: the context and every cause on one line, without eyre's location report.
    eprintln!("error: {error:#}");
    if verbose {
        eprintln!("\n{error:?}");
    }
    std::process::ExitCode::FAILURE
}

/// Runs one parsed command line.
pub async fn run(cli: Cli) -> eyre::Result<()> {
    match cli.command {
        Command::Devnet(args) => commands::devnet::run(&cli.global, args).await,
        Command::Deploy(args) => commands::deploy::run(&cli.global, args).await,
        Command::Status(args) => commands::status::run(&cli.global, args).await,
        Command::Keys(command) => commands::keys::run(&cli.global, command).await,
        Command::Contribution(command) => commands::contribution::run(&cli.global, command).await,
        Command::Network(command) => commands::network::run(&cli.global, command).await,
        Command::Node(command) => commands::node::run(&cli.global, command).await,
        Command::Rewards(command) => commands::rewards::run(&cli.global, command).await,
        Command::Pro(command) => commands::pro::run(&cli.global, command).await,
        Command::Names(command) => commands::names::run(&cli.global, command).await,
        Command::Indexer(args) | Command::Portal(args) => commands::indexer::run(&cli.global, args).await,
        Command::Vesting(command) => commands::vesting::run(&cli.global, command).await,
        Command::Claims(command) => commands::claims::run(&cli.global, command).await,
        Command::Convert(args) => commands::convert::run(&cli.global, args).await,
        Command::Simulate(args) => commands::simulate::run(args).await,
        Command::Bench(command) => commands::bench::run(&cli.global, command).await,
    }
}
