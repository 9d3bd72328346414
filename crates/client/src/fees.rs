//! What a payer of network fees handles: USD prices (6 decimals), Session IDs, and the most SESH a
//! payment may take once the price moved.

use alloy::primitives::{Bytes, U256};
use std::str::FromStr;
use thiserror::Error;

/// Decimals of the USD prices the fee contracts take ($4.99 = 4_990_000).
pub const USD_DECIMALS: u32 = 6;
/// Decimals of the devnet price feed's answers (Chainlink's USD feeds use 8).
pub const FEED_DECIMALS: u8 = 8;

/// A text that is not a USD amount with the allowed decimals.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("`{text}` is not a USD amount with at most {decimals} decimals")]
pub struct ParseUsdError {
    /// The text given.
    pub text: String,
    /// The decimals allowed.
    pub decimals: u32,
}

/// Parses "4.99" (or "$4.99") into an integer with `decimals` decimals.
pub fn parse_usd(text: &str, decimals: u32) -> Result<U256, ParseUsdError> {
    let err = || ParseUsdError { text: text.to_string(), decimals };
    let amount = text.trim().trim_start_matches('$');
    let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > decimals as usize {
        return Err(err());
    }
    let scale = U256::from(10u64).pow(U256::from(decimals));
    let fraction = format!("{fraction:0<width$}", width = decimals as usize);
    let fraction = if decimals == 0 { U256::ZERO } else { U256::from_str(&fraction).map_err(|_| err())? };
    U256::from_str(whole).ok().and_then(|w| w.checked_mul(scale)).and_then(|w| w.checked_add(fraction)).ok_or_else(err)
}

/// Formats a 6-decimal USD amount: `$4.99`.
pub fn format_usd(amount: U256) -> String {
    let cents = amount / U256::from(10_000u64);
    format!("${}.{:02}", cents / U256::from(100), (cents % U256::from(100)).to::<u64>())
}

/// A text that is not a Session ID.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("a Session ID is 33 bytes starting with 05 (66 hex digits), got `{0}`")]
pub struct ParseSessionIdError(pub String);

/// Parses a 33-byte Session ID given in hex (`05` followed by 32 bytes).
pub fn parse_session_id(text: &str) -> Result<Bytes, ParseSessionIdError> {
    let bytes =
        alloy::hex::decode(text.trim().trim_start_matches("0x")).map_err(|_| ParseSessionIdError(text.into()))?;
    if bytes.len() != 33 || bytes[0] != 0x05 {
        return Err(ParseSessionIdError(text.into()));
    }
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
        for bad in ["1.0000001", "abc", "-1", ""] {
            assert_eq!(parse_usd(bad, 6), Err(ParseUsdError { text: bad.into(), decimals: 6 }), "{bad}");
        }
        assert_eq!(format_usd(U256::from(4_990_000)), "$4.99");
    }

    #[test]
    fn session_ids_are_33_bytes_starting_with_05() {
        let id = format!("05{}", "ab".repeat(32));
        assert_eq!(parse_session_id(&id).unwrap().len(), 33);
        assert!(parse_session_id(&format!("06{}", "ab".repeat(32))).is_err());
        assert!(parse_session_id("05ab").is_err());
    }

    #[test]
    fn slippage_rounds_up_for_the_payer_limit() {
        assert_eq!(with_slippage(U256::from(10_000), 100), U256::from(10_100));
        assert_eq!(with_slippage(U256::from(1), 1), U256::from(2));
    }
}
