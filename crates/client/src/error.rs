//! What can go wrong talking to a deployed system, as data: a revert carries the contract's
//! decoded custom error, so callers match variants and users read the error's name and values in
//! their own units (`ContributionBelowMinimum(given: 100 SESH, minimum: 2,083.333333334 SESH)`).

use crate::units::{format_bps, format_sesh};
use alloy::primitives::{B256, Bytes};
use session_bindings::{
    ContractError,
    revert::{Described, Field, Value},
};
use std::fmt;

/// The client's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a client operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A contract refused: `action` (what we were doing) reverted with `error`.
    #[error("{action}: reverted with {}", Explained(error))]
    Revert {
        /// What we were doing, e.g. "contributing".
        action: String,
        /// The contract's custom error, with its values (boxed: some errors carry several words).
        error: Box<ContractError>,
    },
    /// A revert that is none of the system's custom errors (out of gas, a panic, a foreign
    /// contract), with its raw data if the node returned any.
    #[error("{action}: reverted{}", .data.as_ref().map(|d| format!(" with data {d}")).unwrap_or_default())]
    UnknownRevert {
        /// What we were doing.
        action: String,
        /// The revert data.
        data: Option<Bytes>,
    },
    /// A transaction was mined and reverted (its receipt's status is 0).
    #[error("{action}: transaction {hash} reverted")]
    Reverted {
        /// What we were doing.
        action: String,
        /// The transaction.
        hash: B256,
    },
    /// The node could not be reached or answered with an error.
    #[error("{action}: {source}")]
    Rpc {
        /// What we were doing.
        action: String,
        /// The transport's or node's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A check made before sending anything failed: nothing was sent and no allowance was given.
    #[error("{action}: {reason} (nothing was sent)")]
    Refused {
        /// What we were about to do.
        action: String,
        /// Why not, in the user's units.
        reason: String,
    },
    /// The manifest or a file could not be read, written or understood.
    #[error("{0}")]
    Config(String),
    /// The chain answered something the system never produces (a receipt without its event, an
    /// unknown enum value).
    #[error("{action}: {reason}")]
    Unexpected {
        /// What we were doing.
        action: String,
        /// What was wrong.
        reason: String,
    },
}

impl Error {
    /// The contract's custom error, if this is a revert with one.
    pub fn revert(&self) -> Option<&ContractError> {
        match self {
            Self::Revert { error, .. } => Some(error.as_ref()),
            _ => None,
        }
    }

    /// Wraps a contract call's error: a revert with known data becomes [`Error::Revert`].
    pub fn from_contract(action: impl Into<String>, error: alloy::contract::Error) -> Self {
        let action = action.into();
        if let Some(data) = error.as_revert_data() {
            return match session_bindings::decode_revert(&data) {
                Some(error) => Self::Revert { action, error: Box::new(error) },
                None => Self::UnknownRevert { action, data: Some(data) },
            };
        }
        Self::Rpc { action, source: Box::new(error) }
    }

    /// Wraps a transport error (a plain RPC request).
    pub fn rpc(action: impl Into<String>, error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Rpc { action: action.into(), source: Box::new(error) }
    }

    /// A refusal before anything is sent.
    pub fn refused(action: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Refused { action: action.into(), reason: reason.into() }
    }

    /// An answer the system never produces.
    pub fn unexpected(action: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Unexpected { action: action.into(), reason: reason.into() }
    }
}

/// Adds "what we were doing" to a contract call's result.
pub trait During<T> {
    /// Names the action in the error.
    fn during(self, action: &str) -> Result<T>;
}

impl<T> During<T> for std::result::Result<T, alloy::contract::Error> {
    fn during(self, action: &str) -> Result<T> {
        self.map_err(|e| Error::from_contract(action, e))
    }
}

impl<T> During<T> for std::result::Result<T, alloy::transports::TransportError> {
    fn during(self, action: &str) -> Result<T> {
        self.map_err(|e| Error::rpc(action, e))
    }
}

/// A custom error as users read it: `Name(field: value, ...)`, amounts in SESH, times as dates,
/// enum values by name.
pub struct Explained<'a>(pub &'a ContractError);

impl fmt::Display for Explained<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.0.name();
        let fields: Vec<String> =
            self.0.fields().iter().map(|field| format!("{}: {}", field.name, show(name, field))).collect();
        write!(f, "{name}({})", fields.join(", "))
    }
}

/// How one value reads, from the error's and the parameter's names (the contracts name amounts,
/// times and basis points consistently; `units_of` lists the rules, tested over every error).
fn show(error: &str, field: &Field) -> String {
    match (&field.value, units_of(error, field.name)) {
        (Value::Uint(v), Unit::Sesh) => format!("{} SESH", format_sesh(*v)),
        (Value::Uint(v), Unit::Time) => crate::time::format_timestamp(v.saturating_to()),
        (Value::Uint(v), Unit::Bps) => format_bps(v.saturating_to()),
        (Value::Uint(v), Unit::Plain) => v.to_string(),
        (Value::Int(v), _) => v.to_string(),
        (Value::Address(a), _) => a.to_string(),
        (Value::Bool(b), _) => b.to_string(),
        (Value::Bytes(b), _) => b.to_string(),
        (Value::String(s), _) => format!("{s:?}"),
        (Value::Enum(e), _) => e.words.map(str::to_string).unwrap_or_else(|| format!("{} {}", e.enum_name, e.value)),
    }
}

/// The unit of an unsigned parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Atomic SESH, shown in SESH.
    Sesh,
    /// A Unix time, shown as a UTC date.
    Time,
    /// Basis points, shown as a percentage.
    Bps,
    /// A count, an id or a ratio: shown as is.
    Plain,
}

