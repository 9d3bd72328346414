//! How the CLI shows times and ratios to users.

use chrono::{Local, TimeZone};
use session_client::time::format_timestamp;

/// A Unix time as users read it: UTC, and the local time of this machine when it differs:
/// `2026-12-06 10:46:18 UTC (11:46:18 local)`.
pub fn when(seconds: u64) -> String {
    let utc = format_timestamp(seconds);
    let local = i64::try_from(seconds).ok().and_then(|s| Local.timestamp_opt(s, 0).single());
    match local {
        Some(local) if local.offset().local_minus_utc() != 0 => {
            format!("{utc} ({} local)", local.format("%Y-%m-%d %H:%M:%S %:z"))
        }
        _ => utc,
    }
}
