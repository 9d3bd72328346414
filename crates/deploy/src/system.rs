//! `deploy`: the whole system from a genesis config, and its manifest.

use crate::{
    Journal, Result,
    fees::{FeeContracts, deploy_fees},
    genesis::{GenesisConfig, Recipient},
    journal::{Target, fingerprint},
    seeds::{SeedFile, Seeded, seed_nodes},
};
use alloy::{
    primitives::{Address, U256},
    providers::{DynProvider, Provider},
    sol_types::SolCall,
};
use session_bindings::{
    ConsensusRegistry, ContributionFactory, Ed25519Disputes, RewardPool, SessionProxy, SessionToken, StakingLens,
    StakingRegistry, reward_pool::RewardPool as OwnedUpgradeable,
};
use session_bls::messages::Domain;
use session_client::{
    Deployment,
    error::During,
    manifest::{self, Manifest},
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
    Ok(deploy_with(provider, deployer, owner, genesis, &mut Journal::in_memory(), &Launch::default()).await?.0)
}

/// What happens once the contracts are deployed and configured.
#[derive(Debug, Clone)]
pub struct Launch {
    /// Nodes carried over from the production network, seeded before the registry starts.
    pub seeds: Option<SeedFile>,
    /// Start the registry (and offer the ownership to the owner). Without it the deployment
    /// stops short, its journal kept: the proofs of the nodes to seed need the consensus
    /// registry's address, and a later run with the seed file seeds them and starts.
    pub start: bool,
}

impl Default for Launch {
    fn default() -> Self {
        Self { seeds: None, start: true }
    }
}

