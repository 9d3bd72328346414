//! The genesis config: who receives the SESH minted at deployment, and the network fee settings
//! (its `[fees]` table).
//!
//! The token contract enforces the 240M cap itself; this module refuses a bad config earlier, with
//! a message that names the numbers, and also enforces the 80M liquid-at-genesis rule that only a
//! config can express.

use alloy::primitives::{Address, U256};
use serde::Deserialize;
use session_client::units::sesh;
use std::{fmt, path::Path, str::FromStr};
use thiserror::Error;

/// Maximum supply of SESH, in whole tokens.
pub const MAX_SUPPLY_SESH: u64 = 240_000_000;
/// Most SESH that may be liquid (circulating) at genesis, in whole tokens.
pub const MAX_LIQUID_SESH: u64 = 80_000_000;

/// A genesis config, as read from TOML (`[[allocation]]` tables).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenesisConfig {
    /// Every allocation minted at genesis.
    #[serde(rename = "allocation")]
    pub allocations: Vec<Allocation>,
    /// Network fees (Session Pro, Session Names); not deployed when absent.
    #[serde(default)]
    pub fees: Option<FeesConfig>,
}

/// One line of the genesis mint.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// What the allocation is for, shown in errors and status.
    pub name: String,
    /// Who receives it.
    pub recipient: Recipient,
    /// Whole SESH.
    pub amount: u64,
    /// Whether it circulates at genesis.
    pub liquid: bool,
}

/// The receiver of an allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Recipient {
    /// The staking reward pool created by the deployment.
    RewardPool,
    /// A fixed account.
    Account(Address),
}

impl TryFrom<String> for Recipient {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        if text == "reward-pool" {
            return Ok(Self::RewardPool);
        }
        Address::from_str(&text)
            .map(Self::Account)
            .map_err(|_| format!("recipient `{text}` is neither \"reward-pool\" nor an address"))
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::RewardPool => f.write_str("reward-pool"),
            Self::Account(address) => write!(f, "{address}"),
        }
    }
}

/// Where a dependency comes from: deployed for the devnet, or an existing contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Source {
    /// Deploy a devnet instance (a settable price feed, a local Uniswap v2).
    Devnet,
    /// Use the contract at this address (a real Chainlink feed, a real router).
    At(Address),
    /// The address the `--network` preset knows (see [`crate::networks`]).
    Network,
}

impl TryFrom<String> for Source {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        match text.as_str() {
            "devnet" => Ok(Self::Devnet),
            "network" => Ok(Self::Network),
            _ => Address::from_str(&text)
                .map(Self::At)
                .map_err(|_| format!("`{text}` is neither \"devnet\", \"network\" nor an address")),
        }
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

/// Why a genesis config was refused.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum GenesisError {
    /// The config could not be read or parsed.
    #[error("genesis config {path}: {reason}")]
    Unreadable {
        /// The file.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// The allocations add up to more than the maximum supply.
    #[error(
        "genesis allocations total {total} SESH, above the maximum supply of {MAX_SUPPLY_SESH} SESH; \
         lower some allocations by {} SESH",
        total - MAX_SUPPLY_SESH
    )]
    TotalAboveMaxSupply {
        /// Sum of all allocations, whole SESH.
        total: u64,
    },
    /// More than 80M would circulate at genesis.
    #[error(
        "genesis allocations marked liquid total {liquid} SESH, above the {MAX_LIQUID_SESH} SESH that may \
         circulate at genesis; lock (liquid = false) at least {} SESH more",
        liquid - MAX_LIQUID_SESH
    )]
    LiquidAboveCap {
        /// Sum of the liquid allocations, whole SESH.
        liquid: u64,
    },
    /// An allocation of zero SESH.
    #[error("genesis allocation `{0}` is zero SESH")]
    ZeroAmount(String),
    /// The reward pool must be funded exactly once.
    #[error("genesis config must fund the reward pool exactly once (recipient = \"reward-pool\"), found {0}")]
    RewardPoolCount(usize),
    /// Reward pool tokens are time-locked in the pool, so they cannot be liquid.
    #[error("the reward pool allocation cannot be liquid: its tokens are released over time")]
    LiquidRewardPool,
}

