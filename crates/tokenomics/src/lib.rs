//! The tokenomics simulation (`sesh simulate`): does the pool take in more than it releases
//! within two years of launch, as the seeds aim, and under which adoption?
//!
//! A [`scenario`] (adoption curves, price path, network size) becomes a day-by-day [`plan`]; the
//! plan runs on the deployed contracts ([`chain`]) and through the step [`model`] of their rules,
//! which must agree to the atomic unit; a [`record`] per day goes to a CSV and to [`charts`];
//! [`break_even`] searches the adoption that reaches the goal.

pub mod break_even;
pub mod chain;
pub mod charts;
pub mod model;
pub mod plan;
pub mod record;
pub mod scenario;
pub mod signer;

use session_deploy::GenesisConfig;

/// The simulation's genesis (`config/genesis.simulation.toml`), built in.
pub const SIMULATION_GENESIS: &str = include_str!("../../../config/genesis.simulation.toml");

/// The simulation's genesis config, checked.
pub fn simulation_genesis() -> eyre::Result<GenesisConfig> {
    let config: GenesisConfig = toml::from_str(SIMULATION_GENESIS)?;
    config.validate()?;
    Ok(config)
}

/// The first day on which the chain run and the model differ, with both records.
pub fn first_difference<'a>(
    chain: &'a [record::DayRecord],
    model: &'a [record::DayRecord],
) -> Option<(&'a record::DayRecord, &'a record::DayRecord)> {
    chain.iter().zip(model).find(|(c, m)| c != m)
}
