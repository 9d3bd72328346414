//! `sesh keys generate`: a new node's keys (BLS for consensus, Ed25519 for its identity).

use clap::{Args, Subcommand};
use eyre::WrapErr;
use serde::Serialize;
use session_network::NodeKeys;
use std::path::PathBuf;

/// Key management commands.
#[derive(Debug, Clone, Subcommand)]
pub enum KeysCommand {
    /// Generate a node's BLS and Ed25519 keys from a fresh random seed (or a given one).
    Generate(GenerateArgs),
}

/// Options of `sesh keys generate`.
#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// Write the keys (secret included) to this JSON file instead of printing them.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Derive from this 32-byte hex seed instead of a random one (reproducible keys).
    #[arg(long)]
    pub seed: Option<String>,
}

/// A node's key file.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct KeyFile {
    /// The seed both keys derive from (secret).
    pub seed: String,
    /// BLS public key, EIP-2537 encoding (128 bytes), as registered on-chain.
    pub bls_public_key: String,
    /// Ed25519 public key (32 bytes), as registered on-chain.
    pub ed25519_public_key: String,
}

impl KeyFile {
    /// The keys this file describes.
    pub fn keys(&self) -> eyre::Result<NodeKeys> {
        Ok(NodeKeys::from_seed(&parse_seed(&self.seed)?))
    }
}

fn parse_seed(text: &str) -> eyre::Result<[u8; 32]> {
    let bytes = hex::decode(text.trim().trim_start_matches("0x")).wrap_err("the seed is not hex")?;
    bytes.try_into().map_err(|b: Vec<u8>| eyre::eyre!("the seed is {} bytes, expected 32", b.len()))
}

/// Runs a keys command.
pub fn run(command: KeysCommand) -> eyre::Result<()> {
    match command {
        KeysCommand::Generate(args) => {
            let seed = match args.seed {
                Some(seed) => parse_seed(&seed)?,
                None => {
                    let mut seed = [0u8; 32];
                    getrandom::fill(&mut seed).map_err(|e| eyre::eyre!("no system randomness: {e}"))?;
                    seed
                }
            };
            let file = generate(&seed);
            let json = serde_json::to_string_pretty(&file)?;
            match args.out {
                Some(path) => {
                    std::fs::write(&path, json + "\n").wrap_err_with(|| format!("writing {}", path.display()))?;
                    println!("keys written to {} (keep it secret: it holds the seed)", path.display());
                    println!("BLS public key:     0x{}", file.bls_public_key);
                    println!("Ed25519 public key: 0x{}", file.ed25519_public_key);
                }
                None => println!("{json}"),
            }
            Ok(())
        }
    }
}

/// The key file of `seed`.
pub fn generate(seed: &[u8; 32]) -> KeyFile {
    let keys = NodeKeys::from_seed(seed);
    KeyFile {
        seed: hex::encode(seed),
        bls_public_key: hex::encode(keys.bls_public().to_eip2537()),
        ed25519_public_key: hex::encode(keys.ed25519_public()),
    }
}
