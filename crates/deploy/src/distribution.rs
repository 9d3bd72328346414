//! The genesis distribution: a vesting contract for each recipient of a locked allocation (from
//! the deployment's `VestingFactory`), and the Token Swap Program (the Merkle claims distributor
//! and the legacy-token converter, funded from their allocations).
//!
//! Every step is journaled; a vesting's address is predicted from its arguments (CREATE2), so a
//! resumed deployment sees which ones exist and creates only the rest. The schedules start at
//! `vesting_start`, or at the time of the deployment's first block: the same on a resumed run.

use crate::{
    DeployError, Journal, Result,
    genesis::{GenesisConfig, Recipient, Revoker, Source, VestingKind, VestingTerms},
};
use alloy::{
    eips::BlockNumberOrTag,
    primitives::{Address, U256, keccak256},
    providers::{DynProvider, Provider},
};
use session_bindings::{
    DevnetLegacyToken, MerkleClaims, SessionToken, TokenConverter, VestingFactory, merkle_claims::IVesting,
    vesting_factory::IVesting::Schedule as FactorySchedule,
};
use session_client::{
    error::During,
    manifest::{self, ClaimsInfo, VestingContract},
    merkle::{self, ClaimsFile},
};

const DAY: u64 = 86_400;

/// What the distribution deployed.
#[derive(Debug, Clone, Default)]
pub struct Distribution {
    /// The vesting factory and its two implementations, if any allocation vests.
    pub factory: Option<(Address, Address, Address)>,
    /// Every vesting contract.
    pub vesting: Vec<VestingContract>,
    /// The swap program's contracts: claims, converter, and the devnet's legacy token.
    pub swap: Option<(Address, Address, Option<Address>)>,
    /// The claims' root, deadline and proofs.
    pub claims: Option<(ClaimsInfo, ClaimsFile)>,
}

impl Distribution {
    /// The manifest entries of the distribution's contracts.
    pub fn entries(&self) -> Vec<(String, manifest::DeployedContract)> {
        let mut entries = Vec::new();
        if let Some((factory, plain, staking)) = self.factory {
            entries.push(manifest::entry("VestingFactory", factory, None));
            entries.push(manifest::entry("PlainVesting", plain, None));
            entries.push(manifest::entry("StakingVesting", staking, None));
        }
        if let Some((claims, converter, legacy)) = self.swap {
            entries.push(manifest::entry("MerkleClaims", claims, None));
            entries.push(manifest::entry("TokenConverter", converter, None));
            if let Some(legacy) = legacy {
                entries.push(manifest::entry("DevnetLegacyToken", legacy, None));
            }
        }
        entries
    }
}

/// The schedule of `terms` from `start`, as the factory takes it.
fn schedule(terms: &VestingTerms, start: u64) -> FactorySchedule {
    FactorySchedule {
        start,
        cliff: start + terms.cliff_days * DAY,
        end: start + terms.end_days * DAY,
        cliffShareBps: terms.cliff_share_bps,
    }
}

