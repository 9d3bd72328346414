//! `sesh vesting`: a beneficiary's vesting contract of the genesis distribution: its schedule and
//! what has vested, releasing it, and putting the locked tokens to work (a solo node operated by
//! the vesting contract, a deposit into a contribution contract, exits, stakes back).
//!
//! Nothing here spends the signer's own SESH: the vesting contract deposits its locked tokens
//! (approving exactly the deposit itself) and stakes can only come back to it. Every command
//! checks with views first that the signer controls the vesting and that it holds enough.

use crate::{commands::keys::KeyFile, context::GlobalArgs, display::when};
use alloy::primitives::{Address, Bytes, FixedBytes, U256};
use clap::Subcommand;
use eyre::{OptionExt, bail, ensure};
use session_bindings::{ContributionContract, StakingVesting};
use session_client::{
    Deployment,
    manifest::VestingContract,
    transact,
    units::{format_sesh, parse_sesh},
};
use std::path::PathBuf;

/// Vesting commands.
#[derive(Debug, Clone, Subcommand)]
pub enum VestingCommand {
    /// The vesting contracts of an address (default: the signer): schedule, vested, released,
    /// releasable, staked.
    Show {
        /// Beneficiary to show (no signer needed).
        #[arg(long)]
        address: Option<Address>,
    },
    /// Pay the beneficiary what has vested and is held.
    Release {
        /// The vesting contract (default: the signer's only one).
        #[arg(long)]
        vesting: Option<Address>,
    },
    /// Register a solo node staked by the vesting's locked tokens; the vesting is its operator.
    Stake {
        /// Key file from `sesh keys generate` (its proof is made for the vesting's address).
        #[arg(long)]
        keys: PathBuf,
        /// The staking vesting (default: the signer's only one).
        #[arg(long)]
        vesting: Option<Address>,
    },
    /// Deposit locked tokens into a contribution contract of the deployment's factory.
    Contribute {
        /// The contribution contract.
        #[arg(long)]
        contract: Address,
        /// SESH to deposit (default: the contract's minimum for the vesting).
        #[arg(long)]
        amount: Option<String>,
        /// The staking vesting (default: the signer's only one).
        #[arg(long)]
        vesting: Option<Address>,
    },
    /// Ask a node the vesting staked to leave; with `--finalize`, complete the exit 30 days later.
    Exit {
        /// Registration id.
        #[arg(long)]
        node: u64,
        /// Complete the exit (anyone may, once its 30 days have passed).
        #[arg(long)]
        finalize: bool,
        /// The staking vesting (default: the signer's only one).
        #[arg(long)]
        vesting: Option<Address>,
    },
    /// Bring a stake back into the vesting: a solo node that left (`--node`), or a contribution
    /// contract's stake or refund (`--contract`). Rewards go to the beneficiary.
    Withdraw {
        /// A solo node of the vesting that has left.
        #[arg(long, conflicts_with = "contract")]
        node: Option<u64>,
        /// A contribution contract the vesting deposited into.
        #[arg(long)]
        contract: Option<Address>,
        /// The staking vesting (default: the signer's only one).
        #[arg(long)]
        vesting: Option<Address>,
    },
    /// Claim a node's rewards for the vesting's stake; they are forwarded to the beneficiary.
    ClaimRewards {
        /// Registration id.
        #[arg(long)]
        node: u64,
        /// The staking vesting (default: the signer's only one).
        #[arg(long)]
        vesting: Option<Address>,
    },
}