impl GenesisConfig {
    /// Reads and validates a TOML config.
    pub fn load(path: &Path) -> Result<Self, GenesisError> {
        let unreadable = |reason: String| GenesisError::Unreadable { path: path.display().to_string(), reason };
        let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
        let config: Self = toml::from_str(&text).map_err(|e| unreadable(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    /// Checks the supply rules. Sums in u128 so no config can overflow them.
    pub fn validate(&self) -> Result<(), GenesisError> {
        let sum = |liquid_only: bool| -> u128 {
            self.allocations.iter().filter(|a| a.liquid || !liquid_only).map(|a| u128::from(a.amount)).sum()
        };
        let clamp = |v: u128| u64::try_from(v).unwrap_or(u64::MAX);
        if let Some(zero) = self.allocations.iter().find(|a| a.amount == 0) {
            return Err(GenesisError::ZeroAmount(zero.name.clone()));
        }
        let pools: Vec<_> = self.allocations.iter().filter(|a| a.recipient == Recipient::RewardPool).collect();
        if pools.len() != 1 {
            return Err(GenesisError::RewardPoolCount(pools.len()));
        }
        if pools[0].liquid {
            return Err(GenesisError::LiquidRewardPool);
        }
        if sum(false) > u128::from(MAX_SUPPLY_SESH) {
            return Err(GenesisError::TotalAboveMaxSupply { total: clamp(sum(false)) });
        }
        if sum(true) > u128::from(MAX_LIQUID_SESH) {
            return Err(GenesisError::LiquidAboveCap { liquid: clamp(sum(true)) });
        }
        Ok(())
    }

    /// The reward pool's allocation, in atomic units.
    pub fn reward_pool_amount(&self) -> U256 {
        self.allocations.iter().filter(|a| a.recipient == Recipient::RewardPool).map(|a| sesh(a.amount)).sum()
    }

    /// Total genesis supply, in atomic units.
    pub fn total(&self) -> U256 {
        self.allocations.iter().map(|a| sesh(a.amount)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(lines: &[(&str, u64, bool)]) -> GenesisConfig {
        let mut allocations = vec![Allocation {
            name: "pool".into(),
            recipient: Recipient::RewardPool,
            amount: 40_000_000,
            liquid: false,
        }];
        allocations.extend(lines.iter().map(|(name, amount, liquid)| Allocation {
            name: (*name).into(),
            recipient: Recipient::Account(Address::repeat_byte(1)),
            amount: *amount,
            liquid: *liquid,
        }));
        GenesisConfig { allocations, fees: None }
    }

    #[test]
    fn devnet_config_is_valid_and_uses_the_whole_supply() {
        let config = GenesisConfig::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/genesis.devnet.toml"),
        )
        .unwrap();
        assert_eq!(config.total(), sesh(MAX_SUPPLY_SESH));
        assert_eq!(config.reward_pool_amount(), sesh(40_000_000));
    }

    #[test]
    fn accepts_exactly_the_caps() {
        config(&[("liquid", 80_000_000, true), ("locked", 120_000_000, false)]).validate().unwrap();
    }

    #[test]
    fn refuses_a_total_above_max_supply_with_the_numbers() {
        let err = config(&[("liquid", 80_000_000, true), ("locked", 120_000_001, false)]).validate().unwrap_err();
        assert_eq!(err, GenesisError::TotalAboveMaxSupply { total: 240_000_001 });
        assert!(err.to_string().contains("240000001 SESH, above the maximum supply of 240000000 SESH"));
    }

    #[test]
    fn refuses_more_than_80m_liquid() {
        let err = config(&[("liquid", 80_000_001, true)]).validate().unwrap_err();
        assert_eq!(err, GenesisError::LiquidAboveCap { liquid: 80_000_001 });
        assert!(err.to_string().contains("lock (liquid = false) at least 1 SESH more"));
    }

    #[test]
    fn refuses_overflowing_totals_without_panicking() {
        let err = config(&[("a", u64::MAX, false), ("b", u64::MAX, false)]).validate().unwrap_err();
        assert_eq!(err, GenesisError::TotalAboveMaxSupply { total: u64::MAX });
    }

    #[test]
    fn refuses_zero_amounts_and_a_missing_or_liquid_pool() {
        assert_eq!(config(&[("z", 0, true)]).validate(), Err(GenesisError::ZeroAmount("z".into())));
        let mut no_pool = config(&[("a", 1, true)]);
        no_pool.allocations.remove(0);
        assert_eq!(no_pool.validate(), Err(GenesisError::RewardPoolCount(0)));
        let mut liquid_pool = config(&[]);
        liquid_pool.allocations[0].liquid = true;
        assert_eq!(liquid_pool.validate(), Err(GenesisError::LiquidRewardPool));
    }

    #[test]
    fn refuses_unknown_recipients_and_fields() {
        let bad = "[[allocation]]\nname='x'\nrecipient='nobody'\namount=1\nliquid=true\n";
        assert!(toml::from_str::<GenesisConfig>(bad).unwrap_err().to_string().contains("neither \"reward-pool\""));
        let extra = "[[allocation]]\nname='x'\nrecipient='reward-pool'\namount=1\nliquid=false\ncolor=1\n";
        assert!(toml::from_str::<GenesisConfig>(extra).is_err());
    }
}
