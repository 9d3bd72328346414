//! SESH amounts: 9 decimals. Users read and write SESH, never raw atomic units.

use alloy::primitives::U256;
use thiserror::Error;

/// Decimals of the SESH token.
pub const DECIMALS: u32 = 9;
/// Atomic units in one SESH.
pub const ONE_SESH: u64 = 1_000_000_000;

/// A text that is not an unambiguous, positive SESH amount.
#[derive(Debug, Error, PartialEq, Eq)]
#[error(
    "`{0}` is not a SESH amount: write digits with at most 9 decimals after a `.`, and `_` between \
     digits if you like (25000, 0.5, 1_000.25); no commas, no sign, not zero"
)]
pub struct ParseSeshError(pub String);

/// `whole` SESH in atomic units.
pub fn sesh(whole: u64) -> U256 {
    U256::from(whole) * U256::from(ONE_SESH)
}

/// Parses an amount a user typed: digits, an optional `.` followed by at most 9 digits, and `_`
/// only between two digits ("25000", "1_000.5", "0.000000001"). Anything ambiguous is refused:
/// a comma may be a decimal or a thousands separator depending on the reader (`2,5` and `1,0000`
/// were once read as 25 and 10,000), so commas are never accepted; so are signs, spaces inside,
/// and zero, which no command moves.
pub fn parse_sesh(text: &str) -> Result<U256, ParseSeshError> {
    parse_units(text, DECIMALS).ok_or_else(|| ParseSeshError(text.to_string()))
}

/// Parses an amount of a token with `decimals` decimals by the rules of [`parse_sesh`] (digits,
/// at most `decimals` after a `.`, `_` between digits; no comma, sign or zero); `None` otherwise.
pub fn parse_units(text: &str, decimals: u32) -> Option<U256> {
    let trimmed = text.trim();
    let (whole, fraction) = match trimmed.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (trimmed, None),
    };
    let digits = |s: &str| -> Option<String> {
        let bytes = s.as_bytes();
        let separators_ok = bytes.iter().enumerate().all(|(i, b)| {
            *b != b'_'
                || (i > 0 && i + 1 < bytes.len() && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit())
        });
        let clean: String = s.chars().filter(|c| *c != '_').collect();
        (!clean.is_empty() && separators_ok && clean.bytes().all(|b| b.is_ascii_digit())).then_some(clean)
    };
    let whole = digits(whole)?;
    let fraction = match fraction {
        Some(f) => digits(f).filter(|f| f.len() <= decimals as usize)?,
        None => String::new(),
    };
    let one = U256::from(10u64).checked_pow(U256::from(decimals))?;
    let whole = U256::from_str_radix(&whole, 10).ok()?;
    let fraction = if decimals == 0 {
        U256::ZERO
    } else {
        U256::from_str_radix(&format!("{fraction:0<width$}", width = decimals as usize), 10).ok()?
    };
    let amount = whole.checked_mul(one)?.checked_add(fraction)?;
    (!amount.is_zero()).then_some(amount)
}

/// Formats atomic units as SESH with thousands separators and no trailing zeros:
/// `16,547.945205479`, `40,000,000`.
pub fn format_sesh(amount: U256) -> String {
    format_units(amount, DECIMALS)
}

/// Formats atomic units of a token with `decimals` decimals as [`format_sesh`] does.
pub fn format_units(amount: U256, decimals: u32) -> String {
    let one = U256::from(10u64).pow(U256::from(decimals));
    let whole = (amount / one).to_string();
    let fraction = format!("{:0>width$}", (amount % one).to_string(), width = decimals as usize);
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let fraction = if decimals == 0 { "" } else { fraction.trim_end_matches('0') };
    if fraction.is_empty() { grouped } else { format!("{grouped}.{fraction}") }
}

/// Basis points as a percentage with two decimals: `500` -> `5.00%`, `134056` -> `1340.56%`.
pub fn format_bps(bps: u64) -> String {
    format!("{}.{:02}%", bps / 100, bps % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_whole_fractional_and_grouped_amounts() {
        assert_eq!(parse_sesh("25000").unwrap(), sesh(25_000));
        assert_eq!(parse_sesh("1_000.5").unwrap(), U256::from(1_000_500_000_000u64));
        assert_eq!(parse_sesh("25_000").unwrap(), sesh(25_000));
        assert_eq!(parse_sesh(" 12.5 ").unwrap(), U256::from(12_500_000_000u64));
        assert_eq!(parse_sesh("0.000000001").unwrap(), U256::from(1));
        assert_eq!(parse_sesh("0.000_000_001").unwrap(), U256::from(1));
    }

    #[test]
    fn refuses_ambiguous_malformed_negative_and_zero_amounts() {
        for bad in [
            "",
            "abc",
            "1.0000000001",
            "-1",
            "-5",
            "+5",
            "1.",
            ".5",
            "1.2.3",
            "2,5",
            "1,0000",
            "1,000.5",
            "1 000",
            "_1",
            "1_",
            "1__0",
            "1_.5",
            "0",
            "0.0",
            "0_000",
            "1e9",
            "0x10",
        ] {
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
    fn formats_basis_points_as_percentages() {
        assert_eq!(format_bps(500), "5.00%");
        assert_eq!(format_bps(7), "0.07%");
        assert_eq!(format_bps(134_056), "1340.56%");
    }

    #[test]
    fn other_decimals_parse_and_format_by_the_same_rules() {
        assert_eq!(parse_units("1.5", 18), Some(U256::from(1_500_000_000_000_000_000u128)));
        assert_eq!(parse_units("2.000001", 6), Some(U256::from(2_000_001u64)));
        assert_eq!(parse_units("2.0000001", 6), None, "more decimals than the token has");
        assert_eq!(parse_units("7", 0), Some(U256::from(7)));
        assert_eq!(parse_units("7.5", 0), None);
        assert_eq!(parse_units("2,5", 6), None);
        assert_eq!(parse_units("0.000", 6), None);
        assert_eq!(format_units(U256::from(1_500_000_000_000_000_000u128), 18), "1.5");
        assert_eq!(format_units(U256::from(1_234_567_000_001u64), 6), "1,234,567.000001");
        assert_eq!(format_units(U256::from(1_234), 0), "1,234");
    }

    #[test]
    fn format_and_parse_round_trip() {
        for v in [1u64, 999_999_999, 1_000_000_000, 123_456_789_012_345] {
            let typed = format_sesh(U256::from(v)).replace(',', "_");
            assert_eq!(parse_sesh(&typed).unwrap(), U256::from(v));
        }
    }
}
