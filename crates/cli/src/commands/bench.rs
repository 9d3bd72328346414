//! `sesh bench gas`: gas of every user-facing operation, measured from receipts on a fresh anvil
//! through the same deployment path as the devnet. Later features add their operations here.

use crate::context::GlobalArgs;
use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    rpc::types::TransactionReceipt,
};
use clap::Subcommand;
use eyre::ContextCompat;
use serde::Serialize;
use session_sdk::{
    GenesisConfig,
    actors::{dev_accounts, mine_at, now},
    anvil::spawn_anvil,
    deploy,
    deploy::mined,
    permit::sign_permit,
    toolchain::devnet_genesis_path,
    units::sesh,
};

/// What `sesh bench` measures.
#[derive(Debug, Clone, Subcommand)]
pub enum BenchCommand {
    /// Print a table of operation -> gas.
    Gas {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// One measured operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GasRow {
    /// Contract and operation, e.g. `SessionToken.transfer`.
    pub operation: String,
    /// What the case is, e.g. "to a new holder".
    pub case: String,
    /// Gas used by the whole transaction.
    pub gas: u64,
}

/// Runs a benchmark and prints it.
pub async fn run(_global: &GlobalArgs, command: BenchCommand) -> eyre::Result<()> {
    match command {
        BenchCommand::Gas { json } => {
            let rows = measure_gas().await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else {
                println!("{:<30} {:<34} {:>10}", "operation", "case", "gas");
                for row in &rows {
                    println!("{:<30} {:<34} {:>10}", row.operation, row.case, row.gas);
                }
            }
            Ok(())
        }
    }
}

/// Deploys on a fresh anvil and measures each operation once.
pub async fn measure_gas() -> eyre::Result<Vec<GasRow>> {
    let anvil = spawn_anvil(None)?;
    let (provider, signers) = dev_accounts(&anvil);
    let owner = signers[0].address();
    let holder = &signers[1];
    let genesis = GenesisConfig::load(&devnet_genesis_path())?;
    let system = deploy(&provider, owner, owner, &genesis).await?;
    let (token, pool) = (&system.token, &system.reward_pool);
    let mut rows = Vec::new();
    let mut record = |operation: &str, case: &str, receipt: TransactionReceipt| {
        rows.push(GasRow { operation: operation.into(), case: case.into(), gas: receipt.gas_used });
    };

    let fresh = Address::repeat_byte(0x51);
    let r = mined(token.transfer(fresh, sesh(100)).from(holder.address()).send().await?).await?;
    record("SessionToken.transfer", "to a new holder", r);
    let r = mined(token.transfer(fresh, sesh(100)).from(holder.address()).send().await?).await?;
    record("SessionToken.transfer", "to an existing holder", r);
    let r = mined(token.approve(*pool.address(), sesh(1_000)).from(holder.address()).send().await?).await?;
    record("SessionToken.approve", "", r);

    let chain_id = provider.get_chain_id().await?;
    let deadline = U256::from(now(&provider).await? + 3_600);
    let nonce = token.nonces(holder.address()).call().await?;
    let sig = sign_permit(holder, chain_id, *token.address(), owner, sesh(5), nonce, deadline)?;
    let r = mined(token.permit(holder.address(), owner, sesh(5), deadline, sig.v, sig.r, sig.s).send().await?).await?;
    record("SessionToken.permit", "signed off-chain", r);
    let r = mined(token.burn(sesh(1)).from(holder.address()).send().await?).await?;
    record("SessionToken.burn", "", r);

    let r = mined(pool.setBeneficiary(owner).send().await?).await?;
    record("RewardPool.setBeneficiary", "first (starts the clock)", r);
    let start = pool.lastReleaseTime().call().await?;
    mine_at(&provider, start + 86_400 - 1).await?;
    let r = mined(pool.deposit(sesh(1_000)).from(holder.address()).send().await?).await?;
    record("RewardPool.deposit", "pays 1 day of accrual first", r);
    let last = pool.lastReleaseTime().call().await?;
    mine_at(&provider, last + 86_400 - 1).await?;
    let r = mined(pool.release().send().await?).await?;
    record("RewardPool.release", "1 day of accrual", r);
    let r = mined(pool.release().send().await?).await?;
    record("RewardPool.release", "next block (1 s of accrual)", r);
    rows.first().context("no operation measured")?;
    Ok(rows)
}
