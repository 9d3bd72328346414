//! Multi-contributor nodes through the factory: an operator opens a contribution contract,
//! contributors fund it, the operator finalizes it into the staking registry.

use crate::{deploy::Deployment, revert::transact};
use alloy::primitives::{Address, Bytes, FixedBytes, U256};
use eyre::OptionExt;
use session_bindings::{
    ContributionContract,
    contribution_factory::{ContributionFactory::ContributionContractCreated, IContributionContract::Reservation},
};
use session_network::NodeKeys;

/// A contribution contract handle.
pub type Contribution = ContributionContract::ContributionContractInstance<alloy::providers::DynProvider>;

impl Deployment {
    /// `operator` opens a contribution contract for the node of `keys`; returns it and the receipt.
    pub async fn open_contribution(
        &self,
        operator: Address,
        keys: &NodeKeys,
        fee_bps: u16,
        auto_finalize: bool,
        reservations: Vec<Reservation>,
    ) -> eyre::Result<(Contribution, alloy::rpc::types::TransactionReceipt)> {
        let proof = keys.proof_of_possession(&self.consensus_domain(), &operator.0.0);
        let call = self
            .factory
            .create(
                Bytes::copy_from_slice(&keys.bls_public().to_eip2537()),
                FixedBytes(keys.ed25519_public()),
                Bytes::copy_from_slice(&proof.to_eip2537()),
                fee_bps,
                auto_finalize,
                reservations,
            )
            .from(operator);
        let receipt = transact(call, "opening a contribution contract").await?;
        let created =
            receipt.decoded_log::<ContributionContractCreated>().ok_or_eyre("no ContributionContractCreated event")?;
        Ok((ContributionContract::new(created.contributionContract, self.provider.clone()), receipt))
    }

    /// `staker` approves and contributes `amount` to `contract`.
    pub async fn contribute(&self, contract: &Contribution, staker: Address, amount: U256) -> eyre::Result<()> {
        transact(self.token.approve(*contract.address(), amount).from(staker), "approving the contribution").await?;
        transact(contract.contribute(amount).from(staker), "contributing").await?;
        Ok(())
    }

    /// A contribution contract at `address`.
    pub fn contribution_at(&self, address: Address) -> Contribution {
        ContributionContract::new(address, self.provider.clone())
    }
}