/// Runs a vesting command.
pub async fn run(global: &GlobalArgs, command: VestingCommand) -> eyre::Result<()> {
    if let VestingCommand::Show { address } = &command {
        let who = match address {
            Some(address) => *address,
            None => global.signer()?.address(),
        };
        let deployment = global.deployment(global.provider(None)).await?;
        return show(&deployment, who).await;
    }
    let signer = global.signer()?;
    let me = signer.address();
    let deployment = global.deployment(global.provider(Some(signer))).await?;
    match command {
        VestingCommand::Show { .. } => unreachable!("handled above"),
        VestingCommand::Release { vesting } => {
            let v = controlled(&deployment, me, vesting, false).await?;
            let vesting = StakingVesting::new(v.address, deployment.provider.clone());
            let releasable = vesting.releasable().call().await?;
            ensure!(!releasable.is_zero(), "nothing to release now: {}", next_vesting(&v));
            global.confirm(&format!("releasing {} SESH from {} to {me}", format_sesh(releasable), v.address))?;
            transact(vesting.release(), "releasing vested SESH").await?;
            println!("released {} SESH to {me}", format_sesh(releasable));
        }
        VestingCommand::Stake { keys, vesting } => {
            let v = controlled(&deployment, me, vesting, true).await?;
            let keys = KeyFile::load(&keys)?.keys()?;
            let requirement = deployment.registry.stakingRequirement().call().await?;
            let held = deployment.token.balanceOf(v.address).call().await?;
            ensure!(
                held >= requirement,
                "the vesting {} holds {} SESH; a node needs {} SESH",
                v.address,
                format_sesh(held),
                format_sesh(requirement)
            );
            global.confirm(&format!(
                "registering a solo node operated by the vesting {}: {} SESH of its locked tokens staked;\n  \
                 rewards go to its beneficiary, the stake comes back to the vesting when the node leaves",
                v.address,
                format_sesh(requirement)
            ))?;
            let proof = keys.proof_of_possession(&deployment.consensus_domain(), &v.address.0.0);
            let sv = StakingVesting::new(v.address, deployment.provider.clone());
            let call = sv.registerNode(
                Bytes::copy_from_slice(&keys.bls_public().to_eip2537()),
                FixedBytes(keys.ed25519_public()),
                Bytes::copy_from_slice(&proof.to_eip2537()),
            );
            let receipt = transact(call, "registering the vesting's node").await?;
            let id = receipt
                .decoded_log::<session_bindings::StakingRegistry::NodeRegistered>()
                .map(|e| e.nodeId)
                .ok_or_eyre("the receipt has no NodeRegistered event")?;
            println!("node {id} registered, operated by the vesting {}", v.address);
        }
        VestingCommand::Contribute { contract, amount, vesting } => {
            let v = controlled(&deployment, me, vesting, true).await?;
            ensure!(
                deployment.factory.owns(contract).call().await?,
                "{contract} is not a contribution contract of this deployment's factory"
            );
            let cc = ContributionContract::new(contract, deployment.provider.clone());
            let (minimum, maximum) =
                (cc.minimumContributionOf(v.address).call().await?, cc.maximumContributionOf(v.address).call().await?);
            let amount = match amount {
                Some(text) => parse_sesh(&text)?,
                None => minimum,
            };
            ensure!(
                amount >= minimum && amount <= maximum && !amount.is_zero(),
                "the contract takes between {} and {} SESH from the vesting, not {}",
                format_sesh(minimum),
                format_sesh(maximum),
                format_sesh(amount)
            );
            let held = deployment.token.balanceOf(v.address).call().await?;
            ensure!(held >= amount, "the vesting holds {} SESH", format_sesh(held));
            let terms = cc.termsVersion().call().await?;
            let fee = cc.feeBps().call().await?;
            global.confirm(&format!(
                "depositing {} SESH of the vesting {} into {contract} (operator fee {}), under terms version {terms}",
                format_sesh(amount),
                v.address,
                session_client::units::format_bps(fee.into())
            ))?;
            let sv = StakingVesting::new(v.address, deployment.provider.clone());
            let call = sv.contribute(contract, amount, terms);
            transact(call, "contributing from the vesting").await?;
            println!("deposited {} SESH into {contract}", format_sesh(amount));
        }
        VestingCommand::Exit { node, finalize, vesting } => {
            let v = controlled(&deployment, me, vesting, true).await?;
            let sv = StakingVesting::new(v.address, deployment.provider.clone());
            let info = deployment.node(node).await?;
            if finalize {
                ensure!(
                    info.exitRequestedAt != 0,
                    "node {node} has no exit request: `sesh vesting exit --node {node}` first"
                );
                let from = info.exitRequestedAt + crate::commands::node::THIRTY_DAYS;
                let now = session_client::provider::now(&deployment.provider).await?;
                ensure!(now >= from, "node {node}'s exit can be finalized from {}", when(from));
                let key = deployment.bls_key_bytes(node).await?;
                transact(sv.finalizeExit(node, key), "finalizing the exit").await?;
                println!("node {node} has left; `sesh vesting withdraw --node {node}` brings the stake back");
            } else {
                transact(sv.requestExit(node), "requesting the exit").await?;
                let requested = deployment.node(node).await?.exitRequestedAt;
                println!(
                    "exit of node {node} requested on {}; it can be finalized from {}",
                    when(requested),
                    when(requested + crate::commands::node::THIRTY_DAYS)
                );
            }
        }
        VestingCommand::Withdraw { node, contract, vesting } => {
            let v = controlled(&deployment, me, vesting, true).await?;
            let sv = StakingVesting::new(v.address, deployment.provider.clone());
            let before = deployment.token.balanceOf(v.address).call().await?;
            match (node, contract) {
                (Some(node), None) => {
                    ensure!(!sv.soloStake(node).call().await?.is_zero(), "the vesting has no stake in node {node}");
                    transact(sv.withdrawStake(node), "withdrawing the node's stake").await?;
                }
                (None, Some(contract)) => {
                    let cc = ContributionContract::new(contract, deployment.provider.clone());
                    if cc.nodeId().call().await? == 0 {
                        transact(sv.withdrawContribution(contract), "withdrawing the contribution").await?;
                    } else {
                        transact(sv.withdrawContractStake(contract), "withdrawing the contract's stake").await?;
                    }
                }
                _ => bail!("name a node (--node) or a contribution contract (--contract)"),
            }
            let after = deployment.token.balanceOf(v.address).call().await?;
            println!("{} SESH came back to the vesting {}", format_sesh(after.saturating_sub(before)), v.address);
        }
        VestingCommand::ClaimRewards { node, vesting } => {
            let v = controlled(&deployment, me, vesting, true).await?;
            let sv = StakingVesting::new(v.address, deployment.provider.clone());
            let receipt = transact(sv.claimRewards(node), "claiming the node's rewards").await?;
            let paid = receipt
                .decoded_log::<session_bindings::StakingVesting::RewardsForwarded>()
                .map(|e| e.amount)
                .unwrap_or(U256::ZERO);
            println!("{} SESH of rewards paid to the beneficiary", format_sesh(paid));
        }
    }
    Ok(())
}

