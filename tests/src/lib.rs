//! The end-to-end harness: `TestEnv::new()` spawns anvil, deploys the whole system through the
//! same deployment code as the CLI and the devnet, and names the actors.

use alloy::{
    node_bindings::AnvilInstance,
    primitives::{Address, U256},
    providers::DynProvider,
    signers::local::PrivateKeySigner,
    sol_types::SolInterface,
};
use session_bindings::ContractError;
use session_client::Deployment;
use session_client::provider::now;
use session_client::staking::Contributor;
use session_client::transact;
use session_deploy::GenesisConfig;
use session_deploy::deploy;
use session_devnet::accounts::dev_accounts;
use session_devnet::anvil::spawn_anvil;
use session_devnet::toolchain::devnet_genesis_path;
use session_network::{NodeKeys, SimulatedNetwork};

/// Seed of the simulated network's keys in the tests.
pub const NETWORK_SEED: u64 = 0x5e55;

/// A fresh chain with the system deployed from the devnet genesis config.
pub struct TestEnv {
    /// Keeps anvil alive for the test's duration.
    pub anvil: AnvilInstance,
    /// Signs for every dev account; pick the sender with `.from(..)`.
    pub provider: DynProvider,
    /// The dev accounts, in anvil's order.
    pub signers: Vec<PrivateKeySigner>,
    /// The deployed contracts.
    pub system: Deployment,
    /// The genesis config that was deployed.
    pub genesis: GenesisConfig,
    /// The network's view: the keys of every active node, by registration id.
    pub network: SimulatedNetwork,
}

impl TestEnv {
    /// Spawns anvil and deploys everything the devnet deploys.
    pub async fn new() -> eyre::Result<Self> {
        Self::with_genesis(GenesisConfig::load(&devnet_genesis_path())?).await
    }

    /// Spawns anvil and deploys the token, pool and registry only: no fee contracts, so the
    /// token has no reminter yet and the pool holds exactly its genesis allocation.
    pub async fn without_fees() -> eyre::Result<Self> {
        let mut genesis = GenesisConfig::load(&devnet_genesis_path())?;
        genesis.fees = None;
        Self::with_genesis(genesis).await
    }

    /// Spawns anvil and deploys from `genesis`.
    pub async fn with_genesis(genesis: GenesisConfig) -> eyre::Result<Self> {
        let anvil = spawn_anvil(None)?;
        let (provider, signers) = dev_accounts(&anvil);
        let owner = signers[0].address();
        let system = deploy(&provider, owner, owner, &genesis).await?;
        let network = SimulatedNetwork::new(system.consensus_domain());
        Ok(Self { anvil, provider, signers, system, genesis, network })
    }

    /// Deployer and owner of the upgradeable contracts (anvil account 0).
    pub fn owner(&self) -> Address {
        self.signers[0].address()
    }

    /// Holder of the devnet float, 45M liquid SESH (anvil account 1): the test's rich user.
    pub fn holder(&self) -> &PrivateKeySigner {
        &self.signers[1]
    }

    /// An account with no SESH (anvil account 9).
    pub fn stranger(&self) -> Address {
        self.signers[9].address()
    }
}

impl TestEnv {
    /// Gives `to` `amount` SESH from the rich holder.
    pub async fn fund(&self, to: Address, amount: U256) -> eyre::Result<()> {
        transact(self.system.token.transfer(to, amount).from(self.holder().address()), "funding").await?;
        Ok(())
    }

    /// The staking requirement.
    pub async fn requirement(&self) -> eyre::Result<U256> {
        Ok(self.system.registry.stakingRequirement().call().await?)
    }

    /// Registers a node of `contributors` (account index, share of the requirement in bps), the
    /// first one its operator and payer, with keys number `key_index` of the test network, and
    /// adds it to the network. Returns its registration id.
    pub async fn register(&mut self, key_index: u64, fee_bps: u16, contributors: &[(usize, u64)]) -> eyre::Result<u64> {
        let requirement = self.requirement().await?;
        let mut list: Vec<Contributor> = contributors
            .iter()
            .map(|(account, bps)| Contributor {
                staker: self.signers[*account].address(),
                beneficiary: Address::ZERO,
                stake: requirement * U256::from(*bps) / U256::from(10_000),
            })
            .collect();
        let assigned: U256 = list.iter().map(|c| c.stake).sum();
        list[0].stake += requirement - assigned;
        let payer = list[0].staker;
        self.fund(payer, requirement).await?;
        let keys = NodeKeys::derived(NETWORK_SEED, key_index);
        let (node_id, _) = self.system.register_node(payer, &keys, fee_bps, list).await?;
        self.network.join(node_id, keys);
        Ok(node_id)
    }

    /// Registers a solo node operated by account `account`.
    pub async fn register_solo(&mut self, key_index: u64, account: usize) -> eyre::Result<u64> {
        self.register(key_index, 0, &[(account, 10_000)]).await
    }

    /// The latest block's timestamp.
    pub async fn now(&self) -> eyre::Result<u64> {
        Ok(now(&self.provider).await?)
    }
}

/// The custom error a client operation failed with (it must have reverted with one of ours).
pub fn revert_in<T: std::fmt::Debug>(result: Result<T, session_client::Error>) -> ContractError {
    match result.expect_err("the operation was expected to revert") {
        session_client::Error::Revert { error, .. } => *error,
        other => panic!("not a revert with a custom error: {other}"),
    }
}

/// The custom error under a CLI command's failure (a client revert, whatever context was added).
pub fn cli_revert<T: std::fmt::Debug>(result: eyre::Result<T>) -> ContractError {
    let report = result.expect_err("the command was expected to fail");
    match report.downcast_ref::<session_client::Error>() {
        Some(session_client::Error::Revert { error, .. }) => error.as_ref().clone(),
        _ => panic!("not a revert with a custom error: {report:#}"),
    }
}

/// The custom error a failed call reverted with, decoded into a contract's error enum.
pub fn revert_of<E: SolInterface>(result: Result<impl std::fmt::Debug, alloy::contract::Error>) -> E {
    let err = result.expect_err("the call was expected to revert");
    err.as_decoded_interface_error::<E>().unwrap_or_else(|| panic!("not a known custom error: {err}"))
}
