//! Local anvil L2 nodes, always at the hardfork the contracts target (prague: EIP-2537).

use crate::toolchain::anvil_binary;
use alloy::node_bindings::{Anvil, AnvilInstance};
use eyre::WrapErr;

/// The EVM hardfork of the L2s we target; the contracts are compiled for it.
pub const HARDFORK: &str = "prague";

/// Dev accounts anvil creates: enough operators and contributors for a devnet of 20+ nodes.
pub const DEV_ACCOUNTS: usize = 40;

/// Starts the pinned anvil on `port` (a free one if `None`), with the default dev accounts.
pub fn spawn_anvil(port: Option<u16>) -> eyre::Result<AnvilInstance> {
    let binary = anvil_binary();
    let accounts = DEV_ACCOUNTS.to_string();
    let mut anvil = Anvil::at(&binary).args(["--hardfork", HARDFORK, "--accounts", accounts.as_str()]);
    if let Some(port) = port {
        anvil = anvil.port(port);
    }
    anvil.try_spawn().wrap_err_with(|| format!("starting anvil ({}); run tools/setup to install it", binary.display()))
}
