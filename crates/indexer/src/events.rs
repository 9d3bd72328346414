//! The deployment's logs the portal needs, decoded into one enum stored as JSON (amounts as
//! decimal strings of atomic units: JSON numbers cannot hold them).

use alloy::{
    primitives::{Address, Log as PrimitiveLog},
    sol_types::SolEvent,
};
use serde::{Deserialize, Serialize};
use session_bindings::{
    contribution_contract::ContributionContract as Cc, contribution_factory::ContributionFactory as Factory,
    fee_router::FeeRouter as Router, reward_pool::RewardPool as Pool, staking_registry::StakingRegistry as Registry,
};

/// Where a log came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The staking registry.
    Registry,
    /// The reward pool.
    Pool,
    /// The fee router.
    Router,
    /// The contribution factory.
    Factory,
    /// A contribution contract of the factory.
    Contract,
}

/// One indexed event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[allow(missing_docs)]
pub enum Event {
    NodeRegistered {
        node_id: u64,
        operator: Address,
        ed25519: String,
        fee_bps: u16,
        deposit: String,
        registered_at: u64,
    },
    NodeRegisteredByContract {
        node_id: u64,
        contract: Address,
    },
    ContributorAdded {
        node_id: u64,
        staker: Address,
        beneficiary: Address,
        stake: String,
    },
    RewardsClaimed {
        node_id: u64,
        staker: Address,
        amount: String,
    },
    BeneficiaryUpdated {
        node_id: u64,
        staker: Address,
        beneficiary: Address,
    },
    ExitRequested {
        node_id: u64,
        first: u64,
        unlock: u64,
    },
    NodeExited {
        node_id: u64,
        earned: String,
    },
    NodeLiquidated {
        node_id: u64,
        liquidator: Address,
        liquidator_amount: String,
        pool_amount: String,
        returned_amount: String,
        earned: String,
    },
    StakeWithdrawn {
        node_id: u64,
        staker: Address,
        amount: String,
    },
    NodeDecommissioned {
        node_id: u64,
    },
    NodeRecommissioned {
        node_id: u64,
    },
    RewardsDistributed {
        amount: String,
        per_node: String,
        earning_nodes: u64,
    },
    Released {
        amount: String,
        balance_after: String,
    },
    FeesRouted {
        amount: String,
        to_pool: String,
        to_liquidity: String,
    },
    ContractCreated {
        contract: Address,
        operator: Address,
        requirement: String,
        fee_bps: u16,
        auto_finalize: bool,
    },
    Contributed {
        contract: Address,
        staker: Address,
        amount: String,
        total: String,
    },
    Withdrawn {
        contract: Address,
        staker: Address,
        amount: String,
    },
    Finalized {
        contract: Address,
        node_id: u64,
    },
    Reset {
        contract: Address,
    },
    DepositBeneficiaryUpdated {
        contract: Address,
        staker: Address,
        beneficiary: Address,
    },
    RefundCredited {
        contract: Address,
        staker: Address,
        amount: String,
    },
    RefundClaimed {
        contract: Address,
        staker: Address,
        amount: String,
    },
    Cancelled {
        contract: Address,
    },
    FeeUpdated {
        contract: Address,
        fee_bps: u16,
    },
}

impl Event {
    /// The event's name, stored next to it.
    pub fn kind(&self) -> String {
        let json = serde_json::to_value(self).expect("events serialize");
        json["kind"].as_str().unwrap_or_default().to_string()
    }
}