/// The unit of parameter `field` of error `error`. The contracts name amounts and times by what
/// they hold; a name used for different things is told apart by its error. The client's tests go
/// over every error of the system.
pub fn units_of(error: &str, field: &str) -> Unit {
    match (error, field) {
        ("FeeTooHigh", _) => Unit::Bps,
        // Counts, limits and durations under names that are amounts elsewhere.
        ("ContributorCountOutOfRange" | "TooManyReservations" | "TooManyNonSigners", "maximum")
        | ("MaxFutureSkewOutOfRange" | "SignatureExpiryOutOfRange", _)
        | ("ContributorLimitChanged", _)
        // Wei, not SESH.
        | ("EthTransferFailed", "amount") => Unit::Plain,
        ("ContributionAboveMaximum" | "ReservationsTooLarge", "maximum") | ("PriceAboveMax", "max") => Unit::Sesh,
        (_, field) if field.ends_with("Bps") => Unit::Bps,
        (
            _,
            "amount" | "allowance" | "available" | "balance" | "captured" | "current" | "currentAllowance" | "given"
            | "maxSupply" | "minimum" | "needed" | "remintable" | "requested" | "requestedDecrease" | "required"
            | "requirement" | "reserved" | "stake" | "sum" | "supplyAfter",
        ) => Unit::Sesh,
        (
            _,
            "availableAt" | "currentTime" | "deadline" | "exitableAt" | "expiry" | "graceEnd" | "lastTimestamp"
            | "latestAccepted" | "nextAllowed" | "oldestAccepted" | "registeredAt" | "timestamp" | "unlockTime"
            | "updatedAt",
        ) => Unit::Time,
        _ => Unit::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::primitives::{Address, U256};
    use session_bindings::errors::{ContractErrors, ERROR_PARAMETERS};

    #[test]
    fn a_revert_reads_with_amounts_in_sesh() {
        let error = ContractError::ContributionBelowMinimum(ContractErrors::ContributionBelowMinimum {
            given: U256::from(100_000_000_000u64),
            minimum: U256::from(2_083_333_333_334u64),
        });
        let failed = Error::Revert { action: "contributing".into(), error: Box::new(error) };
        assert_eq!(
            failed.to_string(),
            "contributing: reverted with ContributionBelowMinimum(given: 100 SESH, minimum: 2,083.333333334 SESH)"
        );
    }

    #[test]
    fn times_read_as_dates_fees_as_percentages_and_enums_by_name() {
        let locked = ContractError::SmallStakerLocked(ContractErrors::SmallStakerLocked {
            nodeId: 7,
            unlockTime: U256::from(1_795_589_978u64),
        });
        assert_eq!(Explained(&locked).to_string(), "SmallStakerLocked(nodeId: 7, unlockTime: 2026-11-25 06:59:38 UTC)");
        let fee = ContractError::FeeTooHigh(ContractErrors::FeeTooHigh {
            feeBps: U256::from(10_001),
            maximum: U256::from(10_000),
        });
        assert_eq!(Explained(&fee).to_string(), "FeeTooHigh(feeBps: 100.01%, maximum: 100.00%)");
        let status = ContractError::UnexpectedNodeStatus(ContractErrors::UnexpectedNodeStatus { nodeId: 3, status: 2 });
        assert_eq!(Explained(&status).to_string(), "UnexpectedNodeStatus(nodeId: 3, status: decommissioned)");
        let count = ContractError::ContributorCountOutOfRange(ContractErrors::ContributorCountOutOfRange {
            count: U256::from(11),
            maximum: U256::from(10),
        });
        assert_eq!(Explained(&count).to_string(), "ContributorCountOutOfRange(count: 11, maximum: 10)");
        let caller = Address::repeat_byte(0xab);
        let beneficiary =
            ContractError::NotBeneficiary(ContractErrors::NotBeneficiary { nodeId: 1, staker: caller, caller });
        assert_eq!(
            Explained(&beneficiary).to_string(),
            format!("NotBeneficiary(nodeId: 1, staker: {caller}, caller: {caller})")
        );
    }

    #[test]
    fn the_unit_rules_name_only_parameters_that_exist() {
        let all: Vec<(&str, &str, &str)> = ERROR_PARAMETERS
            .iter()
            .flat_map(|(error, params)| params.iter().map(move |(name, ty)| (*error, *name, *ty)))
            .collect();
        // Every rule that names an error or a parameter still finds it (no stale rule).
        for (error, field) in [
            ("FeeTooHigh", "maximum"),
            ("ContributorCountOutOfRange", "maximum"),
            ("TooManyReservations", "maximum"),
            ("TooManyNonSigners", "maximum"),
            ("MaxFutureSkewOutOfRange", "maximum"),
            ("SignatureExpiryOutOfRange", "expiry"),
            ("ContributorLimitChanged", "captured"),
            ("EthTransferFailed", "amount"),
            ("ContributionAboveMaximum", "maximum"),
            ("ReservationsTooLarge", "maximum"),
            ("PriceAboveMax", "max"),
        ] {
            assert!(all.iter().any(|(e, f, _)| *e == error && *f == field), "{error}.{field} no longer exists");
        }
        // Only unsigned parameters get a unit; every SESH amount is a uint256.
        for (error, field, ty) in &all {
            if units_of(error, field) == Unit::Sesh {
                assert_eq!(*ty, "uint256", "{error}.{field}");
            }
        }
        let sesh = all.iter().filter(|(e, f, _)| units_of(e, f) == Unit::Sesh).count();
        let time = all.iter().filter(|(e, f, _)| units_of(e, f) == Unit::Time).count();
        assert!(sesh >= 25 && time >= 15, "{sesh} amounts, {time} times");
    }
}
