//! Follows the chain into the store: blocks up to `head - confirmations`, in chunks of at most
//! `log_range` blocks (public endpoints refuse wider `eth_getLogs`), resuming from the last
//! indexed block. Before each pass it checks that the last recorded block is still the chain's;
//! if a reorg replaced it, it walks back through the recorded hashes to the last block both
//! agree on, drops everything after and indexes again from there.

use crate::{
    events::{Source, decode},
    store::{Located, Store},
};
use alloy::{
    primitives::{Address, B256},
    providers::Provider,
    rpc::types::Filter,
};
use eyre::OptionExt;
use session_client::{Deployment, logs::logs_in_range};
use std::{collections::BTreeMap, str::FromStr, sync::Arc};

/// What a pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pass {
    /// Events indexed.
    pub events: usize,
    /// The last indexed block after the pass.
    pub indexed_to: u64,
    /// Blocks dropped by a reorg before the pass, if any: (kept up to, events dropped).
    pub reorg: Option<(u64, usize)>,
}

/// The follower of one deployment.
pub struct Follower {
    deployment: Arc<Deployment>,
    store: Arc<Store>,
    /// Blocks behind the head it stays (a reorg shallower than this never reaches the index).
    pub confirmations: u64,
    /// Most blocks per `eth_getLogs`.
    pub log_range: u64,
    statics: Vec<(Address, Source)>,
}

impl Follower {
    /// A follower of `deployment` into `store`; refuses a store of another deployment.
    pub fn new(deployment: Arc<Deployment>, store: Arc<Store>, confirmations: u64) -> eyre::Result<Self> {
        let manifest = &deployment.manifest;
        let identity = format!("{}:{}", manifest.chain_id, deployment.registry.address());
        match store.meta("deployment")? {
            Some(existing) => eyre::ensure!(
                existing == identity,
                "this index belongs to deployment {existing}, not {identity}: use another --db file"
            ),
            None => store.set_meta("deployment", &identity)?,
        }
        let mut statics = vec![
            (*deployment.registry.address(), Source::Registry),
            (*deployment.reward_pool.address(), Source::Pool),
            (*deployment.factory.address(), Source::Factory),
        ];
        if let Ok(router) = manifest.address("FeeRouter") {
            statics.push((router, Source::Router));
        }
        let log_range = deployment.log_range;
        Ok(Self { deployment, store, confirmations, log_range, statics })
    }

    async fn hash_of(&self, number: u64) -> eyre::Result<(B256, u64)> {
        let block = self
            .deployment
            .provider
            .get_block_by_number(number.into())
            .await?
            .ok_or_eyre(format!("block {number} is missing"))?;
        Ok((block.header.hash, block.header.timestamp))
    }

    /// Undoes blocks a reorg replaced; returns (kept up to, events dropped).
    async fn handle_reorg(&self) -> eyre::Result<Option<(u64, usize)>> {
        let Some(last) = self.store.last_block()? else { return Ok(None) };
        let mut probe = last;
        loop {
            let Some((number, recorded)) = self.store.recorded_at_or_below(probe)? else {
                // Nothing recorded agrees: start over from the deployment.
                let start = self.deployment.manifest.block.saturating_sub(1);
                return Ok(Some((start, self.store.rollback_to(start)?)));
            };
            let (actual, _) = self.hash_of(number).await?;
            if actual == recorded {
                if number == last {
                    return Ok(None);
                }
                return Ok(Some((number, self.store.rollback_to(number)?)));
            }
            if number == 0 {
                return Ok(Some((0, self.store.rollback_to(0)?)));
            }
            probe = number - 1;
        }
    }

    /// One pass: reorg check, then every confirmed block not yet indexed.
    pub async fn sync(&self) -> eyre::Result<Pass> {
        let reorg = self.handle_reorg().await?;
        let head = self.deployment.provider.get_block_number().await?;
        let safe = head.saturating_sub(self.confirmations);
        let mut from = match self.store.last_block()? {
            Some(last) => last + 1,
            None => self.deployment.manifest.block,
        };
        let mut pass = Pass { reorg, indexed_to: from.saturating_sub(1), ..Pass::default() };
        while from <= safe {
            let to = safe.min(from + self.log_range - 1);
            pass.events += self.chunk(from, to).await?;
            pass.indexed_to = to;
            from = to + 1;
        }
        Ok(pass)
    }

    async fn chunk(&self, from: u64, to: u64) -> eyre::Result<usize> {
        let provider = &self.deployment.provider;
        let range = self.log_range;
        let statics: Vec<Address> = self.statics.iter().map(|(a, _)| *a).collect();
        let logs = logs_in_range(provider, &Filter::new().address(statics), from, to, range, "indexing").await?;
        let mut located = Vec::new();
        for log in &logs {
            let source = self.statics.iter().find(|(a, _)| *a == log.address()).map(|(_, s)| *s);
            if let Some(event) = source.and_then(|s| decode(s, &log.inner)) {
                located.push((log.clone(), event));
            }
        }
        // Contribution contracts: those known, and those created in this chunk.
        let mut contracts: Vec<Address> = self
            .store
            .with(|c| {
                let mut s = c.prepare("SELECT address FROM contracts")?;
                let rows = s.query_map([], |r| r.get::<_, String>(0))?;
                rows.collect::<rusqlite::Result<Vec<String>>>()
            })?
            .into_iter()
            .filter_map(|a| Address::from_str(&a).ok())
            .collect();
        for (_, event) in &located {
            if let crate::events::Event::ContractCreated { contract, .. } = event {
                contracts.push(*contract);
            }
        }
        if !contracts.is_empty() {
            for batch in contracts.chunks(500) {
                let logs = logs_in_range(provider, &Filter::new().address(batch.to_vec()), from, to, range, "indexing")
                    .await?;
                for log in logs {
                    if let Some(event) = decode(Source::Contract, &log.inner) {
                        located.push((log, event));
                    }
                }
            }
        }
        located.sort_by_key(|(log, _)| (log.block_number, log.log_index));
        let mut times: BTreeMap<u64, (B256, u64)> = BTreeMap::new();
        for (log, _) in &located {
            let number = log.block_number.ok_or_eyre("a log without its block")?;
            if let std::collections::btree_map::Entry::Vacant(slot) = times.entry(number) {
                slot.insert(self.hash_of(number).await?);
            }
        }
        if let std::collections::btree_map::Entry::Vacant(slot) = times.entry(to) {
            slot.insert(self.hash_of(to).await?);
        }
        let events: Vec<Located> = located
            .into_iter()
            .map(|(log, event)| {
                let block = log.block_number.unwrap_or_default();
                Located {
                    block,
                    log_index: log.log_index.unwrap_or_default(),
                    tx: log.transaction_hash.unwrap_or_default(),
                    address: log.address(),
                    timestamp: times.get(&block).map(|(_, t)| *t).unwrap_or_default(),
                    event,
                }
            })
            .collect();
        let blocks: Vec<(u64, B256, u64)> = times.into_iter().map(|(n, (h, t))| (n, h, t)).collect();
        let count = events.len();
        self.store.commit_chunk(&blocks, &events, to)?;
        Ok(count)
    }

    /// Follows the chain, a pass every `interval`, until the future is dropped.
    pub async fn run(&self, interval: std::time::Duration) -> eyre::Result<()> {
        loop {
            if let Err(e) = self.sync().await {
                // A failed pass leaves the index as it was; the next one retries.
                eprintln!("indexer: {e}");
            }
            tokio::time::sleep(interval).await;
        }
    }
}
