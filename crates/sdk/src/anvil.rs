//! Local anvil L2 nodes, always at the hardfork the contracts target (prague: EIP-2537).

use crate::toolchain::anvil_binary;
use alloy::node_bindings::{Anvil, AnvilInstance};
use eyre::WrapErr;

/// The EVM hardfork of the L2s we target; the contracts are compiled for it.
pub const HARDFORK: &str = "prague";

/// Starts the pinned anvil on `port` (a free one if `None`), with the default dev accounts.
pub fn spawn_anvil(port: Option<u16>) -> eyre::Result<AnvilInstance> {
    let binary = anvil_binary();
    let mut anvil = Anvil::at(&binary).args(["--hardfork", HARDFORK]);
    if let Some(port) = port {
        anvil = anvil.port(port);
    }
    anvil.try_spawn().wrap_err_with(|| format!("starting anvil ({}); run tools/setup to install it", binary.display()))
}
