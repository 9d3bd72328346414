//! Connecting to a node: a provider that signs, and the chain's clock.

use crate::error::{During, Error, Result};
use alloy::{
    network::EthereumWallet,
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::client::{ClientBuilder, RpcClient},
    transports::{http::reqwest::Url, layers::RetryBackoffLayer},
};

/// A provider that signs with `wallet`. Nonces are read from the node for every transaction:
/// alloy's default cached nonces skip a number when a transaction fails before it is sent (a
/// revert found by gas estimation), after which every later transaction of that sender waits
/// forever behind the gap.
pub fn signing_provider(wallet: impl Into<EthereumWallet>, url: Url) -> DynProvider {
    let provider = ProviderBuilder::new()
        .disable_recommended_fillers()
        .with_gas_estimation()
        .with_simple_nonce_management()
        .fetch_chain_id()
        .wallet(wallet.into())
        .connect_client(client(url))
        .erased();
    if provider.client().is_local() {
        // A local node mines on arrival; alloy's default 250 ms receipt polling would dominate.
        provider.client().set_poll_interval(std::time::Duration::from_millis(10));
    }
    provider
}

/// A provider that only reads.
pub fn read_only_provider(url: Url) -> DynProvider {
    ProviderBuilder::new().connect_client(client(url)).erased()
}

/// Requests a public endpoint rate-limits (HTTP 429) or finds itself too busy for (503) are
/// retried with backoff, up to this many times.
pub const RPC_RETRIES: u32 = 10;

/// An RPC client over HTTP that retries rate-limited requests with backoff, as public L2
/// endpoints require.
fn client(url: Url) -> RpcClient {
    ClientBuilder::default().layer(RetryBackoffLayer::new(RPC_RETRIES, 100, 330)).http(url)
}

/// The latest block's timestamp.
pub async fn now(provider: &DynProvider) -> Result<u64> {
    let block =
        provider.get_block_by_number(alloy::eips::BlockNumberOrTag::Latest).await.during("reading the latest block")?;
    Ok(block
        .ok_or_else(|| Error::unexpected("reading the latest block", "the node has no latest block"))?
        .header
        .timestamp)
}
