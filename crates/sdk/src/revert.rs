//! Failed transactions explained: a revert from our contracts is shown by error name with its
//! values (`ContributionBelowMinimum { given: .., minimum: .. }`), never as raw bytes.

use alloy::{
    contract::{CallBuilder, CallDecoder, Error as ContractError},
    eips::BlockId,
    providers::Provider,
    rpc::types::TransactionReceipt,
};

/// A human reading of a contract call error.
pub fn explain(error: &ContractError) -> String {
    if let Some(data) = error.as_revert_data()
        && let Some(decoded) = session_bindings::decode_revert(&data)
    {
        return format!("reverted with {decoded}");
    }
    error.to_string()
}

/// Headroom over the gas estimate, in percent. An estimate is exact for the state it ran on, but
/// the transaction may land a second later: the reward pool then has something to pay out, and
/// the registry's distribution costs more than it did in the estimate.
pub const GAS_HEADROOM_PERCENT: u64 = 25;

/// At least this much headroom: a call estimated in the second of the last distribution skips it
/// (about 26k gas for `distributeRewards` alone), and one second later a whole pool payout and
/// distribution (about 60k) is due. Only the gas used is paid.
pub const MIN_GAS_HEADROOM: u64 = 100_000;

/// Sends a contract call, waits for it to be mined and refuses a revert; `what` names the action
/// in errors, which carry the decoded custom error.
pub async fn transact<P: Provider, D: CallDecoder>(
    call: CallBuilder<P, D>,
    what: &str,
) -> eyre::Result<TransactionReceipt> {
    // Estimated against the pending block: the time the transaction will actually see.
    let call = call.block(BlockId::pending());
    let estimate = call.estimate_gas().await;
    let estimate = estimate.map_err(|e| eyre::eyre!("{what}: {}", explain(&e)))?;
    let call = call.gas(estimate + (estimate * GAS_HEADROOM_PERCENT / 100).max(MIN_GAS_HEADROOM));
    let pending = call.send().await.map_err(|e| eyre::eyre!("{what}: {}", explain(&e)))?;
    crate::deploy::mined(pending).await.map_err(|e| eyre::eyre!("{what}: {e}"))
}

/// A contract error as a report carrying the decoded custom error: for `.call()` results.
pub fn decoded(error: ContractError) -> eyre::Report {
    eyre::eyre!("{}", explain(&error))
}
