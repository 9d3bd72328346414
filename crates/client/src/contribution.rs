//! Multi-contributor nodes through the factory: an operator opens a contribution contract,
//! contributors fund it, the operator finalizes it into the staking registry (or the filling
//! deposit does). Every deposit is checked against the contract's terms first, approves exactly
//! what it sends and leaves no allowance behind.

use crate::{
    deployment::Deployment,
    error::{During, Error, Result},
    permit::{PERMIT_SECONDS, sign_permit},
    transact,
    units::format_sesh,
};
use alloy::{
    primitives::{Address, Bytes, FixedBytes, U256},
    providers::Provider,
    rpc::types::TransactionReceipt,
    signers::local::PrivateKeySigner,
};
use session_bindings::{
    ContributionContract, contribution_factory::ContributionFactory::ContributionContractCreated, enums::Status,
};
use session_keys::NodeKeys;

pub use session_bindings::contribution_factory::IContributionContract::Reservation;

/// A contribution contract handle.
pub type Contribution = ContributionContract::ContributionContractInstance<alloy::providers::DynProvider>;

/// What a contributor sees before depositing: the contract's terms and the limits of a deposit by
/// one staker, read in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionTerms {
    /// The contribution contract.
    pub contract: Address,
    /// Where it stands.
    pub status: Status,
    /// The node's operator.
    pub operator: Address,
    /// The operator's fee, basis points.
    pub fee_bps: u16,
    /// Whether the filling deposit registers the node.
    pub auto_finalize: bool,
    /// The stake the node needs, atomic SESH.
    pub requirement: U256,
    /// Deposited so far.
    pub contributed: U256,
    /// Still needed.
    pub remaining: U256,
    /// The least the staker may deposit now (0: the staker cannot deposit).
    pub minimum: U256,
    /// The most the staker may deposit now.
    pub maximum: U256,
    /// A refund owed to the staker after a reset or a cancel.
    pub refundable: U256,
    /// The registered node's id, once finalized.
    pub node_id: u64,
    /// The contract's terms version: every change of the operator's (reset, fee, keys,
    /// reservations) bumps it, and a deposit quoting an old one is refused on chain.
    pub terms_version: u32,
}

/// A deposit that landed.
#[derive(Debug, Clone)]
pub struct Contributed {
    /// The deposit's receipt.
    pub receipt: TransactionReceipt,
    /// The node it registered, when the deposit filled an auto-finalizing contract.
    pub registered: Option<u64>,
}

impl Deployment {
    /// `operator` opens a contribution contract for the node of `keys`; returns it and the receipt.
    /// With `stake`, the operator's first deposit happens in the same transaction
    /// (`createAndContribute`), the factory approved for exactly that amount.
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
                let action = "opening a contribution contract with the operator's stake";
                let call =
                    self.factory.createAndContribute(bls, ed, proof, fee_bps, auto_finalize, reservations, stake);
                let factory = *self.factory.address();
                self.spend(operator, factory, stake, action, async || transact(call.from(operator), action).await)
                    .await?
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

    /// The terms of `contract` for a deposit by `staker`. Refused unless the deployment's factory
    /// made `contract`: an ordinary account, the token or the registry is never a contract to pay.
    pub async fn contribution_terms(&self, contract: Address, staker: Address) -> Result<ContributionTerms> {
        let action = format!("reading contribution contract {contract}");
        if !self.factory.owns(contract).call().await.during(&action)? {
            return Err(Error::refused(
                &action,
                format!("{contract} is not a contribution contract of this deployment's factory"),
            ));
        }
        let c = self.contribution_at(contract);
        let status = c.status().call().await.during(&action)?;
        Ok(ContributionTerms {
            contract,
            status: Status::from_u8(status)
                .ok_or_else(|| Error::unexpected(&action, format!("unknown status {status}")))?,
            operator: c.operator().call().await.during(&action)?,
            fee_bps: c.feeBps().call().await.during(&action)?,
            auto_finalize: c.autoFinalize().call().await.during(&action)?,
            requirement: c.requirement().call().await.during(&action)?,
            contributed: c.contributed().call().await.during(&action)?,
            remaining: c.remaining().call().await.during(&action)?,
            minimum: c.minimumContributionOf(staker).call().await.during(&action)?,
            maximum: c.maximumContributionOf(staker).call().await.during(&action)?,
            refundable: c.refundable(staker).call().await.during(&action)?,
            node_id: c.nodeId().call().await.during(&action)?,
            terms_version: c.termsVersion().call().await.during(&action)?,
        })
    }

