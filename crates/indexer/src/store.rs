//! The SQLite file: migrations, WAL, the event log and the tables derived from it.

use crate::{
    events::Event,
    schema::{DERIVED, MIGRATIONS},
};
use alloy::primitives::{Address, B256, U256};
use eyre::{WrapErr, ensure};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::{path::Path, str::FromStr, sync::Mutex};

/// One event with where it happened.
#[derive(Debug, Clone)]
pub struct Located {
    /// Block number.
    pub block: u64,
    /// Position in the block.
    pub log_index: u64,
    /// Transaction hash.
    pub tx: B256,
    /// Emitting contract.
    pub address: Address,
    /// Block time.
    pub timestamp: u64,
    /// The event.
    pub event: Event,
}

/// The database. One connection behind a lock: the follower writes, the API reads, each briefly.
pub struct Store {
    conn: Mutex<Connection>,
}

fn amount(text: &str) -> U256 {
    U256::from_str(text).unwrap_or_default()
}

impl Store {
    /// Opens (or creates) the database at `path`, in WAL mode, migrated to the latest schema.
    pub fn open(path: &Path) -> eyre::Result<Self> {
        let conn = Connection::open(path).wrap_err_with(|| format!("opening the index {}", path.display()))?;
        Self::init(conn)
    }

