//! A real Uniswap v2 (WETH9, factory, router) on a local chain, deployed from the compiled
//! artifacts shipped in the npm packages `@uniswap/v2-core` and `@uniswap/v2-periphery`. These are
//! not our contracts, so they are deployed from their bytecode rather than through bindings.

use crate::toolchain::repo_root;
use alloy::{
    network::TransactionBuilder,
    primitives::{Address, Bytes},
    providers::{DynProvider, Provider},
    rpc::types::TransactionRequest,
    sol_types::SolValue,
};
use eyre::{OptionExt, WrapErr};

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

fn bytecode(package: &str, contract: &str) -> eyre::Result<Vec<u8>> {
    let path = repo_root().join("node_modules/@uniswap").join(package).join("build").join(format!("{contract}.json"));
    let text = std::fs::read_to_string(&path).wrap_err_with(|| format!("reading {}", path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let hex = json["bytecode"].as_str().ok_or_eyre(format!("{contract}: no bytecode"))?;
    Ok(alloy::hex::decode(hex)?)
}

async fn create(provider: &DynProvider, from: Address, mut code: Vec<u8>, args: Vec<u8>) -> eyre::Result<Address> {
    code.extend(args);
    let tx = TransactionRequest::default().from(from).with_deploy_code(Bytes::from(code));
    let receipt = provider.send_transaction(tx).await?.get_receipt().await?;
    eyre::ensure!(receipt.status(), "Uniswap deployment reverted");
    receipt.contract_address.ok_or_eyre("no contract address")
}

/// Deploys WETH9, the factory (fee setter: `deployer`) and Router02.
pub async fn deploy_uniswap_v2(provider: &DynProvider, deployer: Address) -> eyre::Result<UniswapV2> {
    let weth = create(provider, deployer, bytecode("v2-periphery", "WETH9")?, vec![]).await?;
    let factory = create(provider, deployer, bytecode("v2-core", "UniswapV2Factory")?, deployer.abi_encode()).await?;
    let router =
        create(provider, deployer, bytecode("v2-periphery", "UniswapV2Router02")?, (factory, weth).abi_encode_params())
            .await?;
    Ok(UniswapV2 { weth, factory, router })
}
