//! End-to-end tests: one binary, one module per feature, each test on its own anvil.

mod cli;
mod cli_safety;
mod contribution;
mod deployment;
mod distribution;
mod fees;
mod frontend;
mod gas_estimates;
mod indexer;
mod network;
mod public_rpc;
mod reward_pool;
mod seeding;
mod squatting;
mod staking;
mod token;
mod tokenomics;