    /// `staker` contributes `amount` to `contract` on the terms it has now (see
    /// [`Deployment::contribute_on_terms`]).
    pub async fn contribute(&self, contract: &Contribution, staker: Address, amount: U256) -> Result<Contributed> {
        let terms = self.contribution_terms(*contract.address(), staker).await?;
        self.contribute_on_terms(&terms, staker, amount).await
    }

    /// `staker` contributes `amount` on the terms it was shown (`seen`): refused before anything
    /// is sent if the contract does not take deposits, if `amount` is outside the staker's limits,
    /// if the staker's balance is short, or if the operator, the fee or the requirement changed
    /// since `seen` was read. Approves exactly `amount`; no allowance is left afterwards.
    pub async fn contribute_on_terms(
        &self,
        seen: &ContributionTerms,
        staker: Address,
        amount: U256,
    ) -> Result<Contributed> {
        let (action, now) = self.check_deposit(seen, staker, amount).await?;
        let contract = self.contribution_at(seen.contract);
        let receipt = self
            .spend(staker, seen.contract, amount, &action, async || {
                // The version quoted: a change landing between this check and the deposit is refused
                // on chain (TermsChanged), not applied to the staker's money.
                transact(contract.contribute(amount, seen.terms_version).from(staker), &action).await
            })
            .await?;
        let node_id = contract.nodeId().call().await.during(&action)?;
        Ok(Contributed { receipt, registered: (node_id != 0 && now.node_id == 0).then_some(node_id) })
    }

    /// [`Deployment::contribute_on_terms`] with an EIP-2612 permit that `staker` signs here in place
    /// of the approval: the same checks, then one transaction (`contributeWithPermit`). A permit
    /// expires after `PERMIT_SECONDS`; if someone submitted it to the token first (the deposit
    /// still lands) and the deposit then failed, the allowance it left is revoked.
    pub async fn contribute_with_permit(
        &self,
        seen: &ContributionTerms,
        staker: &PrivateKeySigner,
        amount: U256,
    ) -> Result<Contributed> {
        let who = staker.address();
        let (action, now) = self.check_deposit(seen, who, amount).await?;
        let contract = self.contribution_at(seen.contract);
        let chain_id = self.provider.get_chain_id().await.during(&action)?;
        let nonce = self.token.nonces(who).call().await.during(&action)?;
        let deadline = U256::from(crate::provider::now(&self.provider).await? + PERMIT_SECONDS);
        let permit = sign_permit(staker, chain_id, *self.token.address(), seen.contract, amount, nonce, deadline)?;
        let sent = transact(
            contract.contributeWithPermit(amount, seen.terms_version, deadline, permit.v, permit.r, permit.s).from(who),
            &action,
        )
        .await;
        if sent.is_err() && !self.token.allowance(who, seen.contract).call().await.during(&action)?.is_zero() {
            transact(
                self.token.approve(seen.contract, U256::ZERO).from(who),
                &format!("{action}: revoking the allowance"),
            )
            .await?;
        }
        let receipt = sent?;
        let node_id = contract.nodeId().call().await.during(&action)?;
        Ok(Contributed { receipt, registered: (node_id != 0 && now.node_id == 0).then_some(node_id) })
    }

