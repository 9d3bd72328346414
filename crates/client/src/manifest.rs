//! `deployments/<chain-id>.json`: what was deployed where, for frontends, scripts and the CLI.

use crate::error::{Error, Result};
use alloy::primitives::Address;
use serde::{Deserialize, Serialize};
use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

/// Folder of the ABI files, relative to the manifest.
pub const ABI_DIR: &str = "abi";

/// A deployment of the system on one chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// The chain's id.
    pub chain_id: u64,
    /// The account that sent the deployment transactions.
    pub deployer: Address,
    /// The governance account of the upgradeable contracts.
    pub owner: Address,
    /// The block of the last deployment transaction.
    pub block: u64,
    /// Folder of the ABI files, relative to this manifest.
    pub abi_dir: String,
    /// Contract name -> where it lives.
    pub contracts: BTreeMap<String, DeployedContract>,
    /// The upgradeable contracts offered to `owner` by a two-step transfer at deployment, which
    /// the owner (a multisig, say) still has to accept (`acceptOwnership`); empty when the
    /// deployer is the owner. `sesh status` reads which of them are still pending on chain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awaiting_acceptance: Vec<String>,
    /// Every vesting contract the genesis distribution created (locked allocations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vesting: Vec<VestingContract>,
    /// The Token Swap Program's Merkle claims: root, deadline and the file of proofs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<ClaimsInfo>,
    /// The claims and their proofs, written to `claims.file` next to the manifest.
    #[serde(skip)]
    pub claims_file: Option<crate::merkle::ClaimsFile>,
}

/// A vesting contract of the genesis distribution, with its schedule (times in unix seconds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VestingContract {
    /// The allocation it vests (the genesis config's name).
    pub name: String,
    /// The clone's address.
    pub address: Address,
    /// "plain" or "staking".
    pub kind: String,
    /// Who receives the vested tokens (at creation; transferable).
    pub beneficiary: Address,
    /// Who may revoke the unvested part (zero: nobody).
    pub revoker: Address,
    /// Atomic SESH units, as a decimal string.
    pub allocation: String,
    /// Schedule start.
    pub start: u64,
    /// Nothing vests before the cliff.
    pub cliff: u64,
    /// Everything has vested at the end.
    pub end: u64,
    /// Share vesting at the cliff, basis points.
    pub cliff_share_bps: u16,
    /// The ABI file, relative to the manifest.
    pub abi: String,
}

/// Where a deployment's Merkle claims are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimsInfo {
    /// The distributor's root.
    pub root: alloy::primitives::B256,
    /// Claims are refused after this time (unix seconds).
    pub deadline: u64,
    /// The claims file (every account, amount and proof), relative to the manifest.
    pub file: String,
}

/// One deployed contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeployedContract {
    /// The address users call (the proxy, for upgradeable contracts).
    pub address: Address,
    /// The implementation behind the proxy, for upgradeable contracts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation: Option<Address>,
    /// The ABI file, relative to the manifest (empty for contracts that are not ours).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub abi: String,
}

impl Manifest {
    /// The address of a deployed contract by name.
    pub fn address(&self, name: &str) -> Result<Address> {
        self.contracts
            .get(name)
            .map(|c| c.address)
            .ok_or_else(|| Error::Config(format!("the manifest has no contract `{name}`")))
    }

    /// The manifest's path inside `dir`: `<dir>/<chain-id>.json`.
    pub fn path_in(&self, dir: &Path) -> PathBuf {
        dir.join(format!("{}.json", self.chain_id))
    }

    /// Writes `<dir>/<chain-id>.json` and each contract's ABI under `<dir>/abi/`.
    pub fn write(&self, dir: &Path) -> Result<PathBuf> {
        let failed = |what: String, e: &dyn std::fmt::Display| Error::Config(format!("{what}: {e}"));
        let abi_dir = dir.join(&self.abi_dir);
        fs::create_dir_all(&abi_dir).map_err(|e| failed(format!("creating {}", abi_dir.display()), &e))?;
        for (name, contract) in self.contracts.iter().filter(|(_, c)| !c.abi.is_empty()) {
            let abi = abi_of(name).ok_or_else(|| Error::Config(format!("no ABI compiled for `{name}`")))?;
            fs::write(dir.join(&contract.abi), abi).map_err(|e| failed(format!("writing the ABI of {name}"), &e))?;
        }
        if let (Some(info), Some(file)) = (&self.claims, &self.claims_file) {
            let json = serde_json::to_string_pretty(file).expect("claims serialize") + "\n";
            let path = dir.join(&info.file);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| failed(format!("creating {}", parent.display()), &e))?;
            }
            fs::write(&path, json).map_err(|e| failed(format!("writing {}", path.display()), &e))?;
        }
        let path = self.path_in(dir);
        let json = serde_json::to_string_pretty(self).expect("a manifest serializes") + "\n";
        fs::write(&path, json).map_err(|e| failed(format!("writing {}", path.display()), &e))?;
        Ok(path)
    }

    /// Reads a manifest file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = fs::read_to_string(path)
            .map_err(|e| Error::Config(format!("reading the manifest {}: {e}", path.display())))?;
        let mut manifest: Self = serde_json::from_str(&text)
            .map_err(|e| Error::Config(format!("parsing the manifest {}: {e}", path.display())))?;
        if let Some(info) = &manifest.claims {
            // The proofs, when their file is next to the manifest (frontends may serve it apart).
            let file = path.parent().unwrap_or(Path::new(".")).join(&info.file);
            if let Ok(text) = fs::read_to_string(&file) {
                let claims = serde_json::from_str(&text)
                    .map_err(|e| Error::Config(format!("parsing the claims file {}: {e}", file.display())))?;
                manifest.claims_file = Some(claims);
            }
        }
        Ok(manifest)
    }
}

/// The compiled ABI (JSON) of a contract of `contracts/src`.
pub fn abi_of(name: &str) -> Option<&'static str> {
    session_bindings::ABIS.iter().find(|(n, _)| *n == name).map(|(_, abi)| *abi)
}

/// The manifest entry of a contract named `name`.
pub fn entry(name: &str, address: Address, implementation: Option<Address>) -> (String, DeployedContract) {
    (name.to_string(), DeployedContract { address, implementation, abi: format!("{ABI_DIR}/{name}.json") })
}

/// The manifest entry of a contract that is not ours (no ABI file is published for it).
pub fn external(name: &str, address: Address) -> (String, DeployedContract) {
    (name.to_string(), DeployedContract { address, implementation: None, abi: String::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_back_with_abi_files() {
        let dir = std::env::temp_dir().join(format!("session-manifest-{}", std::process::id()));
        let manifest = Manifest {
            chain_id: 31337,
            deployer: Address::repeat_byte(1),
            owner: Address::repeat_byte(2),
            block: 7,
            abi_dir: ABI_DIR.into(),
            contracts: [entry("SessionToken", Address::repeat_byte(3), None)].into_iter().collect(),
            awaiting_acceptance: vec![],
            vesting: vec![],
            claims: None,
            claims_file: None,
        };
        let path = manifest.write(&dir).unwrap();
        assert_eq!(path, dir.join("31337.json"));
        assert_eq!(Manifest::load(&path).unwrap(), manifest);
        let abi: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(dir.join("abi/SessionToken.json")).unwrap()).unwrap();
        assert!(abi.as_array().unwrap().iter().any(|item| item["name"] == "remint"));
        fs::remove_dir_all(dir).unwrap();
    }
}
