//! SESH amounts: 9 decimals. Users read and write SESH, never raw atomic units.

use alloy::primitives::U256;
use thiserror::Error;

/// Decimals of the SESH token.
pub const DECIMALS: u32 = 9;
/// Atomic units in one SESH.
pub const ONE_SESH: u64 = 1_000_000_000;

/// An amount that is not a SESH value with at most 9 decimals.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("`{0}` is not a SESH amount (digits with at most 9 decimals, e.g. 25000 or 0.5)")]
pub struct ParseSeshError(pub String);

/// `whole` SESH in atomic units.
pub fn sesh(whole: u64) -> U256 {
    U256::from(whole) * U256::from(ONE_SESH)
}

/// Parses "25000", "1,000.5" or "0.000000001" into atomic units.
pub fn parse_sesh(text: &str) -> Result<U256, ParseSeshError> {
    let err = || ParseSeshError(text.to_string());
    let cleaned: String = text.trim().chars().filter(|c| *c != ',' && *c != '_').collect();
    let (whole, fraction) = match cleaned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (cleaned.as_str(), None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let fraction_ok = fraction.is_none_or(|f| digits(f) && f.len() <= DECIMALS as usize);
    let fraction = fraction.unwrap_or("");
    if !digits(whole) || !fraction_ok {
        return Err(err());
    }
    let whole = U256::from_str_radix(whole, 10).map_err(|_| err())?;
    let padded = format!("{fraction:0<9}");
    let fraction = U256::from_str_radix(&padded, 10).map_err(|_| err())?;
    whole.checked_mul(U256::from(ONE_SESH)).and_then(|w| w.checked_add(fraction)).ok_or_else(err)
}

/// Formats atomic units as SESH with thousands separators and no trailing zeros:
/// `16,547.945205479`, `40,000,000`.
pub fn format_sesh(amount: U256) -> String {
    let one = U256::from(ONE_SESH);
    let whole = (amount / one).to_string();
    let fraction = format!("{:09}", (amount % one).to::<u64>());
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() { grouped } else { format!("{grouped}.{fraction}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_whole_fractional_and_grouped_amounts() {
        assert_eq!(parse_sesh("25000").unwrap(), sesh(25_000));
        assert_eq!(parse_sesh("1,000.5").unwrap(), U256::from(1_000_500_000_000u64));
        assert_eq!(parse_sesh("0.000000001").unwrap(), U256::from(1));
    }

    #[test]
    fn refuses_malformed_amounts() {
        for bad in ["", "abc", "1.0000000001", "-1", "1.", ".5", "1.2.3"] {
            assert_eq!(parse_sesh(bad), Err(ParseSeshError(bad.to_string())), "{bad}");
        }
    }

    #[test]
    fn formats_with_separators_and_exact_decimals() {
        assert_eq!(format_sesh(sesh(40_000_000)), "40,000,000");
        assert_eq!(format_sesh(U256::from(16_547_945_205_479u64)), "16,547.945205479");
        assert_eq!(format_sesh(U256::from(1)), "0.000000001");
        assert_eq!(format_sesh(U256::ZERO), "0");
    }

    #[test]
    fn format_and_parse_round_trip() {
        for v in [0u64, 1, 999_999_999, 1_000_000_000, 123_456_789_012_345] {
            assert_eq!(parse_sesh(&format_sesh(U256::from(v))).unwrap(), U256::from(v));
        }
    }
}