/// The vesting the signer controls: `--vesting`, or the only one of the manifest whose
/// beneficiary is the signer. Checked on chain (beneficiaries can change; a revoked vesting is
/// the revoker's to unwind).
async fn controlled(
    deployment: &Deployment,
    me: Address,
    chosen: Option<Address>,
    staking: bool,
) -> eyre::Result<VestingContract> {
    let mine: Vec<&VestingContract> = match chosen {
        Some(address) => deployment.manifest.vesting.iter().filter(|v| v.address == address).collect(),
        None => deployment.manifest.vesting.iter().filter(|v| v.beneficiary == me).collect(),
    };
    let v = match (mine.as_slice(), chosen) {
        ([one], _) => (*one).clone(),
        ([], Some(address)) => bail!("{address} is not a vesting contract of this deployment"),
        ([], None) => bail!("{me} is the beneficiary of no vesting contract of this deployment (`sesh vesting show`)"),
        (_, _) => bail!(
            "{me} has {} vesting contracts: pick one with --vesting ({})",
            mine.len(),
            mine.iter().map(|v| v.address.to_string()).collect::<Vec<_>>().join(", ")
        ),
    };
    ensure!(!staking || v.kind == "staking", "the vesting {} is a plain vesting: its tokens cannot stake", v.address);
    let on_chain = StakingVesting::new(v.address, deployment.provider.clone());
    let (beneficiary, revoked_at, revoker) =
        (on_chain.beneficiary().call().await?, on_chain.revokedAt().call().await?, on_chain.revoker().call().await?);
    let controller = if revoked_at == 0 { beneficiary } else { revoker };
    ensure!(
        controller == me || (!staking && beneficiary == me),
        "the vesting {} is controlled by {controller}{}, not by {me}",
        v.address,
        if revoked_at == 0 { "" } else { " (revoked)" }
    );
    Ok(v)
}

fn next_vesting(v: &VestingContract) -> String {
    format!("the cliff is {}, the end {}", when(v.cliff), when(v.end))
}

async fn show(deployment: &Deployment, who: Address) -> eyre::Result<()> {
    let mut shown = 0;
    for v in &deployment.manifest.vesting {
        let vesting = StakingVesting::new(v.address, deployment.provider.clone());
        if vesting.beneficiary().call().await? != who {
            continue;
        }
        shown += 1;
        let now = session_client::provider::now(&deployment.provider).await?;
        let allocation = vesting.allocation().call().await?;
        let vested = vesting.vestedAmount(now).call().await?;
        let held = deployment.token.balanceOf(v.address).call().await?;
        println!("{} ({} vesting, {})", v.address, v.kind, v.name);
        println!("  allocation {:>28} SESH", format_sesh(allocation));
        println!("  vested now {:>28} SESH", format_sesh(vested));
        println!("  released   {:>28} SESH", format_sesh(vesting.released().call().await?));
        println!("  releasable {:>28} SESH", format_sesh(vesting.releasable().call().await?));
        println!("  held       {:>28} SESH", format_sesh(held));
        if v.kind == "staking" {
            println!("  staked     {:>28} SESH", format_sesh(vesting.stakedOut().call().await?));
        }
        println!(
            "  schedule   start {}, cliff {} ({} bps), end {}",
            when(v.start),
            when(v.cliff),
            v.cliff_share_bps,
            when(v.end)
        );
        let revoker = vesting.revoker().call().await?;
        let revoked = vesting.revokedAt().call().await?;
        match (revoker.is_zero(), revoked) {
            (true, _) => println!("  irrevocable"),
            (false, 0) => println!("  revocable by {revoker}"),
            (false, at) => println!("  revoked by {revoker} on {}", when(at)),
        }
    }
    if shown == 0 {
        println!("{who} is the beneficiary of no vesting contract of this deployment");
    }
    Ok(())
}
