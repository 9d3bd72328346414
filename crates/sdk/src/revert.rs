//! Failed transactions explained: a revert from our contracts is shown by error name with its
//! values (`ContributionBelowMinimum { given: .., minimum: .. }`), never as raw bytes.

use alloy::{
    contract::{CallBuilder, CallDecoder, Error as ContractError},
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

/// Sends a contract call, waits for it to be mined and refuses a revert; `what` names the action
/// in errors, which carry the decoded custom error.
pub async fn transact<P: Provider, D: CallDecoder>(
    call: CallBuilder<P, D>,
    what: &str,
) -> eyre::Result<TransactionReceipt> {
    let pending = call.send().await.map_err(|e| eyre::eyre!("{what}: {}", explain(&e)))?;
    crate::deploy::mined(pending).await.map_err(|e| eyre::eyre!("{what}: {e}"))
}
