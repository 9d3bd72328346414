//! The one deployment path of the system, used by the tests, the CLI (`sesh deploy`) and the
//! devnet: token with its genesis mint, reward pool behind an ERC-1967 proxy, and the manifest.

use crate::{
    genesis::{GenesisConfig, Recipient},
    manifest::{self, Manifest},
};
use alloy::{
    contract::RawCallBuilder,
    network::Ethereum,
    primitives::{Address, U256},
    providers::{DynProvider, PendingTransactionBuilder, Provider},
    rpc::types::TransactionReceipt,
    sol_types::SolCall,
};
use eyre::{OptionExt, WrapErr, ensure};
use session_bindings::{RewardPool, SessionProxy, SessionToken};

/// Handles on a deployed system.
#[derive(Debug, Clone)]
pub struct Deployment {
    /// The provider the handles send through.
    pub provider: DynProvider,
    /// The SESH token.
    pub token: SessionToken::SessionTokenInstance<DynProvider>,
    /// The staking reward pool (proxy).
    pub reward_pool: RewardPool::RewardPoolInstance<DynProvider>,
    /// Where everything lives.
    pub manifest: Manifest,
}

impl Deployment {
    /// Handles on an existing deployment described by `manifest`.
    pub fn attach(provider: DynProvider, manifest: Manifest) -> eyre::Result<Self> {
        Ok(Self {
            token: SessionToken::new(manifest.address("SessionToken")?, provider.clone()),
            reward_pool: RewardPool::new(manifest.address("RewardPool")?, provider.clone()),
            provider,
            manifest,
        })
    }
}

/// Deploys the whole system from `genesis`, sending from `deployer` (the provider's signer);
/// `owner` governs the upgradeable contracts.
pub async fn deploy(
    provider: &DynProvider,
    deployer: Address,
    owner: Address,
    genesis: &GenesisConfig,
) -> eyre::Result<Deployment> {
    genesis.validate()?;
    let chain_id = provider.get_chain_id().await.wrap_err("reading the chain id")?;

    // The pool's share is minted to the deployer and moved once the pool exists: the token must
    // exist before the pool can be initialised with it.
    let (recipients, amounts): (Vec<Address>, Vec<U256>) = genesis
        .allocations
        .iter()
        .map(|a| {
            let to = match a.recipient {
                Recipient::RewardPool => deployer,
                Recipient::Account(account) => account,
            };
            (to, crate::units::sesh(a.amount))
        })
        .unzip();
    let (token_address, _) =
        create(SessionToken::deploy_builder(provider.clone(), recipients, amounts, deployer), "SessionToken").await?;
    let token = SessionToken::new(token_address, provider.clone());

    let (pool_impl, _) = create(RewardPool::deploy_builder(provider.clone()), "RewardPool implementation").await?;
    let init = RewardPool::initializeCall { token_: token_address, owner_: owner }.abi_encode();
    let (pool_address, _) =
        create(SessionProxy::deploy_builder(provider.clone(), pool_impl, init.into()), "RewardPool proxy").await?;
    let reward_pool = RewardPool::new(pool_address, provider.clone());

    let funded = mined(
        token.transfer(pool_address, genesis.reward_pool_amount()).send().await.wrap_err("funding the reward pool")?,
    )
    .await?;

    let manifest = Manifest {
        chain_id,
        deployer,
        owner,
        block: funded.block_number.ok_or_eyre("receipt without a block")?,
        abi_dir: manifest::ABI_DIR.into(),
        contracts: [
            manifest::entry("SessionToken", token_address, None),
            manifest::entry("RewardPool", pool_address, Some(pool_impl)),
        ]
        .into_iter()
        .collect(),
    };
    Ok(Deployment { provider: provider.clone(), token, reward_pool, manifest })
}

/// Sends a contract creation and waits for it; `what` names it in errors.
pub async fn create(builder: RawCallBuilder<DynProvider>, what: &str) -> eyre::Result<(Address, TransactionReceipt)> {
    let pending = builder.send().await.wrap_err_with(|| format!("deploying {what}"))?;
    let receipt = mined(pending).await.wrap_err_with(|| format!("deploying {what}"))?;
    let address = receipt.contract_address.ok_or_eyre(format!("{what}: receipt without a contract address"))?;
    Ok((address, receipt))
}

/// Waits for a transaction and refuses a reverted one.
pub async fn mined(pending: PendingTransactionBuilder<Ethereum>) -> eyre::Result<TransactionReceipt> {
    let hash = *pending.tx_hash();
    let receipt = pending.get_receipt().await.wrap_err_with(|| format!("waiting for {hash}"))?;
    ensure!(receipt.status(), "transaction {hash} reverted");
    Ok(receipt)
}
