//! `sesh claims`: the Token Swap Program's Merkle claims. `build` turns a CSV (`account,amount`,
//! amounts in atomic units) into the root and every account's proof, as OpenZeppelin's
//! `StandardMerkleTree` does (a JavaScript client with `@openzeppelin/merkle-tree` gets the same);
//! `claim` pays an account its claims from the deployment's distributor.

use crate::{context::GlobalArgs, display::when};
use alloy::primitives::{Address, U256};
use clap::Subcommand;
use eyre::{OptionExt, WrapErr, ensure};
use session_bindings::MerkleClaims;
use session_client::{
    merkle::{self, ClaimsFile},
    transact,
    units::format_sesh,
};
use std::path::PathBuf;

/// Claims commands.
#[derive(Debug, Clone, Subcommand)]
pub enum ClaimsCommand {
    /// Build the Merkle root and every proof from a CSV of `account,amount` (atomic units).
    Build {
        /// The claims list.
        #[arg(long)]
        csv: PathBuf,
        /// Where to write the root and the proofs (JSON); printed when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Claim what an account is owed (default: the signer), paid to that account.
    Claim {
        /// The account whose claims to pay.
        #[arg(long)]
        account: Option<Address>,
        /// The claims file (default: the one next to the deployment's manifest).
        #[arg(long)]
        claims: Option<PathBuf>,
    },
}

/// Runs a claims command.
pub async fn run(global: &GlobalArgs, command: ClaimsCommand) -> eyre::Result<()> {
    match command {
        ClaimsCommand::Build { csv, out } => {
            let rows = session_deploy::genesis::read_claims_csv(&csv).map_err(|e| eyre::eyre!(e))?;
            let file = merkle::build(&rows).ok_or_eyre("the CSV lists no claims")?;
            let total: U256 = rows.iter().map(|(_, amount)| *amount).sum();
            let json = serde_json::to_string_pretty(&file)? + "\n";
            match out {
                Some(path) => {
                    std::fs::write(&path, json).wrap_err_with(|| format!("writing {}", path.display()))?;
                    println!("wrote {} claims ({} SESH in all) to {}", rows.len(), format_sesh(total), path.display());
                }
                None => print!("{json}"),
            }
            println!("root {}", file.root);
        }
        ClaimsCommand::Claim { account, claims } => {
            let signer = global.signer()?;
            let account = account.unwrap_or(signer.address());
            let deployment = global.deployment(global.provider(Some(signer))).await?;
            let file: ClaimsFile = match claims {
                Some(path) => serde_json::from_str(&std::fs::read_to_string(&path)?)
                    .wrap_err_with(|| format!("reading the claims file {}", path.display()))?,
                None => deployment
                    .manifest
                    .claims_file
                    .clone()
                    .ok_or_eyre("the deployment has no claims file next to its manifest: pass --claims FILE")?,
            };
            let distributor =
                MerkleClaims::new(deployment.manifest.address("MerkleClaims")?, deployment.provider.clone());
            let root = distributor.MERKLE_ROOT().call().await?;
            ensure!(root == file.root, "the claims file's root {} is not the distributor's {root}", file.root);
            let deadline = distributor.DEADLINE().call().await?;
            let now = session_client::provider::now(&deployment.provider).await?;
            ensure!(now <= deadline, "claims closed on {}", when(deadline));
            let mine: Vec<_> = file.claims.iter().filter(|c| c.account == account).collect();
            ensure!(!mine.is_empty(), "{account} has no claim in the list");
            let mut paid = U256::ZERO;
            for claim in mine {
                let amount = U256::from_str_radix(&claim.amount, 10)?;
                if distributor.isClaimed(account, amount).call().await? {
                    println!("{} SESH for {account}: already claimed", format_sesh(amount));
                    continue;
                }
                ensure!(
                    merkle::verify(root, account, amount, &claim.proof),
                    "the proof of {account} does not match the root"
                );
                let held = deployment.token.balanceOf(*distributor.address()).call().await?;
                ensure!(
                    held >= amount,
                    "the distributor holds {} SESH, the claim is {}",
                    format_sesh(held),
                    format_sesh(amount)
                );
                global.confirm(&format!(
                    "claiming {} SESH for {account} (claims close on {})",
                    format_sesh(amount),
                    when(deadline)
                ))?;
                transact(distributor.claim(account, amount, claim.proof.clone()), "claiming").await?;
                paid += amount;
            }
            println!("paid {} SESH to {account}", format_sesh(paid));
        }
    }
    Ok(())
}
