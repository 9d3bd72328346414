//! A local devnet's dev accounts as one signing provider: every anvil key is registered in one
//! wallet, and a call picks its sender with `.from(address)`.

use alloy::{
    network::EthereumWallet,
    node_bindings::AnvilInstance,
    primitives::Address,
    providers::{DynProvider, Provider, ProviderBuilder},
    signers::local::PrivateKeySigner,
    transports::http::reqwest::Url,
};

/// A provider that can sign for every dev account of `anvil`; the first account is the default
/// sender. Also returns the signers, in anvil's order.
pub fn dev_accounts(anvil: &AnvilInstance) -> (DynProvider, Vec<PrivateKeySigner>) {
    let signers: Vec<PrivateKeySigner> = anvil.keys().iter().cloned().map(PrivateKeySigner::from).collect();
    let mut wallet = EthereumWallet::new(signers[0].clone());
    for signer in &signers[1..] {
        wallet.register_signer(signer.clone());
    }
    (signing_provider(wallet, anvil.endpoint_url()), signers)
}

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
        .connect_http(url)
        .erased();
    if provider.client().is_local() {
        // A local node mines on arrival; alloy's default 250 ms receipt polling would dominate.
        provider.client().set_poll_interval(std::time::Duration::from_millis(10));
    }
    provider
}

/// Moves the chain's clock: the next block gets `timestamp`, and one block is mined at it.
pub async fn mine_at(provider: &DynProvider, timestamp: u64) -> eyre::Result<()> {
    use alloy::providers::ext::AnvilApi;
    provider.anvil_set_next_block_timestamp(timestamp).await?;
    provider.evm_mine(None).await?;
    Ok(())
}

/// The latest block's timestamp.
pub async fn now(provider: &DynProvider) -> eyre::Result<u64> {
    let block = provider
        .get_block_by_number(alloy::eips::BlockNumberOrTag::Latest)
        .await?
        .ok_or_else(|| eyre::eyre!("no latest block"))?;
    Ok(block.header.timestamp)
}

/// The address of each signer.
pub fn addresses(signers: &[PrivateKeySigner]) -> Vec<Address> {
    signers.iter().map(|s| s.address()).collect()
}

/// Gives the next block `timestamp`, so the next transaction runs at a known time.
pub async fn next_block_at(provider: &DynProvider, timestamp: u64) -> eyre::Result<()> {
    use alloy::providers::ext::AnvilApi;
    provider.anvil_set_next_block_timestamp(timestamp).await?;
    Ok(())
}
