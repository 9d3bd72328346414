//! `sesh contribution`: multi-contributor nodes through the factory, for operators and
//! contributors, and the list a staking portal shows.

use crate::{commands::keys::KeyFile, context::GlobalArgs, display::when};
use alloy::primitives::{Address, U256};
use clap::Subcommand;
use session_bindings::enums::Status;
use session_client::Deployment;
use session_client::transact;
use session_client::units::parse_sesh;
use session_client::units::{format_bps, format_sesh};
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
        #[arg(long, allow_hyphen_values = true)]
        stake: Option<String>,
    },
    /// Contribute to a contract: `--amount` SESH, by default the current minimum.
    Contribute {
        /// The contribution contract.
        #[arg(long)]
        contract: Address,
        /// SESH to contribute.
        #[arg(long, allow_hyphen_values = true)]
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
    /// Claim the refund owed to the signer after the operator reset or cancelled the contract.
    Refund {
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
    /// Contracts of the factory taking contributions now (the operator's stake is in).
    ListOpen,
}

async fn show(deployment: &Deployment, address: Address, viewer: Option<Address>) -> eyre::Result<()> {
    let terms = deployment.contribution_terms(address, viewer.unwrap_or(Address::ZERO)).await?;
    let c = deployment.contribution_at(address);
    println!("contribution contract {address}");
    println!("  status               {}", terms.status);
    if terms.node_id != 0 {
        println!("  registered as node   {}", terms.node_id);
    }
    println!("  operator             {}", terms.operator);
    println!("  operator fee         {}", format_bps(terms.fee_bps.into()));
    println!("  requirement          {} SESH", format_sesh(terms.requirement));
    println!("  contributed          {} SESH", format_sesh(terms.contributed));
    println!("  remaining            {} SESH", format_sesh(terms.remaining));
    println!("  open slots           {}", c.openSlots().call().await?);
    println!("  minimum contribution {} SESH", format_sesh(c.minimumContribution().call().await?));
    println!("  registers when full  {}", if terms.auto_finalize { "yes" } else { "no: the operator finalizes" });
    for r in c.reservations().call().await? {
        println!("  reserved             {} SESH for {}", format_sesh(r.amount), r.staker);
    }
    for k in c.contributors().call().await? {
        println!("  contributor          {} {} SESH (rewards to {})", k.staker, format_sesh(k.amount), k.beneficiary);
    }
    if let Some(viewer) = viewer {
        println!("  you ({viewer})");
        println!("    contributed        {} SESH", format_sesh(c.contributionOf(viewer).call().await?));
        if !terms.refundable.is_zero() {
            println!(
                "    refund owed        {} SESH: `sesh contribution refund --contract {address}`",
                format_sesh(terms.refundable)
            );
        }
        let own = c.contributors().call().await?.into_iter().find(|k| k.staker == viewer);
        if let Some(own) = own.filter(|_| matches!(terms.status, Status::Open | Status::Filled)) {
            let delay = c.WITHDRAWAL_DELAY().call().await?;
            let from: u64 = (own.lastDeposit + delay).saturating_to();
            println!("    may withdraw from  {} (operators leave by reset or cancel)", when(from));
        }
        if !terms.maximum.is_zero() {
            println!(
                "    may deposit        {} to {} SESH now",
                format_sesh(terms.minimum),
                format_sesh(terms.maximum)
            );
        }
    }
    Ok(())
}

/// Runs a contribution command.
pub async fn run(global: &GlobalArgs, command: ContributionCommand) -> eyre::Result<()> {
    match command {
        ContributionCommand::Show { contract } => {
            let viewer = global.signer().ok().map(|s| s.address());
            return show(&global.deployment(global.provider(None)).await?, contract, viewer).await;
        }
        ContributionCommand::ListOpen => {
            let deployment = global.deployment(global.provider(None)).await?;
            let open = deployment.open_contributions().await?;
            for terms in &open {
                println!(
                    "{}  operator {}  fee {}  remaining {} SESH  minimum {} SESH",
                    terms.contract,
                    terms.operator,
                    format_bps(terms.fee_bps.into()),
                    format_sesh(terms.remaining),
                    format_sesh(terms.minimum),
                );
            }
            if open.is_empty() {
                println!("no contribution contract is open for contributions");
            }
            return Ok(());
        }
        _ => {}
    }
    let signer = global.signer()?;
    let me = signer.address();
    let deployment = global.deployment(global.provider(Some(signer.clone()))).await?;
    match command {
        ContributionCommand::Create { keys, fee_bps, auto_finalize, stake } => {
            let keys = KeyFile::load(&keys)?.keys()?;
            let stake = stake.map(|text| parse_sesh(&text)).transpose()?;
            let requirement = deployment.registry.stakingRequirement().call().await?;
            let mut plan = format!(
                "opening a contribution contract for a node of {} SESH, operator {me}, fee {}{}",
                format_sesh(requirement),
                format_bps(fee_bps.into()),
                if auto_finalize { ", registered by the filling deposit" } else { "" }
            );
            if let Some(stake) = stake {
                plan += &format!(
                    "\n  you deposit {} SESH now; it stays locked until the node leaves (an exit takes 30 days \
                     unless the network confirms it sooner)",
                    format_sesh(stake)
                );
            }
            global.confirm(&plan)?;
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
            let terms = deployment.contribution_terms(contract, me).await?;
            let amount = match amount {
                Some(text) => parse_sesh(&text)?,
                None => terms.minimum,
            };
            eyre::ensure!(
                !terms.maximum.is_zero(),
                "{contract} takes no deposit from {me} now (it is {})",
                terms.status
            );
            eyre::ensure!(!amount.is_zero(), "pass --amount: you may add up to {} SESH", format_sesh(terms.maximum));
            let small = amount * U256::from(4) < terms.requirement;
            let fills = amount == terms.remaining;
            let plan = format!(
                "contributing {} SESH to {contract} (operator {}, fee {}, node of {} SESH), authorized by a permit \
                 for exactly that amount signed here: one transaction, no approval{}{}",
                format_sesh(amount),
                terms.operator,
                format_bps(terms.fee_bps.into()),
                format_sesh(terms.requirement),
                if small {
                    "\n  below a quarter of the requirement: your stake is locked 30 days after the node registers"
                } else {
                    ""
                },
                match (fills, terms.auto_finalize) {
                    (true, true) => "\n  this deposit fills the node and registers it",
                    (true, false) => "\n  this deposit fills the node; the operator then registers it",
                    _ => "",
                }
            );
            global.confirm(&plan)?;
            // A permit signed here: one transaction, no approval to leave behind.
            let done = deployment.contribute_with_permit(&terms, &signer, amount).await?;
            match done.registered {
                Some(node) => {
                    println!("contributed {} SESH: the node is full and registered as node {node}", format_sesh(amount))
                }
                None => println!("contributed {} SESH", format_sesh(amount)),
            }
        }
        ContributionCommand::Withdraw { contract } => {
            deployment.contribution_terms(contract, me).await?;
            transact(deployment.contribution_at(contract).withdraw(), "withdrawing the contribution").await?;
            println!("withdrawn");
        }
        ContributionCommand::Finalize { contract } => {
            deployment.contribution_terms(contract, me).await?;
            let c = deployment.contribution_at(contract);
            transact(c.finalize(), "finalizing").await?;
            println!("node {} registered", c.nodeId().call().await?);
        }
        ContributionCommand::Reset { contract } => {
            deployment.contribution_terms(contract, me).await?;
            transact(deployment.contribution_at(contract).reset(), "resetting").await?;
            println!("reset: every contributor can claim a refund (`sesh contribution refund`)");
        }
        ContributionCommand::Refund { contract } => {
            let terms = deployment.contribution_terms(contract, me).await?;
            eyre::ensure!(!terms.refundable.is_zero(), "{contract} owes {me} no refund");
            transact(deployment.contribution_at(contract).claimRefund(), "claiming the refund").await?;
            println!("refunded {} SESH", format_sesh(terms.refundable));
        }
        ContributionCommand::Show { .. } | ContributionCommand::ListOpen => unreachable!("handled above"),
    }
    Ok(())
}
