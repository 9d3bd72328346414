//! Network fees: Session Pro and Session Names priced in USD through a SESH/USD feed, paid in
//! SESH, burnt and reminted 90% to the reward pool and 10% to the liquidity treasury.
//! Their deployment, from the `[fees]` table of the genesis config.

use crate::{
    DeployError, Journal, Result,
    genesis::{FeesConfig, Source},
    uniswap::{UniswapV2, deploy_uniswap_v2},
};
use alloy::{
    primitives::{Address, U256},
    providers::DynProvider,
    sol_types::SolCall,
};
use session_bindings::{
    DevnetPriceFeed, FeeRouter, LiquidityTreasury, SessionNames, SessionPro, SessionProxy, SessionToken,
};
use session_client::{
    error::During,
    fees::{FEED_DECIMALS, USD_DECIMALS, parse_usd},
};

/// The deployed fee contracts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeContracts {
    /// (name, proxy, implementation) of each upgradeable fee contract.
    pub upgradeable: Vec<(&'static str, Address, Address)>,
    /// The SESH/USD feed.
    pub price_feed: Address,
    /// Whether the feed is the devnet's settable one.
    pub devnet_feed: bool,
    /// The local Uniswap v2, if one was deployed.
    pub uniswap: Option<UniswapV2>,
}

/// A USD price of the config with `decimals` decimals, in the integer type a contract takes.
fn usd<T: TryFrom<U256>>(text: &str, decimals: u32) -> Result<T> {
    let value = parse_usd(text, decimals).map_err(|e| DeployError::Fees(e.to_string()))?;
    value.try_into().map_err(|_| DeployError::Fees(format!("`{text}` USD is too large")))
}

async fn proxy(
    provider: &DynProvider,
    journal: &mut Journal,
    implementation: Address,
    init: Vec<u8>,
    what: &str,
) -> Result<Address> {
    journal.create(provider, SessionProxy::deploy_builder(provider.clone(), implementation, init.into()), what).await
}

/// Deploys the fee system and makes the fee router the token's reminter (the deployer must be the
/// token's reminter admin). Everything is owned by `deployer`; the caller hands it over.
pub async fn deploy_fees(
    provider: &DynProvider,
    deployer: Address,
    token: Address,
    pool: Address,
    config: &FeesConfig,
    journal: &mut Journal,
) -> Result<FeeContracts> {
    let unresolved = |what: &str| {
        DeployError::Fees(format!("{what} = \"network\" needs a network preset that knows it (`--network`)"))
    };
    let uniswap = match config.uniswap_router {
        Source::Devnet => Some(deploy_uniswap_v2(provider, deployer, journal).await?),
        Source::At(_) => None,
        Source::Network => return Err(unresolved("uniswap_router")),
    };
    let router_address = match config.uniswap_router {
        Source::At(address) => address,
        _ => uniswap.expect("deployed").router,
    };
    let (price_feed, devnet_feed) = match config.price_feed {
        Source::Devnet => {
            let answer: alloy::primitives::I256 = usd(&config.devnet_price_usd, FEED_DECIMALS.into())?;
            let builder = DevnetPriceFeed::deploy_builder(
                provider.clone(),
                FEED_DECIMALS,
                "SESH / USD (devnet)".into(),
                answer,
                deployer,
            );
            (journal.create(provider, builder, "DevnetPriceFeed").await?, true)
        }
        Source::At(address) => (address, false),
        Source::Network => return Err(unresolved("price_feed")),
    };
    let min_answer: i128 = usd(&config.price_bounds_usd[0], FEED_DECIMALS.into())?;
    let max_answer: i128 = usd(&config.price_bounds_usd[1], FEED_DECIMALS.into())?;

    let mut upgradeable = Vec::new();
    let treasury_impl =
        journal.create(provider, LiquidityTreasury::deploy_builder(provider.clone()), "LiquidityTreasury").await?;
    let init = LiquidityTreasury::initializeCall { token_: token, router_: router_address, owner_: deployer };
    let treasury = proxy(provider, journal, treasury_impl, init.abi_encode(), "LiquidityTreasury proxy").await?;
    upgradeable.push(("LiquidityTreasury", treasury, treasury_impl));

    let router_impl = journal.create(provider, FeeRouter::deploy_builder(provider.clone()), "FeeRouter").await?;
    let init =
        FeeRouter::initializeCall { token_: token, rewardPool_: pool, liquidityTreasury_: treasury, owner_: deployer };
    let fee_router = proxy(provider, journal, router_impl, init.abi_encode(), "FeeRouter proxy").await?;
    upgradeable.push(("FeeRouter", fee_router, router_impl));
    let sesh = SessionToken::new(token, provider.clone());
    // Not twice: the token accepts one reminter only.
    let named = sesh.reminter().call().await.during("checking the token's reminter")? == fee_router;
    journal.transact(sesh.setReminter(fee_router), "making the fee router the token's reminter", named).await?;

    let pro_impl = journal.create(provider, SessionPro::deploy_builder(provider.clone()), "SessionPro").await?;
    let init = SessionPro::initializeCall {
        token_: token,
        feeRouter_: fee_router,
        feed: price_feed,
        maxAge: config.max_age_seconds,
        minAnswer: min_answer,
        maxAnswer: max_answer,
        owner_: deployer,
    };
    let pro = proxy(provider, journal, pro_impl, init.abi_encode(), "SessionPro proxy").await?;
    upgradeable.push(("SessionPro", pro, pro_impl));
    let pro_contract = SessionPro::new(pro, provider.clone());
    for plan in &config.pro_plans {
        let price: u128 = usd(&plan.usd, USD_DECIMALS)?;
        let call = pro_contract.setPlan(U256::from(plan.id), price, plan.days * 86_400);
        journal.transact(call, &format!("adding Pro plan {}", plan.id), false).await?;
    }

    let names_impl = journal.create(provider, SessionNames::deploy_builder(provider.clone()), "SessionNames").await?;
    let mut prices = [0u128; 3];
    for (price, text) in prices.iter_mut().zip(&config.name_prices_usd) {
        *price = usd(text, USD_DECIMALS)?;
    }
    let init = SessionNames::initializeCall {
        token_: token,
        feeRouter_: fee_router,
        feed: price_feed,
        maxAge: config.max_age_seconds,
        minAnswer: min_answer,
        maxAnswer: max_answer,
        usdPrices: prices,
        owner_: deployer,
    };
    let names = proxy(provider, journal, names_impl, init.abi_encode(), "SessionNames proxy").await?;
    upgradeable.push(("SessionNames", names, names_impl));
    Ok(FeeContracts { upgradeable, price_feed, devnet_feed, uniswap })
}
