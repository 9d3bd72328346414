//! Event logs read the way public endpoints allow: never more than a bounded block range per
//! request (public L2 endpoints refuse ranges above some thousands of blocks, and Arbitrum makes
//! about 4 blocks a second), halving the range when an endpoint refuses it anyway.

use crate::error::{Error, Result};
use alloy::{
    providers::{DynProvider, Provider},
    rpc::types::{Filter, Log},
};

/// Blocks per `eth_getLogs` request unless told otherwise: what public endpoints commonly accept.
pub const DEFAULT_LOG_RANGE: u64 = 10_000;

/// The logs of `filter` between blocks `from` and `to` (inclusive), in requests of at most
/// `max_range` blocks. A request the endpoint refuses is retried over half the range, down to
/// one block.
pub async fn logs_in_range(
    provider: &DynProvider,
    filter: &Filter,
    from: u64,
    to: u64,
    max_range: u64,
    action: &str,
) -> Result<Vec<Log>> {
    let mut logs = Vec::new();
    let mut range = max_range.max(1);
    let mut cursor = from;
    while cursor <= to {
        let end = to.min(cursor.saturating_add(range - 1));
        match provider.get_logs(&filter.clone().from_block(cursor).to_block(end)).await {
            Ok(found) => {
                logs.extend(found);
                cursor = end + 1;
            }
            // The endpoint answered with an error (a range it refuses): ask for less. A transport
            // failure was already retried and failed over by the client; it is final here.
            Err(alloy::transports::RpcError::ErrorResp(_)) if range > 1 => range /= 2,
            Err(e) => return Err(Error::rpc(format!("{action}: reading logs of block {cursor}"), e)),
        }
    }
    Ok(logs)
}

/// The first block at or after `timestamp` in `[low, high]` (or `high` if none is), by bisection
/// over block headers: a handful of requests instead of a scan.
pub async fn first_block_at(provider: &DynProvider, timestamp: u64, mut low: u64, mut high: u64) -> Result<u64> {
    while low < high {
        let middle = low + (high - low) / 2;
        let block = provider
            .get_block_by_number(middle.into())
            .await
            .map_err(|e| Error::rpc(format!("reading block {middle}"), e))?
            .ok_or_else(|| Error::unexpected("finding a block by time", format!("block {middle} not found")))?;
        if block.header.timestamp < timestamp {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    Ok(low)
}