/// Decodes `log` from `source`; `None` for logs the portal does not need.
pub fn decode(source: Source, log: &PrimitiveLog) -> Option<Event> {
    let topic = *log.topics().first()?;
    let s = |v: alloy::primitives::U256| v.to_string();
    macro_rules! on {
        ($event:ty, $build:expr) => {
            if topic == <$event>::SIGNATURE_HASH {
                let e = <$event>::decode_log(log).ok()?.data;
                return Some($build(e));
            }
        };
    }
    match source {
        Source::Registry => {
            on!(Registry::NodeRegistered, |e: Registry::NodeRegistered| Event::NodeRegistered {
                node_id: e.nodeId,
                operator: e.operator,
                ed25519: e.ed25519Key.to_string(),
                fee_bps: e.feeBps,
                deposit: s(e.deposit),
                registered_at: e.registeredAt,
            });
            on!(Registry::NodeRegisteredByContract, |e: Registry::NodeRegisteredByContract| {
                Event::NodeRegisteredByContract { node_id: e.nodeId, contract: e.contributionContract }
            });
            on!(Registry::ContributorAdded, |e: Registry::ContributorAdded| Event::ContributorAdded {
                node_id: e.nodeId,
                staker: e.staker,
                beneficiary: e.beneficiary,
                stake: s(e.stake),
            });
            on!(Registry::RewardsClaimed, |e: Registry::RewardsClaimed| Event::RewardsClaimed {
                node_id: e.nodeId,
                staker: e.staker,
                amount: s(e.amount),
            });
            on!(Registry::BeneficiaryUpdated, |e: Registry::BeneficiaryUpdated| Event::BeneficiaryUpdated {
                node_id: e.nodeId,
                staker: e.staker,
                beneficiary: e.newBeneficiary,
            });
            on!(Registry::ExitRequested, |e: Registry::ExitRequested| Event::ExitRequested {
                node_id: e.nodeId,
                first: e.firstRequestedAt,
                unlock: e.unlockTime.saturating_to::<u64>(),
            });
            on!(Registry::NodeExited, |e: Registry::NodeExited| Event::NodeExited {
                node_id: e.nodeId,
                earned: s(e.earned)
            });
            on!(Registry::NodeLiquidated, |e: Registry::NodeLiquidated| Event::NodeLiquidated {
                node_id: e.nodeId,
                liquidator: e.liquidator,
                liquidator_amount: s(e.liquidatorAmount),
                pool_amount: s(e.poolAmount),
                returned_amount: s(e.returnedAmount),
                earned: s(e.earned),
            });
            on!(Registry::StakeWithdrawn, |e: Registry::StakeWithdrawn| Event::StakeWithdrawn {
                node_id: e.nodeId,
                staker: e.staker,
                amount: s(e.amount),
            });
            on!(Registry::NodeDecommissioned, |e: Registry::NodeDecommissioned| Event::NodeDecommissioned {
                node_id: e.nodeId
            });
            on!(Registry::NodeRecommissioned, |e: Registry::NodeRecommissioned| Event::NodeRecommissioned {
                node_id: e.nodeId
            });
            on!(Registry::RewardsDistributed, |e: Registry::RewardsDistributed| Event::RewardsDistributed {
                amount: s(e.amount),
                per_node: s(e.perNode),
                earning_nodes: e.earningNodes.saturating_to::<u64>(),
            });
        }
        Source::Pool => {
            on!(Pool::Released, |e: Pool::Released| Event::Released {
                amount: s(e.amount),
                balance_after: s(e.balanceAfter)
            });
        }
        Source::Router => {
            on!(Router::FeesRouted, |e: Router::FeesRouted| Event::FeesRouted {
                amount: s(e.amount),
                to_pool: s(e.toPool),
                to_liquidity: s(e.toLiquidity),
            });
        }
        Source::Factory => {
            on!(Factory::ContributionContractCreated, |e: Factory::ContributionContractCreated| {
                Event::ContractCreated {
                    contract: e.contributionContract,
                    operator: e.operator,
                    requirement: s(e.requirement),
                    fee_bps: e.feeBps,
                    auto_finalize: e.autoFinalize,
                }
            });
        }
        Source::Contract => {
            let contract = log.address;
            on!(Cc::Contributed, |e: Cc::Contributed| Event::Contributed {
                contract,
                staker: e.staker,
                amount: s(e.amount),
                total: s(e.total)
            });
            on!(Cc::Withdrawn, |e: Cc::Withdrawn| Event::Withdrawn { contract, staker: e.staker, amount: s(e.amount) });
            on!(Cc::Finalized, |e: Cc::Finalized| Event::Finalized { contract, node_id: e.nodeId });
            on!(Cc::Reset, |_e: Cc::Reset| Event::Reset { contract });
            on!(Cc::BeneficiaryUpdated, |e: Cc::BeneficiaryUpdated| Event::DepositBeneficiaryUpdated {
                contract,
                staker: e.staker,
                beneficiary: e.newBeneficiary
            });
            on!(Cc::RefundCredited, |e: Cc::RefundCredited| Event::RefundCredited {
                contract,
                staker: e.staker,
                amount: s(e.amount)
            });
            on!(Cc::RefundClaimed, |e: Cc::RefundClaimed| Event::RefundClaimed {
                contract,
                staker: e.staker,
                amount: s(e.amount)
            });
            on!(Cc::Cancelled, |_e: Cc::Cancelled| Event::Cancelled { contract });
            on!(Cc::FeeUpdated, |e: Cc::FeeUpdated| Event::FeeUpdated { contract, fee_bps: e.newFeeBps });
        }
    }
    None
}
