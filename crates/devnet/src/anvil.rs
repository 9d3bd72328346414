//! Local anvil L2 nodes, always at the hardfork the contracts target (prague: EIP-2537).

use crate::toolchain::anvil_binary;
use alloy::node_bindings::{Anvil, AnvilInstance};
use eyre::WrapErr;

/// The EVM hardfork of the L2s we target; the contracts are compiled for it.
pub const HARDFORK: &str = "prague";

/// Dev accounts anvil creates: enough operators and contributors for a devnet of 20+ nodes.
pub const DEV_ACCOUNTS: usize = 40;

/// Starts the pinned anvil on `port` (a free one if `None`), with the default dev accounts. A
/// taken port and a missing anvil are told apart before anything starts.
pub fn spawn_anvil(port: Option<u16>) -> eyre::Result<AnvilInstance> {
    spawn_anvil_at(port, HARDFORK)
}

/// [`spawn_anvil`] with more command-line options (a larger block gas limit, say).
pub fn spawn_anvil_with(port: Option<u16>, extra: &[&str]) -> eyre::Result<AnvilInstance> {
    spawn(port, HARDFORK, extra)
}

/// Starts the pinned anvil at another `hardfork`: a chain the contracts cannot run on, for tests.
pub fn spawn_anvil_at(port: Option<u16>, hardfork: &str) -> eyre::Result<AnvilInstance> {
    spawn(port, hardfork, &[])
}

fn spawn(port: Option<u16>, hardfork: &str, extra: &[&str]) -> eyre::Result<AnvilInstance> {
    let binary = anvil_binary();
    eyre::ensure!(binary.exists(), "anvil is not installed at {}: run tools/setup", binary.display());
    let accounts = DEV_ACCOUNTS.to_string();
    // Without --prune-history anvil writes every past block's state to ~/.foundry/anvil/tmp
    // (about half a megabyte a block here): a long devnet or a test with a long history filled
    // the disk and mined 50 blocks a second. Nothing here reads state at a past block.
    let mut anvil = Anvil::at(&binary)
        .args(["--hardfork", hardfork, "--accounts", accounts.as_str(), "--prune-history"])
        .args(extra);
    if let Some(port) = port {
        if let Err(e) = std::net::TcpListener::bind(("127.0.0.1", port)) {
            eyre::bail!("port {port} is taken ({e}): stop what listens there (another devnet?) or pass --port");
        }
        anvil = anvil.port(port);
    }
    anvil.try_spawn().wrap_err_with(|| format!("starting anvil ({})", binary.display()))
}

/// Starts the pinned anvil as a fork of the chain at `url` (a dry run's sandbox: real state,
/// nothing sent to the real chain), at the contracts' hardfork.
pub fn spawn_fork(url: &str) -> eyre::Result<AnvilInstance> {
    let binary = anvil_binary();
    eyre::ensure!(binary.exists(), "anvil is not installed at {}: run tools/setup", binary.display());
    Anvil::at(&binary)
        .fork(url)
        .args(["--hardfork", HARDFORK, "--no-rate-limit"])
        .try_spawn()
        .wrap_err_with(|| format!("starting a fork of {url}"))
}
