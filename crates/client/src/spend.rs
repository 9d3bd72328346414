//! Moving a user's SESH safely: check the balance, approve exactly what the payment may take, pay,
//! and leave no allowance behind, whether the payment succeeded (a payment below its limit leaves
//! a remainder) or failed.

use crate::{
    deployment::Deployment,
    error::{During, Error, Result},
    transact,
    units::format_sesh,
};
use alloy::primitives::{Address, U256};

impl Deployment {
    /// `owner` pays at most `limit` SESH to `spender` through `pay` (a call that pulls the tokens):
    /// refused before anything is sent if `owner` holds less; the allowance is exactly `limit`
    /// while `pay` runs and zero afterwards (a second transaction revokes any remainder).
    pub async fn spend<T>(
        &self,
        owner: Address,
        spender: Address,
        limit: U256,
        action: &str,
        pay: impl AsyncFnOnce() -> Result<T>,
    ) -> Result<T> {
        let balance = self.token.balanceOf(owner).call().await.during(action)?;
        if balance < limit {
            let reason = format!("{owner} holds {} SESH, {} SESH are needed", format_sesh(balance), format_sesh(limit));
            return Err(Error::refused(action, reason));
        }
        transact(
            self.token.approve(spender, limit).from(owner),
            &format!("{action}: approving {} SESH", format_sesh(limit)),
        )
        .await?;
        let paid = pay().await;
        let left = self.token.allowance(owner, spender).call().await.during(action);
        if !matches!(left, Ok(left) if left.is_zero()) {
            // Revoked even when reading failed: a standing allowance is the worse outcome.
            transact(self.token.approve(spender, U256::ZERO).from(owner), &format!("{action}: revoking the allowance"))
                .await?;
        }
        paid
    }
}
