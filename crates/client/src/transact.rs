//! Sending a contract call the way a wallet should: estimated against the pending block with
//! headroom, mined, and refused with the contract's decoded error.

use crate::error::{During, Error, Result};
use alloy::{
    contract::{CallBuilder, CallDecoder},
    eips::BlockId,
    network::Ethereum,
    providers::{PendingTransactionBuilder, Provider},
    rpc::types::TransactionReceipt,
};

/// Headroom over the gas estimate, in percent. An estimate is exact for the state it ran on, but
/// the transaction may land a second later: the reward pool then has something to pay out, and
/// the registry's distribution costs more than it did in the estimate.
pub const GAS_HEADROOM_PERCENT: u64 = 25;

/// At least this much headroom: a call estimated in the second of the last distribution skips it
/// (about 26k gas for `distributeRewards` alone), and one second later a whole pool payout and
/// distribution (about 60k) is due. Only the gas used is paid.
pub const MIN_GAS_HEADROOM: u64 = 100_000;

/// Sends a contract call, waits for it to be mined and refuses a revert; `action` names what we
/// were doing in errors, which carry the decoded custom error.
pub async fn transact<P: Provider, D: CallDecoder>(
    call: CallBuilder<P, D>,
    action: &str,
) -> Result<TransactionReceipt> {
    // Estimated against the pending block: the time the transaction will actually see.
    let call = call.block(BlockId::pending());
    let estimate = call.estimate_gas().await.during(action)?;
    let call = call.gas(estimate + (estimate * GAS_HEADROOM_PERCENT / 100).max(MIN_GAS_HEADROOM));
    let pending = call.send().await.during(action)?;
    mined(pending, action).await
}

/// Waits for a transaction and refuses a reverted one.
pub async fn mined(pending: PendingTransactionBuilder<Ethereum>, action: &str) -> Result<TransactionReceipt> {
    let hash = *pending.tx_hash();
    let receipt = pending.get_receipt().await.map_err(|e| Error::rpc(format!("{action}: waiting for {hash}"), e))?;
    if !receipt.status() {
        return Err(Error::Reverted { action: action.to_string(), hash });
    }
    Ok(receipt)
}