    /// An in-memory database (tests).
    pub fn in_memory() -> eyre::Result<Self> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> eyre::Result<Self> {
        // WAL: readers (the API) never block the writer (the follower), and a crash mid-write
        // leaves the last committed state.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let version: usize = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        ensure!(version <= MIGRATIONS.len(), "the index was written by a newer version (schema {version})");
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = conn.transaction()?;
            tx.execute_batch(migration).wrap_err_with(|| format!("migration {}", index + 1))?;
            tx.pragma_update(None, "user_version", index + 1)?;
            tx.commit()?;
        }
        Ok(Self { conn: Mutex::new(conn) })
    }

    /// Runs `f` with the connection.
    pub fn with<T>(&self, f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>) -> eyre::Result<T> {
        let mut conn = self.conn.lock().map_err(|_| eyre::eyre!("the index lock is poisoned"))?;
        Ok(f(&mut conn)?)
    }

    /// A value of the `meta` table.
    pub fn meta(&self, key: &str) -> eyre::Result<Option<String>> {
        self.with(|c| c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional())
    }

    /// Sets a value of the `meta` table.
    pub fn set_meta(&self, key: &str, value: &str) -> eyre::Result<()> {
        self.with(|c| c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", [key, value]).map(|_| ()))
    }

    /// The last block whose events are all indexed.
    pub fn last_block(&self) -> eyre::Result<Option<u64>> {
        Ok(self.meta("last_block")?.and_then(|v| v.parse().ok()))
    }

    /// The hash recorded for block `number`.
    pub fn block_hash(&self, number: u64) -> eyre::Result<Option<B256>> {
        let hash: Option<String> = self.with(|c| {
            c.query_row("SELECT hash FROM blocks WHERE number = ?1", [number as i64], |r| r.get(0)).optional()
        })?;
        Ok(hash.and_then(|h| B256::from_str(&h).ok()))
    }

    /// The newest recorded block at or below `number`.
    pub fn recorded_at_or_below(&self, number: u64) -> eyre::Result<Option<(u64, B256)>> {
        let row: Option<(i64, String)> = self.with(|c| {
            c.query_row(
                "SELECT number, hash FROM blocks WHERE number <= ?1 ORDER BY number DESC LIMIT 1",
                [number as i64],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
        })?;
        Ok(row.and_then(|(n, h)| Some((n as u64, B256::from_str(&h).ok()?))))
    }

    /// Commits a chunk: its blocks (number, hash, time), its events in chain order, and the new
    /// last block, in one transaction.
    pub fn commit_chunk(&self, blocks: &[(u64, B256, u64)], events: &[Located], last_block: u64) -> eyre::Result<()> {
        self.with(|c| {
            let tx = c.transaction()?;
            for (number, hash, timestamp) in blocks {
                tx.execute(
                    "INSERT OR REPLACE INTO blocks (number, hash, timestamp) VALUES (?1, ?2, ?3)",
                    params![*number as i64, hash.to_string(), *timestamp as i64],
                )?;
            }
            for e in events {
                tx.execute(
                    "INSERT INTO events (block, log_index, tx, address, kind, data, timestamp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        e.block as i64,
                        e.log_index as i64,
                        e.tx.to_string(),
                        e.address.to_string(),
                        e.event.kind(),
                        serde_json::to_string(&e.event).expect("events serialize"),
                        e.timestamp as i64
                    ],
                )?;
                apply(&tx, e)?;
            }
            tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_block', ?1)", [last_block.to_string()])?;
            // Old block hashes are only needed near the head; keep the blocks that have events.
            tx.execute(
                "DELETE FROM blocks WHERE number < ?1 AND number NOT IN (SELECT DISTINCT block FROM events)",
                [last_block.saturating_sub(1_000) as i64],
            )?;
            tx.commit()
        })
    }

    /// Forgets everything after block `keep` (a reorg replaced those blocks) and rebuilds the
    /// derived tables from the events that remain.
    pub fn rollback_to(&self, keep: u64) -> eyre::Result<usize> {
        self.with(|c| {
            let tx = c.transaction()?;
            let removed = tx.execute("DELETE FROM events WHERE block > ?1", [keep as i64])?;
            tx.execute("DELETE FROM blocks WHERE number > ?1", [keep as i64])?;
            for table in DERIVED {
                tx.execute(&format!("DELETE FROM {table}"), [])?;
            }
            let events: Vec<Located> = {
                let mut statement = tx.prepare(
                    "SELECT block, log_index, tx, address, data, timestamp FROM events ORDER BY block, log_index",
                )?;
                let rows = statement.query_map([], |r| {
                    let (data, tx_hash, address): (String, String, String) = (r.get(4)?, r.get(2)?, r.get(3)?);
                    Ok(Located {
                        block: r.get::<_, i64>(0)? as u64,
                        log_index: r.get::<_, i64>(1)? as u64,
                        tx: B256::from_str(&tx_hash).unwrap_or_default(),
                        address: Address::from_str(&address).unwrap_or_default(),
                        timestamp: r.get::<_, i64>(5)? as u64,
                        event: serde_json::from_str(&data).map_err(|e| {
                            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
                        })?,
                    })
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for e in &events {
                apply(&tx, e)?;
            }
            tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_block', ?1)", [keep.to_string()])?;
            tx.commit()?;
            Ok(removed)
        })
    }
}

fn add(
    tx: &Transaction,
    sql_get: &str,
    sql_set: &str,
    key: (&dyn rusqlite::ToSql, &dyn rusqlite::ToSql),
    delta: U256,
    plus: bool,
) -> rusqlite::Result<()> {
    let current: Option<String> = tx.query_row(sql_get, [key.0, key.1], |r| r.get(0)).optional()?;
    let current = current.map(|c| amount(&c)).unwrap_or_default();
    let next = if plus { current + delta } else { current.saturating_sub(delta) };
    tx.execute(sql_set, [&next.to_string() as &dyn rusqlite::ToSql, key.0, key.1])?;
    Ok(())
}

/// Adds `delta` to (or takes it from) what a contribution contract holds for `staker` in `table`
/// (`contributions` or `refunds`, keyed by contract and staker); a row that reaches 0 goes.
fn owed(tx: &Transaction, table: &str, contract: &str, staker: &str, delta: U256, plus: bool) -> rusqlite::Result<()> {
    tx.execute(
        &format!("INSERT OR IGNORE INTO {table} (contract, staker, amount) VALUES (?1, ?2, '0')"),
        params![contract, staker],
    )?;
    add(
        tx,
        &format!("SELECT amount FROM {table} WHERE contract = ?1 AND staker = ?2"),
        &format!("UPDATE {table} SET amount = ?1 WHERE contract = ?2 AND staker = ?3"),
        (&contract, &staker),
        delta,
        plus,
    )?;
    tx.execute(
        &format!("DELETE FROM {table} WHERE contract = ?1 AND staker = ?2 AND amount = '0'"),
        params![contract, staker],
    )?;
    Ok(())
}

/// Applies one event to the derived tables.
fn apply(tx: &Transaction, e: &Located) -> rusqlite::Result<()> {
    let (block, ts) = (e.block as i64, e.timestamp as i64);
    let a = |address: &Address| address.to_string();
    match &e.event {
        Event::NodeRegistered { node_id, operator, ed25519, fee_bps, deposit, registered_at } => {
            tx.execute(
                "INSERT OR REPLACE INTO nodes (id, operator, ed25519, fee_bps, deposit, registered_at, registered_block, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'active')",
                params![*node_id as i64, a(operator), ed25519, fee_bps, deposit, *registered_at as i64, block],
            )?;
        }
        Event::NodeRegisteredByContract { node_id, contract } => {
            tx.execute("UPDATE nodes SET contract = ?2 WHERE id = ?1", params![*node_id as i64, a(contract)])?;
        }
        Event::ContributorAdded { node_id, staker, beneficiary, stake } => {
            let beneficiary = if beneficiary.is_zero() { staker } else { beneficiary };
            tx.execute(
                "INSERT OR REPLACE INTO positions (node_id, staker, beneficiary, stake, rewards_paid) VALUES (?1, ?2, ?3, ?4, '0')",
                params![*node_id as i64, a(staker), a(beneficiary), stake],
            )?;
        }
        Event::RewardsClaimed { node_id, staker, amount: paid } => {
            let id = *node_id as i64;
            let staker = a(staker);
            add(
                tx,
                "SELECT rewards_paid FROM positions WHERE node_id = ?1 AND staker = ?2",
                "UPDATE positions SET rewards_paid = ?1 WHERE node_id = ?2 AND staker = ?3",
                (&id, &staker),
                amount(paid),
                true,
            )?;
        }
        Event::BeneficiaryUpdated { node_id, staker, beneficiary } => {
            tx.execute(
                "UPDATE positions SET beneficiary = ?3 WHERE node_id = ?1 AND staker = ?2",
                params![*node_id as i64, a(staker), a(beneficiary)],
            )?;
        }
        Event::ExitRequested { node_id, first, unlock } => {
            tx.execute(
                "UPDATE nodes SET exit_requested_at = ?2, exit_unlock = ?3 WHERE id = ?1",
                params![*node_id as i64, *first as i64, *unlock as i64],
            )?;
        }
        Event::NodeExited { node_id, earned } => {
            tx.execute(
                "UPDATE nodes SET status = 'exited', ended_at = ?2, earned = ?3 WHERE id = ?1",
                params![*node_id as i64, ts, earned],
            )?;
        }
        Event::NodeLiquidated { node_id, liquidator, liquidator_amount, pool_amount, returned_amount, earned } => {
            tx.execute(
                "UPDATE nodes SET status = 'liquidated', ended_at = ?2, earned = ?3, liquidator = ?4, liquidator_amount = ?5,
                 pool_amount = ?6, returned_amount = ?7 WHERE id = ?1",
                params![*node_id as i64, ts, earned, a(liquidator), liquidator_amount, pool_amount, returned_amount],
            )?;
        }
        Event::StakeWithdrawn { node_id, staker, amount: withdrawn } => {
            tx.execute(
                "UPDATE positions SET withdrawn = ?3 WHERE node_id = ?1 AND staker = ?2",
                params![*node_id as i64, a(staker), withdrawn],
            )?;
        }
        Event::NodeDecommissioned { node_id } => {
            tx.execute("UPDATE nodes SET status = 'decommissioned' WHERE id = ?1", [*node_id as i64])?;
        }
        Event::NodeRecommissioned { node_id } => {
            tx.execute("UPDATE nodes SET status = 'active' WHERE id = ?1", [*node_id as i64])?;
        }
        Event::RewardsDistributed { amount: total, per_node, earning_nodes } => {
            tx.execute(
                "INSERT INTO distributions (block, timestamp, amount, per_node, earning_nodes) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![block, ts, total, per_node, *earning_nodes as i64],
            )?;
        }
        Event::Released { amount: released, balance_after } => {
            tx.execute(
                "INSERT INTO releases (block, timestamp, amount, balance_after) VALUES (?1, ?2, ?3, ?4)",
                params![block, ts, released, balance_after],
            )?;
        }
        Event::FeesRouted { amount: paid, to_pool, to_liquidity } => {
            tx.execute(
                "INSERT INTO fees (block, timestamp, amount, to_pool, to_liquidity) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![block, ts, paid, to_pool, to_liquidity],
            )?;
        }
        Event::ContractCreated { contract, operator, requirement, fee_bps, auto_finalize } => {
            tx.execute(
                "INSERT OR REPLACE INTO contracts (address, operator, requirement, fee_bps, auto_finalize, created_at, status, contributed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', '0')",
                params![a(contract), a(operator), requirement, fee_bps, *auto_finalize as i64, ts],
            )?;
        }
        Event::Contributed { contract, staker, amount: deposit, total } => {
            // `total` is the depositor's own total in the contract; the contract's grows by the
            // deposit.
            let (contract, staker) = (a(contract), a(staker));
            tx.execute(
                "INSERT INTO contributions (contract, staker, amount) VALUES (?1, ?2, ?3)
                 ON CONFLICT (contract, staker) DO UPDATE SET amount = excluded.amount",
                params![contract, staker, total],
            )?;
            let current: Option<String> = tx
                .query_row("SELECT contributed FROM contracts WHERE address = ?1", [&contract], |r| r.get(0))
                .optional()?;
            let next = current.map(|c| amount(&c)).unwrap_or_default() + amount(deposit);
            tx.execute(
                "UPDATE contracts SET contributed = ?2 WHERE address = ?1",
                params![contract, next.to_string()],
            )?;
        }
        Event::Withdrawn { contract, staker, amount: out } => {
            let (contract, staker) = (a(contract), a(staker));
            owed(tx, "contributions", &contract, &staker, amount(out), false)?;
            let current: Option<String> = tx
                .query_row("SELECT contributed FROM contracts WHERE address = ?1", [&contract], |r| r.get(0))
                .optional()?;
            let next = current.map(|c| amount(&c)).unwrap_or_default().saturating_sub(amount(out));
            tx.execute(
                "UPDATE contracts SET contributed = ?2 WHERE address = ?1",
                params![contract, next.to_string()],
            )?;
        }
        Event::Finalized { contract, node_id } => {
            tx.execute(
                "UPDATE contracts SET status = 'finalized', node_id = ?2 WHERE address = ?1",
                params![a(contract), *node_id as i64],
            )?;
            // The registry names no contributor of a contract's node (NodeRegisteredByContract):
            // its positions are the contract's deposits, all in by now (the contract emits this
            // after the registry's events and its own Contributed).
            tx.execute(
                "INSERT OR REPLACE INTO positions (node_id, staker, beneficiary, stake, rewards_paid)
                 SELECT ?1, staker, COALESCE(beneficiary, staker), amount, '0' FROM contributions WHERE contract = ?2",
                params![*node_id as i64, a(contract)],
            )?;
        }
        Event::DepositBeneficiaryUpdated { contract, staker, beneficiary } => {
            tx.execute(
                "UPDATE contributions SET beneficiary = ?3 WHERE contract = ?1 AND staker = ?2",
                params![a(contract), a(staker), a(beneficiary)],
            )?;
        }
        Event::Reset { contract } => {
            // The stakes become refunds to claim; the contract takes deposits again.
            tx.execute(
                "UPDATE contracts SET status = 'open', contributed = '0', node_id = NULL WHERE address = ?1",
                [a(contract)],
            )?;
            tx.execute("DELETE FROM contributions WHERE contract = ?1", [a(contract)])?;
        }
        Event::RefundCredited { contract, staker, amount: credited } => {
            owed(tx, "refunds", &a(contract), &a(staker), amount(credited), true)?;
        }
        Event::RefundClaimed { contract, staker, amount: paid } => {
            owed(tx, "refunds", &a(contract), &a(staker), amount(paid), false)?;
        }
        Event::Cancelled { contract } => {
            tx.execute("UPDATE contracts SET status = 'cancelled' WHERE address = ?1", [a(contract)])?;
        }
        Event::FeeUpdated { contract, fee_bps } => {
            tx.execute("UPDATE contracts SET fee_bps = ?2 WHERE address = ?1", params![a(contract), fee_bps])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(block: u64, event: Event) -> Located {
        Located { block, log_index: 0, tx: B256::ZERO, address: Address::ZERO, timestamp: 1_000 + block, event }
    }

    fn registered(id: u64) -> Event {
        Event::NodeRegistered {
            node_id: id,
            operator: Address::repeat_byte(1),
            ed25519: B256::repeat_byte(id as u8).to_string(),
            fee_bps: 0,
            deposit: "25000000000000".into(),
            registered_at: 1,
        }
    }

    #[test]
    fn migrations_run_once_and_the_schema_version_is_recorded() {
        let path = std::env::temp_dir().join(format!("index-{}.sqlite", std::process::id()));
        let _ = std::fs::remove_file(&path);
        Store::open(&path).unwrap().set_meta("x", "1").unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(store.meta("x").unwrap().as_deref(), Some("1"), "reopening keeps the data");
        let mode: String = store.with(|c| c.pragma_query_value(None, "journal_mode", |r| r.get(0))).unwrap();
        assert_eq!(mode, "wal");
        let version: usize = store.with(|c| c.pragma_query_value(None, "user_version", |r| r.get(0))).unwrap();
        assert_eq!(version, MIGRATIONS.len());
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_finalized_contracts_deposits_become_its_nodes_positions() {
        let store = Store::in_memory().unwrap();
        let (contract, operator, alice) =
            (Address::repeat_byte(0xc), Address::repeat_byte(0x0), Address::repeat_byte(0xa));
        let wallet = Address::repeat_byte(0xee);
        let deposit = |who, amount: &str, total: &str| Event::Contributed {
            contract,
            staker: who,
            amount: amount.into(),
            total: total.into(),
        };
        let events = [
            at(1, deposit(operator, "6250", "6250")),
            at(1, deposit(alice, "1000", "1000")),
            at(1, Event::DepositBeneficiaryUpdated { contract, staker: alice, beneficiary: wallet }),
            at(2, deposit(alice, "17750", "18750")),
            at(2, registered(9)),
            at(2, Event::NodeRegisteredByContract { node_id: 9, contract }),
            at(2, Event::Finalized { contract, node_id: 9 }),
        ];
        let events: Vec<Located> =
            events.into_iter().enumerate().map(|(i, e)| Located { log_index: i as u64, ..e }).collect();
        store.commit_chunk(&[(2, B256::repeat_byte(2), 1_002)], &events, 2).unwrap();
        let positions: Vec<(String, String, String)> = store
            .with(|c| {
                let mut s =
                    c.prepare("SELECT staker, beneficiary, stake FROM positions WHERE node_id = 9 ORDER BY stake")?;
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect()
            })
            .unwrap();
        assert_eq!(
            positions,
            vec![
                (alice.to_string(), wallet.to_string(), "18750".to_string()),
                (operator.to_string(), operator.to_string(), "6250".to_string()),
            ],
            "each depositor's total, its beneficiary kept across a top-up"
        );
    }

    #[test]
    fn a_reset_turns_deposits_into_refunds_until_each_is_claimed() {
        let store = Store::in_memory().unwrap();
        let (contract, alice, bob) = (Address::repeat_byte(0xc), Address::repeat_byte(0xa), Address::repeat_byte(0xb));
        let deposit = |who, amount: &str| Event::Contributed {
            contract,
            staker: who,
            amount: amount.into(),
            total: amount.into(),
        };
        let credit = |who, amount: &str| Event::RefundCredited { contract, staker: who, amount: amount.into() };
        let events = [
            at(1, deposit(alice, "700")),
            at(1, deposit(bob, "300")),
            at(2, Event::Reset { contract }),
            at(2, credit(alice, "700")),
            at(2, credit(bob, "300")),
            at(3, Event::RefundClaimed { contract, staker: bob, amount: "300".into() }),
        ];
        let events: Vec<Located> =
            events.into_iter().enumerate().map(|(i, e)| Located { log_index: i as u64, ..e }).collect();
        store.commit_chunk(&[(3, B256::repeat_byte(3), 1_003)], &events, 3).unwrap();
        let refunds: Vec<(String, String)> = store
            .with(|c| {
                let mut s = c.prepare("SELECT staker, amount FROM refunds ORDER BY staker")?;
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect()
            })
            .unwrap();
        assert_eq!(refunds, vec![(alice.to_string(), "700".to_string())], "bob claimed his; alice's is owed");
        let deposits: i64 =
            store.with(|c| c.query_row("SELECT COUNT(*) FROM contributions", [], |r| r.get(0))).unwrap();
        assert_eq!(deposits, 0, "a reset leaves no deposit");
    }

    #[test]
    fn a_rollback_forgets_later_blocks_and_rebuilds_the_state() {
        let store = Store::in_memory().unwrap();
        store.commit_chunk(&[(1, B256::repeat_byte(1), 1_001)], &[at(1, registered(1))], 1).unwrap();
        let exited = at(2, Event::NodeExited { node_id: 1, earned: "5".into() });
        store
            .commit_chunk(
                &[(2, B256::repeat_byte(2), 1_002)],
                &[at(2, registered(2)), Located { log_index: 1, ..exited }],
                2,
            )
            .unwrap();
        let count = |sql: &str| store.with(|c| c.query_row(sql, [], |r| r.get::<_, i64>(0))).unwrap();
        assert_eq!(count("SELECT COUNT(*) FROM nodes"), 2);
        assert_eq!(count("SELECT COUNT(*) FROM nodes WHERE status = 'exited'"), 1);
        assert_eq!(store.rollback_to(1).unwrap(), 2);
        assert_eq!(count("SELECT COUNT(*) FROM nodes"), 1);
        assert_eq!(
            count("SELECT COUNT(*) FROM nodes WHERE status = 'active'"),
            1,
            "node 1's exit was in the dropped block"
        );
        assert_eq!(store.last_block().unwrap(), Some(1));
        assert!(store.block_hash(2).unwrap().is_none());
    }
}
