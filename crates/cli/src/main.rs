//! `sesh`: the command-line tool of the Session staking system. All logic is in the library.

use clap::Parser;

#[tokio::main]
async fn main() -> eyre::Result<()> {
    session_cli::run(session_cli::Cli::parse()).await
}
