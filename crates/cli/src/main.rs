//! `sesh`: the command-line tool of the Session staking system. All logic is in the library.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = session_cli::Cli::parse();
    let verbose = cli.global.verbose;
    match session_cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => session_cli::report(&error, verbose),
    }
}