/// [`deploy`], recording every step in `journal` so that an interrupted run resumes where it
/// stopped without deploying or sending anything twice (see [`crate::journal`]).
pub async fn deploy_with(
    provider: &DynProvider,
    deployer: Address,
    owner: Address,
    genesis: &GenesisConfig,
    journal: &mut Journal,
    launch: &Launch,
) -> Result<(Deployment, Seeded)> {
    genesis.validate()?;
    let chain_id = provider.get_chain_id().await.during("reading the chain id")?;
    let block = provider.get_block_number().await.during("reading the block number")?;
    journal.bind(Target { chain_id, deployer, owner, genesis: fingerprint(genesis) }, block)?;
    // A resumed run has paid for its first steps already: the balance check is for a fresh one.
    let checked = crate::preflight::preflight(provider, deployer, owner).await?;
    let problems: Vec<String> =
        checked.problems.into_iter().filter(|p| journal.done() == 0 || !p.starts_with("the deployer")).collect();
    if !problems.is_empty() {
        return Err(crate::DeployError::Preflight(problems));
    }

    // The pool's share is minted to the deployer and moved once the pool exists: the token must
    // exist before the pool can be initialised with it.
    let (recipients, amounts): (Vec<Address>, Vec<U256>) = genesis
        .allocations
        .iter()
        .map(|a| {
            // The deployer holds what a contract of the deployment receives, and what vests.
            let to = match &a.recipient {
                Recipient::Account(account) if a.vesting.is_none() => *account,
                _ => deployer,
            };
            (to, session_client::units::sesh(a.amount))
        })
        .unzip();
    let token_address = journal
        .create(provider, SessionToken::deploy_builder(provider.clone(), recipients, amounts, deployer), "SessionToken")
        .await?;
    let token = SessionToken::new(token_address, provider.clone());

    let pool_impl =
        journal.create(provider, RewardPool::deploy_builder(provider.clone()), "RewardPool implementation").await?;
    let init = RewardPool::initializeCall { token_: token_address, owner_: deployer }.abi_encode();
    let pool_address = journal
        .create(provider, SessionProxy::deploy_builder(provider.clone(), pool_impl, init.into()), "RewardPool proxy")
        .await?;
    let reward_pool = RewardPool::new(pool_address, provider.clone());

    // The consensus registry first: the staking registry's implementation holds its address.
    let consensus_impl = journal
        .create(provider, ConsensusRegistry::deploy_builder(provider.clone()), "ConsensusRegistry implementation")
        .await?;
    let init = ConsensusRegistry::initializeCall { owner_: deployer }.abi_encode();
    let consensus_address = journal
        .create(
            provider,
            SessionProxy::deploy_builder(provider.clone(), consensus_impl, init.into()),
            "ConsensusRegistry proxy",
        )
        .await?;
    let consensus = ConsensusRegistry::new(consensus_address, provider.clone());
    let registry_impl = journal
        .create(
            provider,
            StakingRegistry::deploy_builder(provider.clone(), token_address, pool_address, consensus_address),
            "StakingRegistry implementation",
        )
        .await?;
    let init = StakingRegistry::initializeCall { owner_: deployer }.abi_encode();
    let registry_address = journal
        .create(
            provider,
            SessionProxy::deploy_builder(provider.clone(), registry_impl, init.into()),
            "StakingRegistry proxy",
        )
        .await?;
    let registry = StakingRegistry::new(registry_address, provider.clone());
    // Not twice: the consensus registry takes its staking registry once.
    let bound = consensus.stakingRegistry().call().await.during("checking the consensus registry")? == registry_address;
    let call = consensus.setStakingRegistry(registry_address);
    journal.transact(call, "binding the consensus registry to the staking registry", bound).await?;

    // Not twice: a resumed run checks the chain (the pool holds nothing else before this).
    let funded =
        token.balanceOf(pool_address).call().await.during("checking the pool")? >= genesis.reward_pool_amount();
    journal
        .transact(token.transfer(pool_address, genesis.reward_pool_amount()), "funding the reward pool", funded)
        .await?;
    // The pool's clock starts when it names the registry; nodes join once the registry starts.
    journal
        .transact(reward_pool.setBeneficiary(registry_address), "naming the registry the pool's beneficiary", false)
        .await?;
    // Not upgradeable on purpose: what a recorded clone runs can never change (see its NatSpec).
    let factory_address = journal
        .create(
            provider,
            ContributionFactory::deploy_builder(provider.clone(), token_address, registry_address, owner),
            "ContributionFactory",
        )
        .await?;
    let factory = ContributionFactory::new(factory_address, provider.clone());
    // Before the ownership transfer: the deployer is still the registry's owner. Without it every
    // contribution contract's finalize reverts (NotContributionContract).
    journal
        .transact(registry.setContributionFactory(factory_address), "naming the registry's contribution factory", false)
        .await?;
    // The judge of Ed25519 key disputes (finding L-1): not upgradeable, bound to this registry.
    let disputes_address = journal
        .create(provider, Ed25519Disputes::deploy_builder(provider.clone(), registry_address), "Ed25519Disputes")
        .await?;
    journal
        .transact(
            registry.setEd25519Disputes(disputes_address),
            "naming the registry's Ed25519 disputes contract",
            false,
        )
        .await?;
    let contribution_impl = factory.IMPLEMENTATION().call().await.during("reading the contribution implementation")?;
    // The listing views, at their own address: not upgradeable, redeployed at will.
    let lens_address = journal
        .create(provider, StakingLens::deploy_builder(provider.clone(), registry_address), "StakingLens")
        .await?;
    let fees = match &genesis.fees {
        Some(config) => Some(deploy_fees(provider, deployer, token_address, pool_address, config, journal).await?),
        None => None,
    };
    let distribution = crate::distribution::deploy_distribution(
        provider,
        deployer,
        owner,
        token_address,
        registry_address,
        factory_address,
        genesis,
        journal,
    )
    .await?;
    // Seeds go in before the start; the registry refuses them after.
    let lens = StakingLens::new(lens_address, provider.clone());
    let started = lens.started().call().await.during("checking the registry")?;
    let mut seeded = Seeded::default();
    if let Some(seeds) = launch.seeds.as_ref().filter(|_| !started) {
        let domain = Domain::new(chain_id, consensus_address.0.0);
        seeded = seed_nodes(provider, deployer, &registry, &lens, &token, &domain, seeds).await?;
    }
    if launch.start {
        journal.transact(registry.start(), "starting the registry", started).await?;
    }
    let mut awaiting_acceptance = Vec::new();
    if owner != deployer && launch.start {
        awaiting_acceptance.extend(["RewardPool", "StakingRegistry", "ConsensusRegistry"].map(String::from));
        awaiting_acceptance.extend(fees.iter().flat_map(|f| &f.upgradeable).map(|(name, _, _)| name.to_string()));
        journal.transact(reward_pool.transferOwnership(owner), "offering the pool to its owner", false).await?;
        journal.transact(registry.transferOwnership(owner), "offering the registry to its owner", false).await?;
        journal
            .transact(consensus.transferOwnership(owner), "offering the consensus registry to its owner", false)
            .await?;
        for (name, address, _) in fees.iter().flat_map(|f| &f.upgradeable) {
            // Every upgradeable contract here shares OwnedUpgradeable's Ownable2Step functions, so
            // one binding that has them (the pool's) serves for any of them.
            let owned = OwnedUpgradeable::new(*address, provider.clone());
            journal.transact(owned.transferOwnership(owner), &format!("offering {name} to its owner"), false).await?;
        }
    }

    let manifest = Manifest {
        chain_id,
        deployer,
        owner,
        block: journal.first_block().unwrap_or(block),
        abi_dir: manifest::ABI_DIR.into(),
        contracts: [
            manifest::entry("SessionToken", token_address, None),
            manifest::entry("RewardPool", pool_address, Some(pool_impl)),
            manifest::entry("StakingRegistry", registry_address, Some(registry_impl)),
            manifest::entry("StakingLens", lens_address, None),
            manifest::entry("ConsensusRegistry", consensus_address, Some(consensus_impl)),
            manifest::entry("ContributionFactory", factory_address, None),
            manifest::entry("ContributionContract", contribution_impl, None),
            manifest::entry("Ed25519Disputes", disputes_address, None),
        ]
        .into_iter()
        .chain(fees.iter().flat_map(fee_entries))
        .chain(distribution.entries())
        .collect(),
        awaiting_acceptance,
        vesting: distribution.vesting,
        claims: distribution.claims.as_ref().map(|(info, _)| info.clone()),
        claims_file: distribution.claims.map(|(_, file)| file),
    };
    let log_range = session_client::logs::DEFAULT_LOG_RANGE;
    if launch.start {
        journal_done(journal)?;
    }
    let deployment = Deployment {
        provider: provider.clone(),
        token,
        reward_pool,
        registry,
        lens,
        consensus,
        factory,
        manifest,
        log_range,
    };
    Ok((deployment, seeded))
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

/// Marks a journal complete (its file removed); the in-memory one has nothing to remove.
fn journal_done(journal: &mut Journal) -> Result<()> {
    // What the run did stays readable (gas for a dry run, creations for verification); the
    // file goes.
    let done = std::mem::replace(journal, Journal::in_memory());
    done.complete_into(journal)
}
