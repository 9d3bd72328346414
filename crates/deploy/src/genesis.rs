//! The genesis config: who receives the SESH minted at deployment, and the network fee settings
//! (its `[fees]` table).
//!
//! The token contract enforces the 240M cap itself; this module refuses a bad config earlier, with
//! a message that names the numbers, and also enforces the 80M liquid-at-genesis rule that only a
//! config can express.

use alloy::primitives::{Address, U256};
use serde::Deserialize;
use session_client::units::sesh;
use std::{
    fmt,
    path::{Path, PathBuf},
    str::FromStr,
};
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
    /// When the vesting schedules start (unix seconds); the deployment's time when absent.
    #[serde(default)]
    pub vesting_start: Option<u64>,
    /// The Token Swap Program: Merkle claims and the legacy-token converter; required when an
    /// allocation goes to "swap-claims" or "swap-converter".
    #[serde(default)]
    pub swap: Option<SwapConfig>,
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
    /// The schedule of a locked allocation: each recipient gets a vesting contract. Every locked
    /// allocation but the reward pool has one.
    #[serde(default)]
    pub vesting: Option<VestingTerms>,
    /// The recipients of a `csv:` allocation and their atomic amounts (read by
    /// [`GenesisConfig::load`]); one entry, the recipient and the whole amount, otherwise.
    #[serde(skip)]
    pub shares: Vec<(Address, U256)>,
}

impl Allocation {
    /// Who gets what of this allocation (atomic units): the CSV's lines, or the one account.
    pub fn recipients(&self) -> Vec<(Address, U256)> {
        match &self.recipient {
            Recipient::Account(account) => vec![(*account, sesh(self.amount))],
            Recipient::Csv(_) => self.shares.clone(),
            _ => Vec::new(),
        }
    }
}

/// A vesting schedule, in days from the vesting start.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VestingTerms {
    /// "plain" (tokens wait) or "staking" (the locked tokens can stake).
    pub kind: VestingKind,
    /// Days to the cliff: nothing vests before it.
    pub cliff_days: u64,
    /// Days to the end: everything has vested then.
    pub end_days: u64,
    /// Share vesting at the cliff, in basis points (the production plain vesting: 2000).
    #[serde(default)]
    pub cliff_share_bps: u16,
    /// Who may revoke the unvested part: "none" (irrevocable, the default), "owner" (the
    /// deployment's owner) or an address.
    #[serde(default)]
    pub revoker: Revoker,
}

/// The two vesting contracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VestingKind {
    /// Tokens stay in the contract until released.
    Plain,
    /// The beneficiary can stake the locked tokens (stakes come back to the contract).
    Staking,
}

/// Who may revoke a vesting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Revoker {
    /// Nobody: irrevocable.
    #[default]
    None,
    /// The deployment's owner.
    Owner,
    /// A fixed account.
    Account(Address),
}

impl TryFrom<String> for Revoker {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        match text.as_str() {
            "none" => Ok(Self::None),
            "owner" => Ok(Self::Owner),
            _ => Address::from_str(&text)
                .map(Self::Account)
                .map_err(|_| format!("revoker `{text}` is neither \"none\", \"owner\" nor an address")),
        }
    }
}

/// The `[swap]` table: the Token Swap Program.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwapConfig {
    /// The claims list (`account,amount` per line, amounts in atomic units), relative to the
    /// config file: its Merkle root is the distributor's.
    pub claims_csv: PathBuf,
    /// Days after deployment that claims stay open; then the owner sweeps the rest.
    pub claims_deadline_days: u64,
    /// Who receives what was not claimed by the deadline.
    pub sweep_to: Address,
    /// Claims paid into a plain vesting on this schedule instead of directly (revoker none).
    #[serde(default)]
    pub claims_vesting: Option<VestingTerms>,
    /// The wrapped legacy token the converter takes: "devnet" (a mintable wOXEN) or an address.
    pub legacy_token: Source,
    /// SESH out per legacy token in: `[numerator, denominator]` of atomic units.
    pub ratio: [u64; 2],
    /// The claims read from `claims_csv` by [`GenesisConfig::load`].
    #[serde(skip)]
    pub claims: Vec<(Address, U256)>,
}

