//! Network fees: Session Pro and Session Names priced in USD through a SESH/USD feed, paid in
//! SESH, burnt and reminted 90% to the reward pool and 10% to the liquidity treasury.
//! The fee part of the deployment config and its deployment.

use crate::{
    deploy::create,
    revert::transact,
    uniswap::{UniswapV2, deploy_uniswap_v2},
};
use alloy::{
    primitives::{Address, U256},
    providers::DynProvider,
    sol_types::SolCall,
};
use serde::Deserialize;
use session_bindings::{
    DevnetPriceFeed, FeeRouter, LiquidityTreasury, SessionNames, SessionPro, SessionProxy, SessionToken,
};
use std::str::FromStr;

/// Decimals of the USD prices the fee contracts take ($4.99 = 4_990_000).
pub const USD_DECIMALS: u32 = 6;
/// Decimals of the devnet price feed's answers (Chainlink's USD feeds use 8).
pub const FEED_DECIMALS: u8 = 8;

/// Where a dependency comes from: deployed for the devnet, or an existing contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Source {
    /// Deploy a devnet instance (a settable price feed, a local Uniswap v2).
    Devnet,
    /// Use the contract at this address (a real Chainlink feed, a real router).
    At(Address),
}

impl TryFrom<String> for Source {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        if text == "devnet" {
            return Ok(Self::Devnet);
        }
        Address::from_str(&text).map(Self::At).map_err(|_| format!("`{text}` is neither \"devnet\" nor an address"))
    }
}

/// A Session Pro plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProPlan {
    /// Plan id.
    pub id: u64,
    /// Price, e.g. "4.99".
    pub usd: String,
    /// Days of Pro it buys.
    pub days: u64,
}

/// The `[fees]` table of the deployment config.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeesConfig {
    /// SESH/USD feed: "devnet" or a Chainlink AggregatorV3 address.
    pub price_feed: Source,
    /// Initial SESH price of a devnet feed, USD.
    pub devnet_price_usd: String,
    /// Oldest acceptable feed answer, seconds.
    pub max_age_seconds: u32,
    /// Lowest and highest trusted SESH price, USD.
    pub price_bounds_usd: [String; 2],
    /// Uniswap v2 router of the liquidity treasury: "devnet" or an address.
    pub uniswap_router: Source,
    /// Session Pro plans.
    pub pro_plans: Vec<ProPlan>,
    /// Session Names prices for 3-, 4- and 5+-character names, USD.
    pub name_prices_usd: [String; 3],
}

/// Parses "4.99" into an integer with `decimals` decimals.
pub fn parse_usd(text: &str, decimals: u32) -> eyre::Result<U256> {
    let amount = text.trim().trim_start_matches('$');
    let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
    eyre::ensure!(
        !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.bytes().all(|b| b.is_ascii_digit())
            && fraction.len() <= decimals as usize,
        "`{text}` is not a USD amount with at most {decimals} decimals"
    );
    let scale = U256::from(10u64).pow(U256::from(decimals));
    let fraction = format!("{fraction:0<width$}", width = decimals as usize);
    Ok(U256::from_str(whole)? * scale + if decimals == 0 { U256::ZERO } else { U256::from_str(&fraction)? })
}

/// Formats a 6-decimal USD amount: `$4.99`.
pub fn format_usd(amount: U256) -> String {
    let cents = amount / U256::from(10_000u64);
    format!("${}.{:02}", cents / U256::from(100), (cents % U256::from(100)).to::<u64>())
}

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

async fn proxy(provider: &DynProvider, implementation: Address, init: Vec<u8>, what: &str) -> eyre::Result<Address> {
    Ok(create(SessionProxy::deploy_builder(provider.clone(), implementation, init.into()), what).await?.0)
}