/// Deploys the distribution `genesis` describes. The deployer holds every vesting and swap
/// allocation (the token minted them to it); `owner` governs the factory, converter and claims.
#[allow(clippy::too_many_arguments)]
pub async fn deploy_distribution(
    provider: &DynProvider,
    deployer: Address,
    owner: Address,
    token_address: Address,
    registry: Address,
    contribution_factory: Address,
    genesis: &GenesisConfig,
    journal: &mut Journal,
) -> Result<Distribution> {
    let token = SessionToken::new(token_address, provider.clone());
    let start = match genesis.vesting_start {
        Some(start) => start,
        None => {
            let first = journal.first_block().unwrap_or_default();
            let block = provider
                .get_block_by_number(BlockNumberOrTag::Number(first))
                .await
                .during("reading the deployment's first block")?
                .ok_or_else(|| DeployError::Journal(format!("block {first} is missing")))?;
            block.header.timestamp
        }
    };
    let mut out = Distribution::default();
    let vests = genesis.allocations.iter().any(|a| a.vesting.is_some())
        || genesis.swap.as_ref().is_some_and(|s| s.claims_vesting.is_some());
    let factory = if vests {
        let builder =
            VestingFactory::deploy_builder(provider.clone(), token_address, registry, contribution_factory, owner);
        let address = journal.create(provider, builder, "VestingFactory").await?;
        let factory = VestingFactory::new(address, provider.clone());
        let plain = factory.PLAIN_IMPLEMENTATION().call().await.during("reading the plain vesting")?;
        let staking = factory.STAKING_IMPLEMENTATION().call().await.during("reading the staking vesting")?;
        out.factory = Some((address, plain, staking));
        Some(factory)
    } else {
        None
    };

    for allocation in genesis.allocations.iter().filter(|a| a.vesting.is_some()) {
        let (terms, factory) = (allocation.vesting.as_ref().expect("filtered"), factory.as_ref().expect("created"));
        let kind = match terms.kind {
            VestingKind::Plain => 0u8,
            VestingKind::Staking => 1u8,
        };
        let revoker = match terms.revoker {
            Revoker::None => Address::ZERO,
            Revoker::Owner => owner,
            Revoker::Account(account) => account,
        };
        let schedule = schedule(terms, start);
        for (index, (beneficiary, amount)) in allocation.recipients().into_iter().enumerate() {
            let salt = keccak256(format!("{}/{index}", allocation.name));
            let predicted = factory
                .predictAddress(kind, revoker, amount, schedule.clone(), deployer, salt)
                .call()
                .await
                .during("predicting a vesting's address")?;
            let exists = factory.owns(predicted).call().await.during("checking a vesting")?;
            let what = format!("creating the vesting of `{}` for {beneficiary}", allocation.name);
            let approve = format!("approving the vesting factory for `{}` #{index}", allocation.name);
            journal.transact(token.approve(*factory.address(), amount), &approve, exists).await?;
            let call = factory.create(kind, beneficiary, revoker, amount, schedule.clone(), salt);
            journal.transact(call, &what, exists).await?;
            out.vesting.push(VestingContract {
                name: allocation.name.clone(),
                address: predicted,
                kind: if kind == 0 { "plain" } else { "staking" }.into(),
                beneficiary,
                revoker,
                allocation: amount.to_string(),
                start: schedule.start,
                cliff: schedule.cliff,
                end: schedule.end,
                cliff_share_bps: schedule.cliffShareBps,
                abi: format!(
                    "{}/{}.json",
                    manifest::ABI_DIR,
                    if kind == 0 { "PlainVesting" } else { "StakingVesting" }
                ),
            });
        }
    }

    if let Some(swap) = &genesis.swap {
        let funded = |recipient: Recipient| -> U256 {
            genesis
                .allocations
                .iter()
                .filter(|a| a.recipient == recipient)
                .map(|a| session_client::units::sesh(a.amount))
                .sum()
        };
        let (legacy, devnet_legacy) = match swap.legacy_token {
            Source::Devnet => {
                let address = journal
                    .create(provider, DevnetLegacyToken::deploy_builder(provider.clone()), "DevnetLegacyToken")
                    .await?;
                (address, Some(address))
            }
            Source::At(address) => (address, None),
            Source::Network => {
                return Err(DeployError::Genesis(crate::genesis::GenesisError::BadSwap(
                    "no network preset knows a wrapped legacy token: give its address".into(),
                )));
            }
        };
        let [numerator, denominator] = swap.ratio.map(U256::from);
        let builder =
            TokenConverter::deploy_builder(provider.clone(), legacy, token_address, numerator, denominator, owner);
        let converter = journal.create(provider, builder, "TokenConverter").await?;
        let tree =
            merkle::build(&swap.claims).ok_or_else(|| crate::genesis::GenesisError::BadSwap("no claims".into()))?;
        let deadline = start + swap.claims_deadline_days * DAY;
        let (vesting_factory, claims_schedule) = match (&swap.claims_vesting, &factory) {
            (Some(terms), Some(factory)) => {
                let s = schedule(terms, start);
                let schedule =
                    IVesting::Schedule { start: s.start, cliff: s.cliff, end: s.end, cliffShareBps: s.cliffShareBps };
                (*factory.address(), schedule)
            }
            _ => (Address::ZERO, IVesting::Schedule { start: 0, cliff: 0, end: 0, cliffShareBps: 0 }),
        };
        let builder = MerkleClaims::deploy_builder(
            provider.clone(),
            token_address,
            tree.root,
            deadline,
            swap.sweep_to,
            owner,
            vesting_factory,
            claims_schedule,
        );
        let claims = journal.create(provider, builder, "MerkleClaims").await?;
        for (target, amount, what) in [
            (claims, funded(Recipient::SwapClaims), "funding the Merkle claims"),
            (converter, funded(Recipient::SwapConverter), "funding the token converter"),
        ] {
            let done = token.balanceOf(target).call().await.during("checking a swap contract's balance")? >= amount;
            journal.transact(token.transfer(target, amount), what, done).await?;
        }
        out.swap = Some((claims, converter, devnet_legacy));
        let chain_id = provider.get_chain_id().await.during("reading the chain id")?;
        let info = ClaimsInfo { root: tree.root, deadline, file: format!("claims-{chain_id}.json") };
        out.claims = Some((info, tree));
    }
    Ok(out)
}
