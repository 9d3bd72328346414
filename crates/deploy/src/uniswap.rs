//! A real Uniswap v2 (WETH9, factory, router) on a local chain, deployed from the compiled
//! artifacts shipped in the npm packages `@uniswap/v2-core` and `@uniswap/v2-periphery`. These are
//! not our contracts, so they are deployed from their bytecode rather than through bindings.

use crate::{Journal, Result};
use alloy::{
    contract::RawCallBuilder,
    primitives::{Address, Bytes},
    providers::DynProvider,
    sol_types::SolValue,
};
use session_client::Error;

/// The npm packages' artifacts, built into the binary: deploying needs no checkout.
macro_rules! uniswap_artifact {
    ($package:literal, $contract:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../node_modules/@uniswap/",
            $package,
            "/build/",
            $contract,
            ".json"
        ))
    };
}

/// The three contracts of a Uniswap v2 deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UniswapV2 {
    /// Wrapped ether.
    pub weth: Address,
    /// `UniswapV2Factory`.
    pub factory: Address,
    /// `UniswapV2Router02`.
    pub router: Address,
}

fn bytecode(contract: &str, artifact: &str) -> Result<Vec<u8>> {
    let action = format!("reading the {contract} artifact");
    let json: serde_json::Value =
        serde_json::from_str(artifact).map_err(|e| Error::unexpected(&action, e.to_string()))?;
    let hex = json["bytecode"].as_str().ok_or_else(|| Error::unexpected(&action, "no bytecode"))?;
    Ok(alloy::hex::decode(hex).map_err(|e| Error::unexpected(&action, e.to_string()))?)
}

/// Deploys `code` with constructor `args`, through the deployment's journal.
async fn create(
    provider: &DynProvider,
    journal: &mut Journal,
    mut code: Vec<u8>,
    args: Vec<u8>,
    what: &str,
) -> Result<Address> {
    code.extend(args);
    journal.create(provider, RawCallBuilder::new_raw_deploy(provider.clone(), Bytes::from(code)), what).await
}

/// Deploys WETH9, the factory (fee setter: `deployer`) and Router02.
pub async fn deploy_uniswap_v2(provider: &DynProvider, deployer: Address, journal: &mut Journal) -> Result<UniswapV2> {
    let weth_code = bytecode("WETH9", uniswap_artifact!("v2-periphery", "WETH9"))?;
    let weth = create(provider, journal, weth_code, vec![], "WETH9").await?;
    let factory_code = bytecode("UniswapV2Factory", uniswap_artifact!("v2-core", "UniswapV2Factory"))?;
    let factory = create(provider, journal, factory_code, deployer.abi_encode(), "UniswapV2Factory").await?;
    let router_code = bytecode("UniswapV2Router02", uniswap_artifact!("v2-periphery", "UniswapV2Router02"))?;
    let args = (factory, weth).abi_encode_params();
    let router = create(provider, journal, router_code, args, "UniswapV2Router02").await?;
    Ok(UniswapV2 { weth, factory, router })
}