/// Deploys the fee system and makes the fee router the token's reminter (the deployer must be the
/// token's reminter admin). Everything is owned by `deployer`; the caller hands it over.
pub async fn deploy_fees(
    provider: &DynProvider,
    deployer: Address,
    token: Address,
    pool: Address,
    config: &FeesConfig,
) -> eyre::Result<FeeContracts> {
    let uniswap = match config.uniswap_router {
        Source::Devnet => Some(deploy_uniswap_v2(provider, deployer).await?),
        Source::At(_) => None,
    };
    let router_address = match config.uniswap_router {
        Source::Devnet => uniswap.expect("deployed").router,
        Source::At(address) => address,
    };
    let (price_feed, devnet_feed) = match config.price_feed {
        Source::Devnet => {
            let answer = parse_usd(&config.devnet_price_usd, FEED_DECIMALS.into())?;
            let builder = DevnetPriceFeed::deploy_builder(
                provider.clone(),
                FEED_DECIMALS,
                "SESH / USD (devnet)".into(),
                answer.try_into()?,
                deployer,
            );
            (create(builder, "DevnetPriceFeed").await?.0, true)
        }
        Source::At(address) => (address, false),
    };
    let bounds = [
        parse_usd(&config.price_bounds_usd[0], FEED_DECIMALS.into())?,
        parse_usd(&config.price_bounds_usd[1], FEED_DECIMALS.into())?,
    ];
    let (min_answer, max_answer): (i128, i128) = (bounds[0].try_into()?, bounds[1].try_into()?);

    let mut upgradeable = Vec::new();
    let treasury_impl = create(LiquidityTreasury::deploy_builder(provider.clone()), "LiquidityTreasury").await?.0;
    let init = LiquidityTreasury::initializeCall { token_: token, router_: router_address, owner_: deployer };
    let treasury = proxy(provider, treasury_impl, init.abi_encode(), "LiquidityTreasury proxy").await?;
    upgradeable.push(("LiquidityTreasury", treasury, treasury_impl));

    let router_impl = create(FeeRouter::deploy_builder(provider.clone()), "FeeRouter").await?.0;
    let init =
        FeeRouter::initializeCall { token_: token, rewardPool_: pool, liquidityTreasury_: treasury, owner_: deployer };
    let fee_router = proxy(provider, router_impl, init.abi_encode(), "FeeRouter proxy").await?;
    upgradeable.push(("FeeRouter", fee_router, router_impl));
    let sesh = SessionToken::new(token, provider.clone());
    transact(sesh.setReminter(fee_router), "making the fee router the token's reminter").await?;

    let pro_impl = create(SessionPro::deploy_builder(provider.clone()), "SessionPro").await?.0;
    let init = SessionPro::initializeCall {
        token_: token,
        feeRouter_: fee_router,
        feed: price_feed,
        maxAge: config.max_age_seconds,
        minAnswer: min_answer,
        maxAnswer: max_answer,
        owner_: deployer,
    };
    let pro = proxy(provider, pro_impl, init.abi_encode(), "SessionPro proxy").await?;
    upgradeable.push(("SessionPro", pro, pro_impl));
    let pro_contract = SessionPro::new(pro, provider.clone());
    for plan in &config.pro_plans {
        let usd: u128 = parse_usd(&plan.usd, USD_DECIMALS)?.try_into()?;
        transact(pro_contract.setPlan(U256::from(plan.id), usd, plan.days * 86_400), "adding a Pro plan").await?;
    }

    let names_impl = create(SessionNames::deploy_builder(provider.clone()), "SessionNames").await?.0;
    let mut prices = [0u128; 3];
    for (price, text) in prices.iter_mut().zip(&config.name_prices_usd) {
        *price = parse_usd(text, USD_DECIMALS)?.try_into()?;
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
    let names = proxy(provider, names_impl, init.abi_encode(), "SessionNames proxy").await?;
    upgradeable.push(("SessionNames", names, names_impl));
    Ok(FeeContracts { upgradeable, price_feed, devnet_feed, uniswap })
}

/// Handles on the fee contracts of a deployment.
impl crate::deploy::Deployment {
    /// The Session Pro contract.
    pub fn session_pro(&self) -> eyre::Result<SessionPro::SessionProInstance<DynProvider>> {
        Ok(SessionPro::new(self.manifest.address("SessionPro")?, self.provider.clone()))
    }

    /// The Session Names contract.
    pub fn session_names(&self) -> eyre::Result<SessionNames::SessionNamesInstance<DynProvider>> {
        Ok(SessionNames::new(self.manifest.address("SessionNames")?, self.provider.clone()))
    }

    /// The devnet's settable price feed.
    pub fn devnet_price_feed(&self) -> eyre::Result<DevnetPriceFeed::DevnetPriceFeedInstance<DynProvider>> {
        Ok(DevnetPriceFeed::new(self.manifest.address("DevnetPriceFeed")?, self.provider.clone()))
    }
}

/// Parses a 33-byte Session ID given in hex (`05` followed by 32 bytes).
pub fn parse_session_id(text: &str) -> eyre::Result<alloy::primitives::Bytes> {
    let bytes = alloy::hex::decode(text.trim().trim_start_matches("0x"))?;
    eyre::ensure!(
        bytes.len() == 33 && bytes[0] == 0x05,
        "a Session ID is 33 bytes starting with 05 (66 hex digits), got {} bytes",
        bytes.len()
    );
    Ok(bytes.into())
}

/// The most a payer accepts: the quote plus `slippage_bps` (rounded up).
pub fn with_slippage(quote: U256, slippage_bps: u64) -> U256 {
    (quote * U256::from(10_000 + slippage_bps)).div_ceil(U256::from(10_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usd_amounts_parse_and_format() {
        assert_eq!(parse_usd("4.99", 6).unwrap(), U256::from(4_990_000));
        assert_eq!(parse_usd("$25", 6).unwrap(), U256::from(25_000_000));
        assert_eq!(parse_usd("0.5", 8).unwrap(), U256::from(50_000_000));
        assert!(parse_usd("1.0000001", 6).is_err() && parse_usd("abc", 6).is_err() && parse_usd("-1", 6).is_err());
        assert_eq!(format_usd(U256::from(4_990_000)), "$4.99");
    }
}