    /// Everything a deposit of `amount` by `staker` on the terms `seen` would be refused for, read
    /// now; returns the action's description and the terms as they are.
    async fn check_deposit(
        &self,
        seen: &ContributionTerms,
        staker: Address,
        amount: U256,
    ) -> Result<(String, ContributionTerms)> {
        let action = format!("contributing {} SESH to {}", format_sesh(amount), seen.contract);
        let now = self.contribution_terms(seen.contract, staker).await?;
        if (now.operator, now.fee_bps, now.requirement, now.terms_version)
            != (seen.operator, seen.fee_bps, seen.requirement, seen.terms_version)
        {
            return Err(Error::refused(
                &action,
                format!(
                    "the terms changed since you read them (version {} -> {}): fee {} -> {} bps, requirement {} -> {} SESH",
                    seen.terms_version,
                    now.terms_version,
                    seen.fee_bps,
                    now.fee_bps,
                    format_sesh(seen.requirement),
                    format_sesh(now.requirement)
                ),
            ));
        }
        let takes_deposits = match now.status {
            Status::Open => true,
            Status::WaitingForOperator => staker == now.operator,
            _ => false,
        };
        if !takes_deposits || now.maximum.is_zero() {
            let reason = match now.status {
                Status::WaitingForOperator => "the contract waits for its operator's first deposit".to_string(),
                status => format!("the contract is {status} and takes no deposit from {staker}"),
            };
            return Err(Error::refused(&action, reason));
        }
        if amount < now.minimum || amount > now.maximum {
            return Err(Error::refused(
                &action,
                format!(
                    "a deposit by {staker} must be between {} and {} SESH now",
                    format_sesh(now.minimum),
                    format_sesh(now.maximum)
                ),
            ));
        }
        let balance = self.token.balanceOf(staker).call().await.during(&action)?;
        if balance < amount {
            let reason =
                format!("{staker} holds {} SESH, {} SESH are needed", format_sesh(balance), format_sesh(amount));
            return Err(Error::refused(&action, reason));
        }
        Ok((action, now))
    }

    /// Every contribution contract of the factory, oldest first (from its creation events since
    /// the deployment's block).
    pub async fn contribution_contracts(&self) -> Result<Vec<Address>> {
        let action = "listing the contribution contracts";
        let latest = self.provider.get_block_number().await.during(action)?;
        let filter = self.factory.ContributionContractCreated_filter().filter;
        let logs =
            crate::logs::logs_in_range(&self.provider, &filter, self.manifest.block, latest, self.log_range, action)
                .await?;
        logs.iter()
            .map(|log| {
                let created = log
                    .log_decode::<ContributionContractCreated>()
                    .map_err(|e| Error::unexpected(action, e.to_string()))?;
                Ok(created.inner.data.contributionContract)
            })
            .collect()
    }

    /// The contracts open for contributions now (their operator's stake is in, slots and stake
    /// remain), with their terms for a new contributor.
    pub async fn open_contributions(&self) -> Result<Vec<ContributionTerms>> {
        let mut open = Vec::new();
        for contract in self.contribution_contracts().await? {
            let terms = self.contribution_terms(contract, Address::ZERO).await?;
            if terms.status == Status::Open && !terms.maximum.is_zero() {
                open.push(terms);
            }
        }
        Ok(open)
    }

    /// The refunds `account` can claim (after a reset or a cancel), by contribution contract.
    pub async fn refunds_of(&self, account: Address) -> Result<Vec<(Address, U256)>> {
        let mut refunds = Vec::new();
        for contract in self.contribution_contracts().await? {
            let owed = self.contribution_at(contract).refundable(account).call().await.during("reading refunds")?;
            if !owed.is_zero() {
                refunds.push((contract, owed));
            }
        }
        Ok(refunds)
    }

    /// A contribution contract at `address`.
    pub fn contribution_at(&self, address: Address) -> Contribution {
        ContributionContract::new(address, self.provider.clone())
    }
}
