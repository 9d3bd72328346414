//! A deployment that can be interrupted and resumed: every step (a contract created, a
//! configuration transaction) is written to a journal file as soon as its receipt arrives, and a
//! later run with the same journal skips what is done, reusing the addresses it recorded. A step
//! that cannot safely run twice (funding the pool, starting the registry, naming the reminter) is
//! also checked against the chain before it is sent, in case the run stopped between its receipt
//! and the journal's write.

use crate::{DeployError, Result, create::create};
use alloy::{
    contract::{CallBuilder, CallDecoder, RawCallBuilder},
    primitives::{Address, B256, keccak256},
    providers::{DynProvider, Provider},
};
use serde::{Deserialize, Serialize};
use session_client::{error::During, transact};
use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

/// What a journal is for: a resumed run must deploy the same thing to the same chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// The chain.
    pub chain_id: u64,
    /// Who sends.
    pub deployer: Address,
    /// Who owns the result.
    pub owner: Address,
    /// keccak256 of the genesis config as debug text: any change in it is another deployment.
    pub genesis: B256,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Record {
    target: Option<Target>,
    /// The chain's block when the first run began: the manifest's `block`, from which readers
    /// look for the system's events (seeded nodes included).
    #[serde(default)]
    first_block: Option<u64>,
    /// Step name -> the contract it created (`None` for a transaction).
    steps: BTreeMap<String, Option<Address>>,
    /// Contract created -> its creation transaction (explorers verify constructor arguments).
    #[serde(default)]
    creations: BTreeMap<Address, B256>,
}

/// The steps of one deployment, done and to do.
#[derive(Debug)]
pub struct Journal {
    path: Option<PathBuf>,
    record: Record,
    /// Stop (as an interruption would) once this many steps ran in this run: for drills and tests.
    pub stop_after: Option<usize>,
    ran: usize,
    /// The steps this run sent, with the gas each used (what `--dry-run` prints).
    pub spent: Vec<(String, u64)>,
}

impl Journal {
    /// A journal kept in memory only: nothing to resume from.
    pub fn in_memory() -> Self {
        Self { path: None, record: Record::default(), stop_after: None, ran: 0, spent: Vec::new() }
    }

    /// The journal at `path`, resumed if it exists.
    pub fn at(path: &Path) -> Result<Self> {
        let record = match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text)
                .map_err(|e| DeployError::Journal(format!("{} is not a deployment journal: {e}", path.display())))?,
            Err(_) => Record::default(),
        };
        Ok(Self { path: Some(path.to_path_buf()), record, stop_after: None, ran: 0, spent: Vec::new() })
    }

    /// The block at which the deployment began (its first run's), once bound.
    pub fn first_block(&self) -> Option<u64> {
        self.record.first_block
    }

    /// The transaction that created `contract`, if this deployment created it directly.
    pub fn creation_of(&self, contract: Address) -> Option<B256> {
        self.record.creations.get(&contract).copied()
    }

    /// How many steps are done (in this run and before).
    pub fn done(&self) -> usize {
        self.record.steps.len()
    }

    /// Binds the journal to `target`, at block `block` if it is new; refused if it was started
    /// for another target.
    pub fn bind(&mut self, target: Target, block: u64) -> Result<()> {
        self.record.first_block.get_or_insert(block);
        match &self.record.target {
            Some(recorded) if *recorded != target => Err(DeployError::Journal(format!(
                "the journal belongs to another deployment ({recorded:?}); remove it to start over"
            ))),
            _ => {
                self.record.target = Some(target);
                self.save()
            }
        }
    }

    /// Creates a contract unless the journal has it (its code must be there).
    pub async fn create(
        &mut self,
        provider: &DynProvider,
        builder: RawCallBuilder<DynProvider>,
        what: &str,
    ) -> Result<Address> {
        if let Some(Some(address)) = self.record.steps.get(what) {
            let code = provider.get_code_at(*address).await.during(&format!("checking {what}"))?;
            if !code.is_empty() {
                return Ok(*address);
            }
        }
        self.begin(what)?;
        let (address, receipt) = create(builder, what).await?;
        self.spent.push((what.to_string(), receipt.gas_used));
        self.record.creations.insert(address, receipt.transaction_hash);
        self.finish(what, Some(address))?;
        Ok(address)
    }

    /// Sends a configuration transaction unless the journal has it, or `already` says the chain
    /// shows it done.
    pub async fn transact<P: Provider, D: CallDecoder>(
        &mut self,
        call: CallBuilder<P, D>,
        what: &str,
        already: bool,
    ) -> Result<()> {
        if self.record.steps.contains_key(what) || already {
            return self.finish(what, None);
        }
        self.begin(what)?;
        let receipt = transact(call, what).await?;
        self.spent.push((what.to_string(), receipt.gas_used));
        self.finish(what, None)
    }

    /// The deployment is complete: the journal's file is no longer needed; what it recorded
    /// moves into `kept`, an in-memory journal.
    pub fn complete_into(self, kept: &mut Journal) -> Result<()> {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
        kept.record = self.record;
        kept.spent = self.spent;
        Ok(())
    }

    fn begin(&mut self, what: &str) -> Result<()> {
        if self.stop_after.is_some_and(|n| self.ran >= n) {
            return Err(DeployError::Interrupted { done: self.done(), next: what.to_string() });
        }
        self.ran += 1;
        Ok(())
    }

    fn finish(&mut self, what: &str, address: Option<Address>) -> Result<()> {
        self.record.steps.insert(what.to_string(), address);
        self.save()
    }

    fn save(&self) -> Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        let text = serde_json::to_string_pretty(&self.record).expect("a journal serializes");
        std::fs::write(path, text).map_err(|e| DeployError::Journal(format!("writing {}: {e}", path.display())))
    }
}

/// The genesis config's fingerprint for [`Target::genesis`].
pub fn fingerprint(genesis: &crate::GenesisConfig) -> B256 {
    keccak256(format!("{genesis:?}"))
}
