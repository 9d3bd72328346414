//! Multi-contributor nodes through the factory: an operator opens a contribution contract,
//! contributors fund it, the operator finalizes it into the staking registry.

use crate::{
    deployment::Deployment,
    error::{Error, Result},
    transact,
};
use alloy::{
    primitives::{Address, Bytes, FixedBytes, U256},
    rpc::types::TransactionReceipt,
};
use session_bindings::{ContributionContract, contribution_factory::ContributionFactory::ContributionContractCreated};
use session_keys::NodeKeys;

pub use session_bindings::contribution_factory::IContributionContract::Reservation;

/// A contribution contract handle.
pub type Contribution = ContributionContract::ContributionContractInstance<alloy::providers::DynProvider>;

impl Deployment {
    /// `operator` opens a contribution contract for the node of `keys`; returns it and the receipt.
    /// With `stake`, the operator's first deposit happens in the same transaction
    /// (`createAndContribute`; `operator` approves the factory for it first).
    pub async fn open_contribution(
        &self,
        operator: Address,
        keys: &NodeKeys,
        fee_bps: u16,
        auto_finalize: bool,
        reservations: Vec<Reservation>,
        stake: Option<U256>,
    ) -> Result<(Contribution, TransactionReceipt)> {
        let (bls, ed, proof) = self.node_key_args(operator, keys);
        let receipt = match stake {
            None => {
                let call = self.factory.create(bls, ed, proof, fee_bps, auto_finalize, reservations).from(operator);
                transact(call, "opening a contribution contract").await?
            }
            Some(stake) => {
                let approve = self.token.approve(*self.factory.address(), stake).from(operator);
                transact(approve, "approving the factory").await?;
                let call = self
                    .factory
                    .createAndContribute(bls, ed, proof, fee_bps, auto_finalize, reservations, stake)
                    .from(operator);
                transact(call, "opening a contribution contract with the operator's stake").await?
            }
        };
        Ok((self.created_contribution(&receipt)?, receipt))
    }

    /// The factory's key arguments for `keys`, the proof of possession binding `operator`.
    fn node_key_args(&self, operator: Address, keys: &NodeKeys) -> (Bytes, FixedBytes<32>, Bytes) {
        let proof = keys.proof_of_possession(&self.consensus_domain(), &operator.0.0);
        (
            Bytes::copy_from_slice(&keys.bls_public().to_eip2537()),
            FixedBytes(keys.ed25519_public()),
            Bytes::copy_from_slice(&proof.to_eip2537()),
        )
    }

    fn created_contribution(&self, receipt: &TransactionReceipt) -> Result<Contribution> {
        let created = receipt.decoded_log::<ContributionContractCreated>().ok_or_else(|| {
            Error::unexpected("opening a contribution contract", "no ContributionContractCreated event")
        })?;
        Ok(ContributionContract::new(created.contributionContract, self.provider.clone()))
    }

    /// `staker` approves and contributes `amount` to `contract`.
    pub async fn contribute(&self, contract: &Contribution, staker: Address, amount: U256) -> Result<()> {
        transact(self.token.approve(*contract.address(), amount).from(staker), "approving the contribution").await?;
        transact(contract.contribute(amount).from(staker), "contributing").await?;
        Ok(())
    }

    /// A contribution contract at `address`.
    pub fn contribution_at(&self, address: Address) -> Contribution {
        ContributionContract::new(address, self.provider.clone())
    }
}