/// The receiver of an allocation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Recipient {
    /// The staking reward pool created by the deployment.
    RewardPool,
    /// The Token Swap Program's Merkle claims distributor.
    SwapClaims,
    /// The Token Swap Program's legacy-token converter.
    SwapConverter,
    /// A fixed account.
    Account(Address),
    /// Several accounts, from a CSV file (`account,amount` in SESH per line) relative to the
    /// config: investors, say.
    Csv(PathBuf),
}

impl TryFrom<String> for Recipient {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        match text.as_str() {
            "reward-pool" => return Ok(Self::RewardPool),
            "swap-claims" => return Ok(Self::SwapClaims),
            "swap-converter" => return Ok(Self::SwapConverter),
            _ => {}
        }
        if let Some(path) = text.strip_prefix("csv:") {
            return Ok(Self::Csv(PathBuf::from(path)));
        }
        Address::from_str(&text)
            .map(Self::Account)
            .map_err(|_| {
                format!(
                    "recipient `{text}` is none of \"reward-pool\", \"swap-claims\", \"swap-converter\", \"csv:FILE\" or an address"
                )
            })
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::RewardPool => f.write_str("reward-pool"),
            Self::SwapClaims => f.write_str("swap-claims"),
            Self::SwapConverter => f.write_str("swap-converter"),
            Self::Account(address) => write!(f, "{address}"),
            Self::Csv(path) => write!(f, "csv:{}", path.display()),
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
    /// The allocations do not add up to the supply: 240M is minted once, at genesis.
    #[error(
        "genesis allocations total {total} SESH; they must add up to exactly the supply of {MAX_SUPPLY_SESH} SESH \
         ({})",
        if *total > MAX_SUPPLY_SESH { format!("lower some by {} SESH", total - MAX_SUPPLY_SESH) }
        else { format!("{} SESH unallocated", MAX_SUPPLY_SESH - total) }
    )]
    TotalNotMaxSupply {
        /// Sum of all allocations, whole SESH.
        total: u64,
    },
    /// A locked allocation without a vesting schedule would be locked by nothing.
    #[error(
        "genesis allocation `{0}` is locked (liquid = false) but has no vesting schedule: add `vesting = {{ kind = \"plain\", cliff_days = .., end_days = .. }}`"
    )]
    LockedWithoutVesting(String),
    /// A schedule that cannot be honoured.
    #[error("genesis allocation `{name}`: {reason}")]
    BadAllocation {
        /// The allocation.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// The Token Swap Program's settings are missing or wrong.
    #[error("genesis [swap]: {0}")]
    BadSwap(String),
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
        let mut config: Self = toml::from_str(&text).map_err(|e| unreadable(e.to_string()))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        for allocation in &mut config.allocations {
            if let Recipient::Csv(file) = &allocation.recipient {
                allocation.shares = read_csv(&dir.join(file), Units::Sesh).map_err(unreadable)?;
            }
        }
        if let Some(swap) = config.swap.as_mut() {
            swap.claims = read_csv(&dir.join(&swap.claims_csv), Units::Atomic).map_err(unreadable)?;
        }
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
        if sum(true) > u128::from(MAX_LIQUID_SESH) {
            return Err(GenesisError::LiquidAboveCap { liquid: clamp(sum(true)) });
        }
        if sum(false) != u128::from(MAX_SUPPLY_SESH) {
            return Err(GenesisError::TotalNotMaxSupply { total: clamp(sum(false)) });
        }
        for a in &self.allocations {
            self.validate_allocation(a)?;
        }
        self.validate_swap()?;
        Ok(())
    }

    fn validate_allocation(&self, a: &Allocation) -> Result<(), GenesisError> {
        let bad = |reason: String| GenesisError::BadAllocation { name: a.name.clone(), reason };
        let special = matches!(a.recipient, Recipient::RewardPool | Recipient::SwapClaims | Recipient::SwapConverter);
        match (&a.vesting, a.liquid) {
            (None, false) if !special => return Err(GenesisError::LockedWithoutVesting(a.name.clone())),
            (Some(_), true) => return Err(bad("a liquid allocation cannot vest: mark it liquid = false".into())),
            (Some(_), _) if special => return Err(bad(format!("the {} allocation cannot vest", a.recipient))),
            (Some(terms), false) => terms.validate().map_err(bad)?,
            _ => {}
        }
        if let Recipient::Csv(file) = &a.recipient {
            let total: U256 = a.shares.iter().map(|(_, amount)| *amount).sum();
            if a.shares.is_empty() {
                return Err(bad(format!("no recipients read from {}", file.display())));
            }
            if total != sesh(a.amount) {
                return Err(bad(format!(
                    "{} adds up to {} SESH, the allocation is {} SESH",
                    file.display(),
                    session_client::units::format_sesh(total),
                    a.amount
                )));
            }
        }
        Ok(())
    }

    fn validate_swap(&self) -> Result<(), GenesisError> {
        let count = |r: Recipient| self.allocations.iter().filter(|a| a.recipient == r).count();
        let (claims, converter) = (count(Recipient::SwapClaims), count(Recipient::SwapConverter));
        let Some(swap) = &self.swap else {
            if claims + converter > 0 {
                return Err(GenesisError::BadSwap(
                    "allocations go to the swap program, but there is no [swap] table".into(),
                ));
            }
            return Ok(());
        };
        if claims != 1 || converter != 1 {
            return Err(GenesisError::BadSwap(format!(
                "fund \"swap-claims\" and \"swap-converter\" once each (found {claims} and {converter})"
            )));
        }
        if swap.ratio.contains(&0) {
            return Err(GenesisError::BadSwap(
                "the converter's ratio needs a non-zero numerator and denominator".into(),
            ));
        }
        if swap.claims_deadline_days == 0 {
            return Err(GenesisError::BadSwap("claims_deadline_days must be at least 1".into()));
        }
        if let Some(terms) = &swap.claims_vesting {
            terms.validate().map_err(|e| GenesisError::BadSwap(format!("claims_vesting: {e}")))?;
        }
        let claimed: U256 = swap.claims.iter().map(|(_, amount)| *amount).sum();
        let funded: U256 =
            self.allocations.iter().filter(|a| a.recipient == Recipient::SwapClaims).map(|a| sesh(a.amount)).sum();
        if swap.claims.is_empty() || claimed > funded {
            return Err(GenesisError::BadSwap(format!(
                "{} lists {} claims totalling {} SESH; the claims allocation is {} SESH",
                swap.claims_csv.display(),
                swap.claims.len(),
                session_client::units::format_sesh(claimed),
                session_client::units::format_sesh(funded)
            )));
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

impl VestingTerms {
    /// Refuses a schedule the vesting contracts would refuse, in the config's words.
    pub fn validate(&self) -> Result<(), String> {
        if self.end_days == 0 || self.cliff_days > self.end_days {
            return Err(format!(
                "vesting needs 0 <= cliff_days <= end_days and end_days > 0 (cliff {} days, end {} days)",
                self.cliff_days, self.end_days
            ));
        }
        if self.cliff_share_bps > 10_000 {
            return Err(format!("cliff_share_bps {} is above 10000", self.cliff_share_bps));
        }
        Ok(())
    }
}

/// How a CSV's amounts are written.
#[derive(Debug, Clone, Copy)]
enum Units {
    /// SESH, with up to 9 decimals (allocations).
    Sesh,
    /// Atomic units, integers (the claims list: the Merkle leaves hold exactly these numbers).
    Atomic,
}

/// Reads a claims list: `account,amount` lines, amounts in atomic units (what `sesh claims build`
/// and the `[swap]` table read).
pub fn read_claims_csv(path: &Path) -> Result<Vec<(Address, U256)>, String> {
    read_csv(path, Units::Atomic)
}

/// Reads `account,amount` lines (a header line is skipped; blank lines and `#` comments too).
fn read_csv(path: &Path, units: Units) -> Result<Vec<(Address, U256)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || (number == 0 && line.to_ascii_lowercase().contains("amount")) {
            continue;
        }
        let bad = |why: &str| format!("{} line {}: {why}: `{line}`", path.display(), number + 1);
        let (account, amount) = line.split_once(',').ok_or_else(|| bad("expected `account,amount`"))?;
        let account = Address::from_str(account.trim()).map_err(|_| bad("not an address"))?;
        let amount = match units {
            Units::Sesh => session_client::units::parse_sesh(amount.trim()).map_err(|e| bad(&e.to_string()))?,
            Units::Atomic => {
                U256::from_str_radix(amount.trim(), 10).map_err(|_| bad("not an integer amount of atomic units"))?
            }
        };
        if amount.is_zero() {
            return Err(bad("zero amount"));
        }
        rows.push((account, amount));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> VestingTerms {
        VestingTerms {
            kind: VestingKind::Plain,
            cliff_days: 365,
            end_days: 1095,
            cliff_share_bps: 2000,
            revoker: Revoker::None,
        }
    }

    fn config(lines: &[(&str, u64, bool)]) -> GenesisConfig {
        let mut allocations = vec![Allocation {
            name: "pool".into(),
            recipient: Recipient::RewardPool,
            amount: 40_000_000,
            liquid: false,
            vesting: None,
            shares: Vec::new(),
        }];
        allocations.extend(lines.iter().map(|(name, amount, liquid)| Allocation {
            name: (*name).into(),
            recipient: Recipient::Account(Address::repeat_byte(1)),
            amount: *amount,
            liquid: *liquid,
            vesting: (!liquid).then(terms),
            shares: Vec::new(),
        }));
        GenesisConfig { allocations, fees: None, vesting_start: None, swap: None }
    }

    fn devnet() -> GenesisConfig {
        GenesisConfig::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/genesis.devnet.toml")).unwrap()
    }

    #[test]
    fn devnet_config_is_valid_and_uses_the_whole_supply() {
        let config = devnet();
        assert_eq!(config.total(), sesh(MAX_SUPPLY_SESH));
        assert_eq!(config.reward_pool_amount(), sesh(40_000_000));
        let investors = config.allocations.iter().find(|a| matches!(a.recipient, Recipient::Csv(_))).unwrap();
        assert!(investors.recipients().len() >= 2, "the investors' CSV is read");
        assert!(!config.swap.unwrap().claims.is_empty(), "the claims CSV is read");
    }

    #[test]
    fn accepts_exactly_the_caps() {
        config(&[("liquid", 80_000_000, true), ("locked", 120_000_000, false)]).validate().unwrap();
    }

    #[test]
    fn refuses_a_total_other_than_the_supply_with_the_numbers() {
        let err = config(&[("liquid", 80_000_000, true), ("locked", 120_000_001, false)]).validate().unwrap_err();
        assert_eq!(err, GenesisError::TotalNotMaxSupply { total: 240_000_001 });
        assert!(err.to_string().contains(
            "240000001 SESH; they must add up to exactly the supply of 240000000 SESH (lower some by 1 SESH)"
        ));
        let err = config(&[("liquid", 80_000_000, true), ("locked", 119_999_999, false)]).validate().unwrap_err();
        assert!(err.to_string().contains("(1 SESH unallocated)"), "{err}");
    }

    #[test]
    fn refuses_more_than_80m_liquid() {
        let err = config(&[("liquid", 80_000_001, true), ("locked", 119_999_999, false)]).validate().unwrap_err();
        assert_eq!(err, GenesisError::LiquidAboveCap { liquid: 80_000_001 });
        assert!(err.to_string().contains("lock (liquid = false) at least 1 SESH more"));
    }

    #[test]
    fn refuses_overflowing_totals_without_panicking() {
        let err = config(&[("a", u64::MAX, false), ("b", u64::MAX, false)]).validate().unwrap_err();
        assert_eq!(err, GenesisError::TotalNotMaxSupply { total: u64::MAX });
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
    fn locked_allocations_need_a_schedule_and_liquid_ones_cannot_have_one() {
        let mut c = config(&[("liquid", 80_000_000, true), ("locked", 120_000_000, false)]);
        c.allocations[2].vesting = None;
        assert_eq!(c.validate(), Err(GenesisError::LockedWithoutVesting("locked".into())));
        let mut c = config(&[("liquid", 80_000_000, true), ("locked", 120_000_000, false)]);
        c.allocations[1].vesting = Some(terms());
        assert!(c.validate().unwrap_err().to_string().contains("a liquid allocation cannot vest"));
        let mut c = config(&[("liquid", 80_000_000, true), ("locked", 120_000_000, false)]);
        c.allocations[2].vesting = Some(VestingTerms { cliff_days: 2000, ..terms() });
        assert!(c.validate().unwrap_err().to_string().contains("cliff_days <= end_days"));
    }

    #[test]
    fn a_csv_allocation_must_add_up_and_a_swap_needs_its_table() {
        let mut c = config(&[("liquid", 80_000_000, true), ("locked", 120_000_000, false)]);
        c.allocations[2].recipient = Recipient::Csv("investors.csv".into());
        c.allocations[2].shares = vec![(Address::repeat_byte(2), sesh(1))];
        assert!(c.validate().unwrap_err().to_string().contains("adds up to 1 SESH, the allocation is 120000000 SESH"));
        let mut c = config(&[("liquid", 80_000_000, true), ("locked", 120_000_000, false)]);
        c.allocations[1].recipient = Recipient::SwapClaims;
        assert!(c.validate().unwrap_err().to_string().contains("no [swap] table"));
        let mut c = devnet();
        c.swap.as_mut().unwrap().claims.push((Address::repeat_byte(9), sesh(MAX_SUPPLY_SESH)));
        assert!(c.validate().unwrap_err().to_string().contains("the claims allocation is"));
    }

    #[test]
    fn reads_csv_lines_in_sesh_or_atomic_units_and_names_the_bad_line() {
        let dir = std::env::temp_dir().join(format!("genesis-csv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.csv");
        std::fs::write(&path, "account,amount\n0x1111111111111111111111111111111111111111,1.5\n\n# note\n").unwrap();
        assert_eq!(
            read_csv(&path, Units::Sesh).unwrap(),
            vec![(Address::repeat_byte(0x11), U256::from(1_500_000_000u64))]
        );
        assert!(read_csv(&path, Units::Atomic).unwrap_err().contains("line 2: not an integer"));
        std::fs::write(&path, "0x11,1\n").unwrap();
        assert!(read_csv(&path, Units::Sesh).unwrap_err().contains("line 1: not an address"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_unknown_recipients_and_fields() {
        let bad = "[[allocation]]\nname='x'\nrecipient='nobody'\namount=1\nliquid=true\n";
        assert!(toml::from_str::<GenesisConfig>(bad).unwrap_err().to_string().contains("none of \"reward-pool\""));
        let extra = "[[allocation]]\nname='x'\nrecipient='reward-pool'\namount=1\nliquid=false\ncolor=1\n";
        assert!(toml::from_str::<GenesisConfig>(extra).is_err());
    }
}
