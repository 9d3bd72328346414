//! `deploy`: the whole system from a genesis config, and its manifest.

use crate::{
    Result,
    create::create,
    fees::{FeeContracts, deploy_fees},
    genesis::{GenesisConfig, Recipient},
};
use alloy::{
    primitives::{Address, U256},
    providers::{DynProvider, Provider},
    sol_types::SolCall,
};
use session_bindings::{
    ConsensusRegistry, ContributionFactory, RewardPool, SessionProxy, SessionToken, StakingLens, StakingRegistry,
    reward_pool::RewardPool as OwnedUpgradeable,
};
use session_client::{
    Deployment,
    error::During,
    manifest::{self, Manifest},
    transact,
};

/// Deploys the whole system from `genesis`, sending from `deployer` (the provider's signer).
/// The deployer configures everything, then hands the upgradeable contracts to `owner` with a
/// two-step transfer (`owner` must call `acceptOwnership`) when the two differ.
pub async fn deploy(
    provider: &DynProvider,
    deployer: Address,
    owner: Address,
    genesis: &GenesisConfig,
) -> Result<Deployment> {
    genesis.validate()?;
    let checked = crate::preflight::preflight(provider, deployer, owner).await?;
    if !checked.problems.is_empty() {
        return Err(crate::DeployError::Preflight(checked.problems));
    }
    let chain_id = provider.get_chain_id().await.during("reading the chain id")?;

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
            (to, session_client::units::sesh(a.amount))
        })
        .unzip();
    let (token_address, _) =
        create(SessionToken::deploy_builder(provider.clone(), recipients, amounts, deployer), "SessionToken").await?;
    let token = SessionToken::new(token_address, provider.clone());

    let (pool_impl, _) = create(RewardPool::deploy_builder(provider.clone()), "RewardPool implementation").await?;
    let init = RewardPool::initializeCall { token_: token_address, owner_: deployer }.abi_encode();
    let (pool_address, _) =
        create(SessionProxy::deploy_builder(provider.clone(), pool_impl, init.into()), "RewardPool proxy").await?;
    let reward_pool = RewardPool::new(pool_address, provider.clone());

    // The consensus registry first: the staking registry's implementation holds its address.
    let (consensus_impl, _) =
        create(ConsensusRegistry::deploy_builder(provider.clone()), "ConsensusRegistry implementation").await?;
    let init = ConsensusRegistry::initializeCall { owner_: deployer }.abi_encode();
    let (consensus_address, _) =
        create(SessionProxy::deploy_builder(provider.clone(), consensus_impl, init.into()), "ConsensusRegistry proxy")
            .await?;
    let consensus = ConsensusRegistry::new(consensus_address, provider.clone());
    let (registry_impl, _) = create(
        StakingRegistry::deploy_builder(provider.clone(), token_address, pool_address, consensus_address),
        "StakingRegistry implementation",
    )
    .await?;
    let init = StakingRegistry::initializeCall { owner_: deployer }.abi_encode();
    let (registry_address, _) =
        create(SessionProxy::deploy_builder(provider.clone(), registry_impl, init.into()), "StakingRegistry proxy")
            .await?;
    let registry = StakingRegistry::new(registry_address, provider.clone());
    transact(consensus.setStakingRegistry(registry_address), "binding the consensus registry to the staking registry")
        .await?;

    transact(token.transfer(pool_address, genesis.reward_pool_amount()), "funding the reward pool").await?;
    // The pool's clock starts when it names the registry; nodes join once the registry starts.
    transact(reward_pool.setBeneficiary(registry_address), "naming the registry the pool's beneficiary").await?;
    transact(registry.start(), "starting the registry").await?;
    // Not upgradeable on purpose: what a recorded clone runs can never change (see its NatSpec).
    let (factory_address, _) = create(
        ContributionFactory::deploy_builder(provider.clone(), token_address, registry_address, owner),
        "ContributionFactory",
    )
    .await?;
    let factory = ContributionFactory::new(factory_address, provider.clone());
    // Before the ownership transfer: the deployer is still the registry's owner. Without it every
    // contribution contract's finalize reverts (NotContributionContract).
    transact(registry.setContributionFactory(factory_address), "naming the registry's contribution factory").await?;
    let contribution_impl = factory.IMPLEMENTATION().call().await.during("reading the contribution implementation")?;
    // The listing views, at their own address: not upgradeable, redeployed at will.
    let (lens_address, _) =
        create(StakingLens::deploy_builder(provider.clone(), registry_address), "StakingLens").await?;
    let fees = match &genesis.fees {
        Some(config) => Some(deploy_fees(provider, deployer, token_address, pool_address, config).await?),
        None => None,
    };
    if owner != deployer {
        transact(reward_pool.transferOwnership(owner), "offering the pool to its owner").await?;
        transact(registry.transferOwnership(owner), "offering the registry to its owner").await?;
        transact(consensus.transferOwnership(owner), "offering the consensus registry to its owner").await?;
        for (name, address, _) in fees.iter().flat_map(|f| &f.upgradeable) {
            // Every upgradeable contract here shares OwnedUpgradeable's Ownable2Step functions, so
            // one binding that has them (the pool's) serves for any of them.
            let owned = OwnedUpgradeable::new(*address, provider.clone());
            transact(owned.transferOwnership(owner), &format!("offering {name} to its owner")).await?;
        }
    }

    let manifest = Manifest {
        chain_id,
        deployer,
        owner,
        block: provider.get_block_number().await.during("reading the block number")?,
        abi_dir: manifest::ABI_DIR.into(),
        contracts: [
            manifest::entry("SessionToken", token_address, None),
            manifest::entry("RewardPool", pool_address, Some(pool_impl)),
            manifest::entry("StakingRegistry", registry_address, Some(registry_impl)),
            manifest::entry("StakingLens", lens_address, None),
            manifest::entry("ConsensusRegistry", consensus_address, Some(consensus_impl)),
            manifest::entry("ContributionFactory", factory_address, None),
            manifest::entry("ContributionContract", contribution_impl, None),
        ]
        .into_iter()
        .chain(fees.iter().flat_map(fee_entries))
        .collect(),
    };
    let lens = StakingLens::new(lens_address, provider.clone());
    let log_range = session_client::logs::DEFAULT_LOG_RANGE;
    Ok(Deployment {
        provider: provider.clone(),
        token,
        reward_pool,
        registry,
        lens,
        consensus,
        factory,
        manifest,
        log_range,
    })
}

/// Manifest entries of the fee contracts (and of the devnet's feed and Uniswap).
fn fee_entries(fees: &FeeContracts) -> Vec<(String, manifest::DeployedContract)> {
    let mut entries: Vec<_> = fees
        .upgradeable
        .iter()
        .map(|(name, proxy, implementation)| manifest::entry(name, *proxy, Some(*implementation)))
        .collect();
    let feed_name = if fees.devnet_feed { "DevnetPriceFeed" } else { "PriceFeed" };
    entries.push(manifest::entry(feed_name, fees.price_feed, None));
    if let Some(uniswap) = fees.uniswap {
        entries.push(manifest::external("UniswapV2Router02", uniswap.router));
        entries.push(manifest::external("UniswapV2Factory", uniswap.factory));
        entries.push(manifest::external("WETH9", uniswap.weth));
    }
    entries
}
