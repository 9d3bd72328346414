//! `sesh keys generate`: a new node's keys (BLS for consensus, Ed25519 for its identity), written
//! to a file only its owner can read; and the key file every other command reads, checked.

use clap::{Args, Subcommand};
use eyre::WrapErr;
use serde::Serialize;
use session_keys::NodeKeys;
use std::{io::Write, path::Path, path::PathBuf};

/// Key management commands.
#[derive(Debug, Clone, Subcommand)]
pub enum KeysCommand {
    /// Generate a node's BLS and Ed25519 keys from a fresh random seed (or a given one) into a key
    /// file readable by its owner only; prints the public keys.
    Generate(GenerateArgs),
    /// Write a node's public registration data for an operator: the public keys and the proof of
    /// possession binding them to `--operator` on this deployment (what the portal's operator
    /// view loads; no secret leaves the key file).
    Registration(RegistrationArgs),
}

/// Options of `sesh keys registration`.
#[derive(Debug, Clone, Args)]
pub struct RegistrationArgs {
    /// Key file from `sesh keys generate`.
    #[arg(long)]
    pub keys: PathBuf,
    /// The operator's address the proof binds (whoever sends the registration or opens the
    /// contribution contract).
    #[arg(long)]
    pub operator: alloy::primitives::Address,
    /// Where to write the JSON (printed when absent).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// A node's public registration data for one operator and deployment.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    /// BLS public key, EIP-2537 encoding (128 bytes).
    pub bls_public_key: String,
    /// Ed25519 public key (32 bytes).
    pub ed25519_public_key: String,
    /// The proof of possession for `operator` (256-byte EIP-2537 G2 point).
    pub proof_of_possession: String,
    /// The operator it binds.
    pub operator: alloy::primitives::Address,
    /// The chain and consensus registry it is for.
    pub chain_id: u64,
    /// The consensus registry whose domain the proof signs.
    pub consensus_registry: alloy::primitives::Address,
}

/// The registration data of `keys` for `operator` on the deployment of `domain`.
pub fn registration(
    keys: &session_keys::NodeKeys,
    operator: alloy::primitives::Address,
    domain: &session_bls::messages::Domain,
) -> Registration {
    Registration {
        bls_public_key: alloy::hex::encode_prefixed(keys.bls_public().to_eip2537()),
        ed25519_public_key: alloy::hex::encode_prefixed(keys.ed25519_public()),
        proof_of_possession: alloy::hex::encode_prefixed(keys.proof_of_possession(domain, &operator.0.0).to_eip2537()),
        operator,
        chain_id: domain.chain_id,
        consensus_registry: alloy::primitives::Address::from(domain.contract),
    }
}

/// Options of `sesh keys generate`.
#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// The key file to write (mode 0600). It holds the secret seed: keep it, back it up.
    #[arg(long, required_unless_present = "print_secret")]
    pub out: Option<PathBuf>,
    /// Replace an existing key file (its keys are lost unless backed up).
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Print the key file, secret seed included, to standard output instead of writing a file.
    #[arg(long, conflicts_with = "out")]
    pub print_secret: bool,
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
    /// Reads a key file and checks that its public keys are the seed's: a file edited by hand (or
    /// damaged) would otherwise register keys other than the ones it shows.
    pub fn load(path: &Path) -> eyre::Result<Self> {
        let text = std::fs::read_to_string(path).wrap_err_with(|| format!("reading {}", path.display()))?;
        let file: Self = serde_json::from_str(&text)
            .wrap_err_with(|| format!("{} is not a key file of `sesh keys generate`", path.display()))?;
        file.keys().wrap_err_with(|| format!("checking the key file {}", path.display()))?;
        Ok(file)
    }

    /// The keys this file describes, once its public keys are checked against its seed.
    pub fn keys(&self) -> eyre::Result<NodeKeys> {
        let keys = NodeKeys::from_seed(&parse_seed(&self.seed)?);
        let expected = generate(&parse_seed(&self.seed)?);
        let same = |a: &str, b: &str| a.trim_start_matches("0x").eq_ignore_ascii_case(b);
        eyre::ensure!(
            same(&self.bls_public_key, &expected.bls_public_key)
                && same(&self.ed25519_public_key, &expected.ed25519_public_key),
            "its public keys are not the ones its seed derives: refusing to use it"
        );
        Ok(keys)
    }
}

fn parse_seed(text: &str) -> eyre::Result<[u8; 32]> {
    let bytes = hex::decode(text.trim().trim_start_matches("0x")).wrap_err("the seed is not hex")?;
    bytes.try_into().map_err(|b: Vec<u8>| eyre::eyre!("the seed is {} bytes, expected 32", b.len()))
}

/// Runs a keys command.
pub async fn run(global: &crate::context::GlobalArgs, command: KeysCommand) -> eyre::Result<()> {
    match command {
        KeysCommand::Registration(args) => {
            let deployment = global.deployment(global.provider(None)).await?;
            let keys = KeyFile::load(&args.keys)?.keys()?;
            let data = registration(&keys, args.operator, &deployment.consensus_domain());
            let json = serde_json::to_string_pretty(&data)? + "\n";
            match args.out {
                Some(path) => {
                    std::fs::write(&path, json)?;
                    println!(
                        "registration data for operator {} written to {} (public: no secret in it)",
                        args.operator,
                        path.display()
                    );
                }
                None => print!("{json}"),
            }
            Ok(())
        }
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
            let json = serde_json::to_string_pretty(&file)? + "\n";
            match args.out {
                Some(path) => {
                    write_secret(&path, &json, args.force)?;
                    println!(
                        "keys written to {} (readable by you only; back it up: it holds the seed)",
                        path.display()
                    );
                    println!("BLS public key:     0x{}", file.bls_public_key);
                    println!("Ed25519 public key: 0x{}", file.ed25519_public_key);
                }
                None => print!("{json}"),
            }
            Ok(())
        }
    }
}

/// Writes `contents` to a new file readable and writable by its owner only; an existing file is
/// replaced only with `force`.
fn write_secret(path: &Path, contents: &str, force: bool) -> eyre::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            eyre::eyre!("{} exists: refusing to overwrite a key file (pass --force to replace it)", path.display())
        }
        _ => eyre::eyre!("writing {}: {e}", path.display()),
    })?;
    // A replaced file keeps its old mode: make it private too.
    #[cfg(unix)]
    std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    file.write_all(contents.as_bytes()).wrap_err_with(|| format!("writing {}", path.display()))
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
