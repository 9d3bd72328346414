//! The database's tables, as numbered migrations applied in order (SQLite's `user_version`
//! records how many ran). A migration is never edited once released: the next change is a new
//! one.
//!
//! `events` is the source of truth: every decoded log of the deployment, in chain order. The
//! other tables are derived from it by [`crate::store::Store::apply`]; after a reorg the events of
//! the abandoned blocks are deleted and the derived tables rebuilt from the rest.

/// Migrations; index `i` moves the database from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Blocks read: hash and time, to notice a reorg and date events.
CREATE TABLE blocks (number INTEGER PRIMARY KEY, hash TEXT NOT NULL, timestamp INTEGER NOT NULL);
CREATE TABLE events (
    block INTEGER NOT NULL, log_index INTEGER NOT NULL, tx TEXT NOT NULL, address TEXT NOT NULL,
    kind TEXT NOT NULL, data TEXT NOT NULL, timestamp INTEGER NOT NULL,
    PRIMARY KEY (block, log_index)
);
CREATE TABLE nodes (
    id INTEGER PRIMARY KEY, operator TEXT NOT NULL, contract TEXT, ed25519 TEXT NOT NULL,
    fee_bps INTEGER NOT NULL, deposit TEXT NOT NULL, registered_at INTEGER NOT NULL,
    registered_block INTEGER NOT NULL, status TEXT NOT NULL,
    exit_requested_at INTEGER, exit_unlock INTEGER, ended_at INTEGER, earned TEXT,
    liquidator TEXT, liquidator_amount TEXT, pool_amount TEXT, returned_amount TEXT
);
CREATE INDEX nodes_operator ON nodes (operator);
CREATE INDEX nodes_status ON nodes (status);
CREATE TABLE positions (
    node_id INTEGER NOT NULL, staker TEXT NOT NULL, beneficiary TEXT NOT NULL, stake TEXT NOT NULL,
    rewards_paid TEXT NOT NULL, withdrawn TEXT,
    PRIMARY KEY (node_id, staker)
);
CREATE INDEX positions_staker ON positions (staker);
CREATE INDEX positions_beneficiary ON positions (beneficiary);
CREATE TABLE contracts (
    address TEXT PRIMARY KEY, operator TEXT NOT NULL, requirement TEXT NOT NULL, fee_bps INTEGER NOT NULL,
    auto_finalize INTEGER NOT NULL, created_at INTEGER NOT NULL, status TEXT NOT NULL, node_id INTEGER,
    contributed TEXT NOT NULL
);
CREATE TABLE contributions (
    contract TEXT NOT NULL, staker TEXT NOT NULL, amount TEXT NOT NULL, PRIMARY KEY (contract, staker)
);
CREATE INDEX contributions_staker ON contributions (staker);
CREATE TABLE releases (block INTEGER NOT NULL, timestamp INTEGER NOT NULL, amount TEXT NOT NULL, balance_after TEXT NOT NULL);
CREATE TABLE distributions (
    block INTEGER NOT NULL, timestamp INTEGER NOT NULL, amount TEXT NOT NULL, per_node TEXT NOT NULL,
    earning_nodes INTEGER NOT NULL
);
CREATE TABLE fees (block INTEGER NOT NULL, timestamp INTEGER NOT NULL, amount TEXT NOT NULL, to_pool TEXT NOT NULL, to_liquidity TEXT NOT NULL);
"#,
    r#"
-- Refunds a reset or cancelled contribution contract owes each depositor until claimed, and each
-- depositor's beneficiary (a finalized contract's deposits become the node's positions). Earlier
-- versions stored neither event, so the index is read again from the deployment's block.
ALTER TABLE contributions ADD COLUMN beneficiary TEXT;
CREATE TABLE refunds (
    contract TEXT NOT NULL, staker TEXT NOT NULL, amount TEXT NOT NULL, PRIMARY KEY (contract, staker)
);
CREATE INDEX refunds_staker ON refunds (staker);
DELETE FROM events; DELETE FROM blocks; DELETE FROM meta WHERE key = 'last_block';
DELETE FROM nodes; DELETE FROM positions; DELETE FROM contracts; DELETE FROM contributions;
DELETE FROM releases; DELETE FROM distributions; DELETE FROM fees;
"#,
];

/// The tables [`crate::store::Store::apply`] derives from `events`, cleared before a rebuild.
pub const DERIVED: &[&str] =
    &["nodes", "positions", "contracts", "contributions", "refunds", "releases", "distributions", "fees"];
