//! Contract creations, waited for and checked.

use crate::Result;
use alloy::{contract::RawCallBuilder, primitives::Address, providers::DynProvider, rpc::types::TransactionReceipt};
use session_client::{error::During, transact::mined};

/// Sends a contract creation and waits for it; `what` names it in errors.
pub async fn create(builder: RawCallBuilder<DynProvider>, what: &str) -> Result<(Address, TransactionReceipt)> {
    let action = format!("deploying {what}");
    let pending = builder.send().await.during(&action)?;
    let receipt = mined(pending, &action).await?;
    let address = receipt
        .contract_address
        .ok_or_else(|| session_client::Error::unexpected(&action, "receipt without a contract address"))?;
    Ok((address, receipt))
}
