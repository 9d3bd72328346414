//! Connecting to a node: a provider that signs, and the chain's clock.

use crate::{
    endpoints::{Endpoints, FailoverTransport},
    error::{During, Error, Result},
};
use alloy::{
    network::EthereumWallet,
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::client::RpcClient,
};

/// A provider that signs with `wallet`. Nonces are read from the node for every transaction:
/// alloy's default cached nonces skip a number when a transaction fails before it is sent (a
/// revert found by gas estimation), after which every later transaction of that sender waits
/// forever behind the gap.
pub fn signing_provider(wallet: impl Into<EthereumWallet>, endpoints: impl Into<Endpoints>) -> DynProvider {
    let provider = ProviderBuilder::new()
        .disable_recommended_fillers()
        .with_gas_estimation()
        .with_simple_nonce_management()
        .fetch_chain_id()
        .wallet(wallet.into())
        .connect_client(client(endpoints.into()))
        .erased();
    if provider.client().is_local() {
        // A local node mines on arrival; alloy's default 250 ms receipt polling would dominate.
        provider.client().set_poll_interval(std::time::Duration::from_millis(10));
    }
    provider
}

/// A provider that only reads.
pub fn read_only_provider(endpoints: impl Into<Endpoints>) -> DynProvider {
    ProviderBuilder::new().connect_client(client(endpoints.into())).erased()
}

/// An RPC client over `endpoints` that survives what public endpoints do (rate limits, brief
/// outages, dropped connections) by retrying with backoff and failing over; see [`crate::endpoints`].
fn client(endpoints: Endpoints) -> RpcClient {
    RpcClient::new(FailoverTransport::new(&endpoints), endpoints.is_local())
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
