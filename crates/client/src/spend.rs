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

alloy::sol! {
    /// The ERC-20 calls a payment needs, for any token (the swap program's legacy token).
    #[sol(rpc)]
    interface Erc20 {
        function balanceOf(address owner) external view returns (uint256);
        function allowance(address owner, address spender) external view returns (uint256);
        function approve(address spender, uint256 amount) external returns (bool);
        function decimals() external view returns (uint8);
        function symbol() external view returns (string);
    }
}

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
        self.spend_token(
            *self.token.address(),
            &|v| format!("{} SESH", format_sesh(v)),
            owner,
            spender,
            limit,
            action,
            pay,
        )
        .await
    }

    /// [`Deployment::spend`] for any ERC-20 `token`, whose amounts `units` writes for people.
    #[allow(clippy::too_many_arguments)]
    pub async fn spend_token<T>(
        &self,
        token: Address,
        units: &dyn Fn(U256) -> String,
        owner: Address,
        spender: Address,
        limit: U256,
        action: &str,
        pay: impl AsyncFnOnce() -> Result<T>,
    ) -> Result<T> {
        let token = Erc20::new(token, self.provider.clone());
        let balance = token.balanceOf(owner).call().await.during(action)?;
        if balance < limit {
            let reason = format!("{owner} holds {}, {} are needed", units(balance), units(limit));
            return Err(Error::refused(action, reason));
        }
        transact(token.approve(spender, limit).from(owner), &format!("{action}: approving {}", units(limit))).await?;
        let paid = pay().await;
        let left = token.allowance(owner, spender).call().await.during(action);
        if !matches!(left, Ok(left) if left.is_zero()) {
            // Revoked even when reading failed: a standing allowance is the worse outcome.
            transact(token.approve(spender, U256::ZERO).from(owner), &format!("{action}: revoking the allowance"))
                .await?;
        }
        paid
    }
}
