//! `sesh contribution`: multi-contributor nodes through the factory, for operators and
//! contributors, and the list a staking portal shows.

use crate::{commands::keys::KeyFile, context::GlobalArgs};
use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::SolEvent,
};
use clap::Subcommand;
use eyre::WrapErr;
use session_bindings::contribution_factory::ContributionFactory::ContributionContractCreated;
use session_bindings::enums::Status;
use session_client::Deployment;
use session_client::error::During;
use session_client::transact;
use session_client::units::format_sesh;
use session_client::units::parse_sesh;
use std::path::PathBuf;

/// Contribution commands.
#[derive(Debug, Clone, Subcommand)]
pub enum ContributionCommand {
    /// Open a contribution contract for a node (the signer is its operator).
    Create {
        /// Key file from `sesh keys generate`.
        #[arg(long)]
        keys: PathBuf,
        /// Operator fee in basis points.
        #[arg(long, default_value_t = 0)]
        fee_bps: u16,
        /// Register the node as soon as the last contribution fills it.
        #[arg(long)]
        auto_finalize: bool,
        /// Deposit the operator's stake (SESH, at least 25%) in the same transaction; approves
        /// the factory for it first.
        #[arg(long)]
        stake: Option<String>,
    },
    /// Contribute to a contract: `--amount` SESH, by default the current minimum.
    Contribute {
        /// The contribution contract.
        #[arg(long)]
        contract: Address,
        /// SESH to contribute.
        #[arg(long)]
        amount: Option<String>,
    },
    /// Take the signer's contribution back (24 h after its latest deposit, until finalized).
    Withdraw {
        /// The contribution contract.
        #[arg(long)]
        contract: Address,
    },
    /// Operator: register the fully funded node.
    Finalize {
        /// The contribution contract.
        #[arg(long)]
        contract: Address,
    },
    /// Operator: refund every contributor (each then claims) and reopen.
    Reset {
        /// The contribution contract.
        #[arg(long)]
        contract: Address,
    },
    /// Everything a contributor wants to know about one contract.
    Show {
        /// The contribution contract.
        #[arg(long)]
        contract: Address,
    },
    /// Contracts of the factory still taking contributions.
    ListOpen,
}

/// A contribution contract's status in words ("waiting for operator", "open", ...).
fn status_name(status: u8) -> &'static str {
    Status::from_u8(status).map_or("unknown", Status::as_words)
}

async fn show(deployment: &Deployment, address: Address) -> eyre::Result<()> {
    let c = deployment.contribution_at(address);
    println!("contribution contract {address}");
    println!(
        "  status               {}",
        status_name(c.status().call().await.during("reading the contribution contract")?)
    );
    let node = c.nodeId().call().await?;
    if node != 0 {
        println!("  registered as node   {node}");
    }
    println!("  operator             {}", c.operator().call().await?);
    let fee = c.feeBps().call().await?;
    println!("  operator fee         {}.{:02}%", fee / 100, fee % 100);
    println!("  requirement          {} SESH", format_sesh(c.requirement().call().await?));
    println!("  contributed          {} SESH", format_sesh(c.contributed().call().await?));
    println!("  remaining            {} SESH", format_sesh(c.remaining().call().await?));
    println!("  open slots           {}", c.openSlots().call().await?);
    println!("  minimum contribution {} SESH", format_sesh(c.minimumContribution().call().await?));
    for r in c.reservations().call().await? {
        println!("  reserved             {} SESH for {}", format_sesh(r.amount), r.staker);
    }
    for k in c.contributors().call().await? {
        println!("  contributor          {} {} SESH (rewards to {})", k.staker, format_sesh(k.amount), k.beneficiary);
    }
    Ok(())
}

/// Runs a contribution command.
pub async fn run(global: &GlobalArgs, command: ContributionCommand) -> eyre::Result<()> {
    match command {
        ContributionCommand::Show { contract } => {
            return show(&global.deployment(global.provider(None)).await?, contract).await;
        }
        ContributionCommand::ListOpen => {
            let deployment = global.deployment(global.provider(None)).await?;
            let filter = Filter::new()
                .address(*deployment.factory.address())
                .event_signature(ContributionContractCreated::SIGNATURE_HASH)
                .from_block(0);
            for log in deployment.provider.get_logs(&filter).await? {
                let created = ContributionContractCreated::decode_log(&log.inner)?.data;
                let c = deployment.contribution_at(created.contributionContract);
                let status = c.status().call().await?;
                if status <= 1 {
                    println!(
                        "{}  {}  operator {}  remaining {} SESH  minimum {} SESH  open slots {}",
                        created.contributionContract,
                        status_name(status),
                        created.operator,
                        format_sesh(c.remaining().call().await?),
                        format_sesh(c.minimumContribution().call().await?),
                        c.openSlots().call().await?
                    );
                }
            }
            return Ok(());
        }
        _ => {}
    }
    let signer = global.signer()?;
    let me = signer.address();
    let deployment = global.deployment(global.provider(Some(signer))).await?;
    match command {
        ContributionCommand::Create { keys, fee_bps, auto_finalize, stake } => {
            let text = std::fs::read_to_string(&keys).wrap_err_with(|| format!("reading {}", keys.display()))?;
            let file: KeyFile = serde_json::from_str(&text).wrap_err("not a key file of `sesh keys generate`")?;
            let keys = file.keys()?;
            let stake = stake.map(|text| parse_sesh(&text)).transpose()?;
            let (contract, _) = deployment.open_contribution(me, &keys, fee_bps, auto_finalize, vec![], stake).await?;
            match stake {
                Some(stake) => println!(
                    "contribution contract {} opened with {} SESH of yours",
                    contract.address(),
                    format_sesh(stake)
                ),
                None => println!("contribution contract {} opened; deposit at least 25% first", contract.address()),
            }
        }
        ContributionCommand::Contribute { contract, amount } => {
            let c = deployment.contribution_at(contract);
            let amount = match amount {
                Some(text) => parse_sesh(&text)?,
                None => c.minimumContributionOf(me).call().await.during("reading the contribution contract")?,
            };
            eyre::ensure!(amount > U256::ZERO, "nothing to contribute: pass --amount");
            println!("contributing {} SESH", format_sesh(amount));
            deployment.contribute(&c, me, amount).await?;
        }
        ContributionCommand::Withdraw { contract } => {
            transact(deployment.contribution_at(contract).withdraw(), "withdrawing the contribution").await?;
            println!("withdrawn");
        }
        ContributionCommand::Finalize { contract } => {
            let c = deployment.contribution_at(contract);
            transact(c.finalize(), "finalizing").await?;
            println!("node {} registered", c.nodeId().call().await?);
        }
        ContributionCommand::Reset { contract } => {
            transact(deployment.contribution_at(contract).reset(), "resetting").await?;
            println!("reset: every contributor can claim a refund");
        }
        ContributionCommand::Show { .. } | ContributionCommand::ListOpen => unreachable!("handled above"),
    }
    Ok(())
}
