//! A local devnet's dev accounts as one signing provider: every anvil key is registered in one
//! wallet, and a call picks its sender with `.from(address)`.

use alloy::{
    network::EthereumWallet, node_bindings::AnvilInstance, primitives::Address, providers::DynProvider,
    signers::local::PrivateKeySigner,
};
use session_client::provider::signing_provider;

pub use session_client::provider::now;

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

/// Moves the chain's clock: the next block gets `timestamp`, and one block is mined at it.
pub async fn mine_at(provider: &DynProvider, timestamp: u64) -> eyre::Result<()> {
    use alloy::providers::ext::AnvilApi;
    provider.anvil_set_next_block_timestamp(timestamp).await?;
    provider.evm_mine(None).await?;
    Ok(())
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
