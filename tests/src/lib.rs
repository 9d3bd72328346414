//! The end-to-end harness: `TestEnv::new()` spawns anvil, deploys the whole system through the
//! same deployment code as the CLI and the devnet, and names the actors.

use alloy::{
    contract::Error as ContractError, node_bindings::AnvilInstance, primitives::Address, providers::DynProvider,
    signers::local::PrivateKeySigner, sol_types::SolInterface,
};
use session_sdk::{
    Deployment, GenesisConfig, actors::dev_accounts, anvil::spawn_anvil, deploy, toolchain::devnet_genesis_path,
};

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
}

impl TestEnv {
    /// Spawns anvil and deploys.
    pub async fn new() -> eyre::Result<Self> {
        let anvil = spawn_anvil(None)?;
        let (provider, signers) = dev_accounts(&anvil);
        let genesis = GenesisConfig::load(&devnet_genesis_path())?;
        let owner = signers[0].address();
        let system = deploy(&provider, owner, owner, &genesis).await?;
        Ok(Self { anvil, provider, signers, system, genesis })
    }

    /// Deployer and owner of the upgradeable contracts (anvil account 0).
    pub fn owner(&self) -> Address {
        self.signers[0].address()
    }

    /// Holder of the swap program's 55M SESH (anvil account 1): the test's rich user.
    pub fn holder(&self) -> &PrivateKeySigner {
        &self.signers[1]
    }

    /// An account with no SESH (anvil account 9).
    pub fn stranger(&self) -> Address {
        self.signers[9].address()
    }
}

/// The custom error a failed call reverted with, decoded into a contract's error enum.
pub fn revert_of<E: SolInterface>(result: Result<impl std::fmt::Debug, ContractError>) -> E {
    let err = result.expect_err("the call was expected to revert");
    err.as_decoded_interface_error::<E>().unwrap_or_else(|| panic!("not a known custom error: {err}"))
}
