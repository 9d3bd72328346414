//! The HTTP JSON API over the index (docs/api.md). Lists come from the index; figures that move
//! every second (claimable rewards, the pool's balance, a contract's minimum contribution now) are
//! read from the chain at request time. Amounts are `{ "atomic": "<decimal string>", "sesh":
//! "<formatted>" }`. Bad input gets a 4xx with `{ "error": "..." }`.

use crate::store::Store;
use alloy::primitives::{Address, U256};
use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::get,
};
use serde_json::{Value, json};
use session_bindings::ContributionContract;
use session_client::{Deployment, units::format_sesh};
use std::{collections::HashMap, str::FromStr, sync::Arc};

/// The most items a page may hold.
pub const MAX_PAGE: u64 = 100;

/// What the handlers share.
#[derive(Clone)]
pub struct Api {
    /// The index.
    pub store: Arc<Store>,
    /// The deployment, for live reads.
    pub deployment: Arc<Deployment>,
}

/// An error answer: a status and a sentence.
#[derive(Debug)]
pub struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<eyre::Report> for ApiError {
    fn from(e: eyre::Report) -> Self {
        Self(StatusCode::BAD_GATEWAY, format!("{e}"))
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        Self(StatusCode::INTERNAL_SERVER_ERROR, format!("index: {e}"))
    }
}

fn bad(message: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, message.into())
}

fn not_found(message: impl Into<String>) -> ApiError {
    ApiError(StatusCode::NOT_FOUND, message.into())
}

fn chain(e: impl std::fmt::Display) -> ApiError {
    ApiError(StatusCode::BAD_GATEWAY, format!("reading the chain: {e}"))
}

type Answer = Result<Json<Value>, ApiError>;

/// An amount as the API shows it.
pub fn amount(value: U256) -> Value {
    json!({ "atomic": value.to_string(), "sesh": format_sesh(value) })
}

fn amount_text(text: &str) -> Value {
    amount(U256::from_str(text).unwrap_or_default())
}

fn address(text: &str) -> Result<Address, ApiError> {
    Address::from_str(text).map_err(|_| bad(format!("`{text}` is not an address (0x and 40 hex digits)")))
}

/// The API's routes.
pub fn router(api: Api) -> Router {
    Router::new()
        .route("/info", get(info))
        .route("/nodes", get(nodes))
        .route("/nodes/open", get(open_contracts))
        .route("/nodes/{id}", get(node))
        .route("/stakes/{address}", get(stakes))
        .route("/rewards/{address}", get(rewards))
        .route("/exits", get(exits))
        .route("/liquidations", get(liquidations))
        .route("/history/pool", get(pool_history))
        .route("/history/rewards", get(reward_history))
        .route("/deployment", get(deployment))
        .route("/claims/{address}", get(claims))
        .route("/abi/{name}", get(abi))
        .fallback(|| async { not_found("no such endpoint: see docs/api.md") })
        .with_state(api)
}

async fn deployment(State(api): State<Api>) -> Answer {
    Ok(Json(
        serde_json::to_value(&api.deployment.manifest)
            .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?,
    ))
}

/// The swap program's claims of an address, with their proofs and whether each is paid: what a
/// page sends to `MerkleClaims.claim(account, amount, proof)`.
async fn claims(State(api): State<Api>, Path(text): Path<String>) -> Answer {
    let who = address(&text)?;
    let manifest = &api.deployment.manifest;
    let (Some(info), Some(file)) = (&manifest.claims, &manifest.claims_file) else {
        return Err(not_found("this deployment has no Merkle claims (or its claims file is not next to its manifest)"));
    };
    let distributor = session_bindings::MerkleClaims::new(
        manifest.address("MerkleClaims").map_err(|e| not_found(e.to_string()))?,
        api.deployment.provider.clone(),
    );
    let mut items = Vec::new();
    for claim in file.claims.iter().filter(|c| c.account == who) {
        let value = U256::from_str(&claim.amount).unwrap_or_default();
        let claimed = distributor.isClaimed(who, value).call().await.map_err(chain)?;
        items.push(json!({ "amount": amount(value), "proof": claim.proof, "claimed": claimed }));
    }
    Ok(Json(json!({
        "address": who.to_string(),
        "root": info.root,
        "deadline": info.deadline,
        "distributor": distributor.address().to_string(),
        "claims": items,
    })))
}

async fn abi(Path(name): Path<String>) -> Answer {
    let abi = session_client::manifest::abi_of(&name).ok_or_else(|| not_found(format!("no ABI named `{name}`")))?;
    Ok(Json(serde_json::from_str(abi).map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?))
}

async fn info(State(api): State<Api>) -> Answer {
    let d = &api.deployment;
    let map = |e: alloy::contract::Error| chain(e);
    let pool = d.token.balanceOf(*d.reward_pool.address()).call().await.map_err(map)?;
    let release = d.reward_pool.releasePerDay().call().await.map_err(map)?;
    let size = d.lens.networkSize().call().await.map_err(map)?;
    let per_node = d.lens.rewardPerNodePerDay().call().await.map_err(map)?;
    let apr = d.lens.aprBps().call().await.map_err(map)?;
    let requirement = d.registry.stakingRequirement().call().await.map_err(map)?;
    let (fees, to_pool): (Vec<String>, Vec<String>) = api.store.with(|c| {
        let mut s = c.prepare("SELECT amount, to_pool FROM fees")?;
        let rows = s.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().unzip())
    })?;
    let sum = |v: &[String]| v.iter().map(|t| U256::from_str(t).unwrap_or_default()).fold(U256::ZERO, |a, b| a + b);
    Ok(Json(json!({
        "chainId": d.manifest.chain_id,
        "indexedBlock": api.store.last_block()?,
        "poolBalance": amount(pool),
        "releasePerDay": amount(release),
        "networkSize": size.to::<u64>(),
        "stakingRequirement": amount(requirement),
        "rewardPerNodePerDay": amount(per_node),
        "aprBps": apr.to::<u64>(),
        "feesPaid": amount(sum(&fees)),
        "feesToPool": amount(sum(&to_pool)),
        "contracts": d.manifest.contracts.iter().map(|(name, c)| (name.clone(), json!(c.address))).collect::<serde_json::Map<_, _>>(),
    })))
}

fn page(query: &HashMap<String, String>) -> Result<(u64, u64), ApiError> {
    let number = |key: &str, default: u64| -> Result<u64, ApiError> {
        match query.get(key) {
            None => Ok(default),
            Some(text) => text.parse::<u64>().map_err(|_| bad(format!("`{key}` must be a whole number, got `{text}`"))),
        }
    };
    let (page, per_page) = (number("page", 1)?, number("perPage", 50)?);
    if page == 0 {
        return Err(bad("`page` starts at 1"));
    }
    if per_page == 0 || per_page > MAX_PAGE {
        return Err(bad(format!("`perPage` must be 1..={MAX_PAGE}, got {per_page}")));
    }
    Ok((page, per_page))
}

const NODE_COLUMNS: &str = "id, operator, contract, ed25519, fee_bps, deposit, registered_at, status, exit_requested_at, exit_unlock, ended_at, earned, liquidator, liquidator_amount, pool_amount, returned_amount";

fn node_json(r: &rusqlite::Row) -> rusqlite::Result<Value> {
    let opt_amount = |i: usize| -> rusqlite::Result<Value> {
        Ok(r.get::<_, Option<String>>(i)?.map(|t| amount_text(&t)).unwrap_or(Value::Null))
    };
    Ok(json!({
        "id": r.get::<_, i64>(0)?,
        "operator": r.get::<_, String>(1)?,
        "contributionContract": r.get::<_, Option<String>>(2)?,
        "ed25519Key": r.get::<_, String>(3)?,
        "feeBps": r.get::<_, i64>(4)?,
        "deposit": amount_text(&r.get::<_, String>(5)?),
        "registeredAt": r.get::<_, i64>(6)?,
        "status": r.get::<_, String>(7)?,
        "exitRequestedAt": r.get::<_, Option<i64>>(8)?,
        "exitUnlocksAt": r.get::<_, Option<i64>>(9)?,
        "endedAt": r.get::<_, Option<i64>>(10)?,
        "earned": opt_amount(11)?,
        "liquidation": match r.get::<_, Option<String>>(12)? {
            None => Value::Null,
            Some(liquidator) => json!({
                "liquidator": liquidator,
                "toLiquidator": opt_amount(13)?,
                "toPool": opt_amount(14)?,
                "returned": opt_amount(15)?,
            }),
        },
    }))
}

async fn nodes(State(api): State<Api>, Query(query): Query<HashMap<String, String>>) -> Answer {
    let (page, per_page) = page(&query)?;
    let status = query.get("status").cloned();
    if let Some(s) = &status
        && !["active", "decommissioned", "exited", "liquidated"].contains(&s.as_str())
    {
        return Err(bad(format!("`status` is one of active, decommissioned, exited, liquidated; got `{s}`")));
    }
    let operator = query.get("operator").map(|o| address(o)).transpose()?.map(|a| a.to_string());
    let (items, total) = api.store.with(|c| {
        let filter = "WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR operator = ?2)";
        let total: i64 =
            c.query_row(&format!("SELECT COUNT(*) FROM nodes {filter}"), rusqlite::params![status, operator], |r| {
                r.get(0)
            })?;
        let mut s = c.prepare(&format!("SELECT {NODE_COLUMNS} FROM nodes {filter} ORDER BY id LIMIT ?3 OFFSET ?4"))?;
        let rows = s.query_map(
            rusqlite::params![status, operator, per_page as i64, ((page - 1) * per_page) as i64],
            node_json,
        )?;
        Ok((rows.collect::<rusqlite::Result<Vec<_>>>()?, total))
    })?;
    Ok(Json(json!({ "page": page, "perPage": per_page, "total": total, "items": items })))
}

async fn node(State(api): State<Api>, Path(id): Path<String>) -> Answer {
    let id: u64 = id.parse().map_err(|_| bad(format!("`{id}` is not a node id")))?;
    let found = api.store.with(|c| {
        use rusqlite::OptionalExtension;
        c.query_row(&format!("SELECT {NODE_COLUMNS} FROM nodes WHERE id = ?1"), [id as i64], node_json).optional()
    })?;
    let mut node = found.ok_or_else(|| not_found(format!("no node {id}")))?;
    node["positions"] = json!(positions_where(&api, "node_id = ?1", &(id as i64))?);
    Ok(Json(node))
}

fn positions_where(api: &Api, filter: &str, value: &dyn rusqlite::ToSql) -> Result<Vec<Value>, ApiError> {
    Ok(api.store.with(|c| {
        let mut s = c.prepare(&format!(
            "SELECT p.node_id, p.staker, p.beneficiary, p.stake, p.rewards_paid, p.withdrawn, n.status, n.exit_unlock, n.registered_at
             FROM positions p JOIN nodes n ON n.id = p.node_id WHERE {filter} ORDER BY p.node_id"
        ))?;
        let rows = s.query_map([value], |r| {
            Ok(json!({
                "nodeId": r.get::<_, i64>(0)?,
                "staker": r.get::<_, String>(1)?,
                "beneficiary": r.get::<_, String>(2)?,
                "stake": amount_text(&r.get::<_, String>(3)?),
                "rewardsPaid": amount_text(&r.get::<_, String>(4)?),
                "withdrawn": r.get::<_, Option<String>>(5)?.map(|t| amount_text(&t)),
                "nodeStatus": r.get::<_, String>(6)?,
                "exitUnlocksAt": r.get::<_, Option<i64>>(7)?,
                "registeredAt": r.get::<_, i64>(8)?,
            }))
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
    })?)
}

async fn stakes(State(api): State<Api>, Path(text): Path<String>) -> Answer {
    let who = address(&text)?.to_string();
    let mut items = positions_where(&api, "p.staker = ?1 OR p.beneficiary = ?1", &who)?;
    let lens = &api.deployment.lens;
    for item in &mut items {
        let id = item["nodeId"].as_u64().unwrap_or_default();
        let staker = address(item["staker"].as_str().unwrap_or_default())?;
        let claimable = lens.claimableRewards(id, staker).call().await.map_err(chain)?;
        let ended = matches!(item["nodeStatus"].as_str(), Some("exited" | "liquidated"));
        item["claimable"] = amount(claimable);
        item["withdrawable"] = json!(ended && item["withdrawn"].is_null());
    }
    // What the address holds in contribution contracts: deposits, and refunds owed after a reset.
    let held_in_contracts = |table: &str| {
        api.store.with(|c| {
            let mut s = c.prepare(&format!(
                "SELECT k.contract, k.amount, c.status, c.node_id FROM {table} k JOIN contracts c ON c.address = k.contract WHERE k.staker = ?1"
            ))?;
            let rows = s.query_map([&who], |r| {
                Ok(json!({
                    "contract": r.get::<_, String>(0)?,
                    "amount": amount_text(&r.get::<_, String>(1)?),
                    "contractStatus": r.get::<_, String>(2)?,
                    "nodeId": r.get::<_, Option<i64>>(3)?,
                }))
            })?;
            rows.collect::<rusqlite::Result<Vec<Value>>>()
        })
    };
    let (contributions, refunds) = (held_in_contracts("contributions")?, held_in_contracts("refunds")?);
    Ok(Json(json!({ "address": who, "positions": items, "contributions": contributions, "refunds": refunds })))
}

async fn rewards(State(api): State<Api>, Path(text): Path<String>) -> Answer {
    let who = address(&text)?;
    let items = positions_where(&api, "p.staker = ?1 OR p.beneficiary = ?1", &who.to_string())?;
    let (mut claimable, mut paid) = (U256::ZERO, U256::ZERO);
    for item in &items {
        let id = item["nodeId"].as_u64().unwrap_or_default();
        let staker = address(item["staker"].as_str().unwrap_or_default())?;
        claimable += api.deployment.lens.claimableRewards(id, staker).call().await.map_err(chain)?;
        paid += U256::from_str(item["rewardsPaid"]["atomic"].as_str().unwrap_or("0")).unwrap_or_default();
    }
    Ok(Json(
        json!({ "address": who.to_string(), "claimable": amount(claimable), "paid": amount(paid), "positions": items.len() }),
    ))
}

async fn open_contracts(State(api): State<Api>) -> Answer {
    let rows: Vec<(String, String, String, i64, i64, String)> = api.store.with(|c| {
        let mut s = c.prepare(
            "SELECT address, operator, requirement, fee_bps, auto_finalize, contributed FROM contracts WHERE status = 'open' ORDER BY created_at",
        )?;
        let rows = s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
    })?;
    let mut items = Vec::new();
    for (contract, operator, requirement, fee, auto, contributed) in rows {
        let cc = ContributionContract::new(address(&contract)?, api.deployment.provider.clone());
        let minimum = cc.minimumContribution().call().await.map_err(chain)?;
        let remaining = cc.remaining().call().await.map_err(chain)?;
        let slots = cc.openSlots().call().await.map_err(chain)?;
        let reservations: Vec<Value> = cc
            .reservations()
            .call()
            .await
            .map_err(chain)?
            .into_iter()
            .map(|r| json!({ "staker": r.staker, "amount": amount(r.amount) }))
            .collect();
        let contributors: Vec<Value> = api.store.with(|c| {
            let mut s = c.prepare("SELECT staker, amount FROM contributions WHERE contract = ?1")?;
            let rows = s.query_map([&contract], |r| {
                Ok(json!({ "staker": r.get::<_, String>(0)?, "amount": amount_text(&r.get::<_, String>(1)?) }))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })?;
        items.push(json!({
            "contract": contract,
            "operator": operator,
            "feeBps": fee,
            "autoFinalize": auto != 0,
            "requirement": amount_text(&requirement),
            "contributed": amount_text(&contributed),
            "remaining": amount(remaining),
            "openSlots": slots.to::<u64>(),
            "minimumContribution": amount(minimum),
            "reservations": reservations,
            "contributors": contributors,
        }));
    }
    Ok(Json(json!({ "items": items })))
}

/// `{ "items": [...] }` of the rows `sql` selects (no parameters), each shown by `row`.
fn items(api: &Api, sql: &str, row: fn(&rusqlite::Row) -> rusqlite::Result<Value>) -> Answer {
    let items = api.store.with(|c| {
        let mut s = c.prepare(sql)?;
        let rows = s.query_map([], row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
    })?;
    Ok(Json(json!({ "items": items })))
}

async fn exits(State(api): State<Api>) -> Answer {
    let sql = format!(
        "SELECT {NODE_COLUMNS} FROM nodes WHERE exit_requested_at IS NOT NULL AND status IN ('active', 'decommissioned') ORDER BY exit_unlock"
    );
    items(&api, &sql, node_json)
}

async fn liquidations(State(api): State<Api>) -> Answer {
    let sql = format!("SELECT {NODE_COLUMNS} FROM nodes WHERE status = 'liquidated' ORDER BY ended_at DESC");
    items(&api, &sql, node_json)
}

async fn pool_history(State(api): State<Api>) -> Answer {
    items(&api, "SELECT block, timestamp, amount, balance_after FROM releases ORDER BY block", |r| {
        Ok(json!({
            "block": r.get::<_, i64>(0)?,
            "timestamp": r.get::<_, i64>(1)?,
            "released": amount_text(&r.get::<_, String>(2)?),
            "balance": amount_text(&r.get::<_, String>(3)?),
        }))
    })
}

async fn reward_history(State(api): State<Api>) -> Answer {
    items(&api, "SELECT block, timestamp, amount, per_node, earning_nodes FROM distributions ORDER BY block", |r| {
        Ok(json!({
            "block": r.get::<_, i64>(0)?,
            "timestamp": r.get::<_, i64>(1)?,
            "distributed": amount_text(&r.get::<_, String>(2)?),
            "perNode": amount_text(&r.get::<_, String>(3)?),
            "earningNodes": r.get::<_, i64>(4)?,
        }))
    })
}

/// Serves the API (and, when given, the built portal page at `/`) on `listener` until the
/// future is dropped.
pub async fn serve(api: Api, listener: tokio::net::TcpListener, page: Option<std::path::PathBuf>) -> eyre::Result<()> {
    let mut app = Router::new().nest("/api", router(api));
    if let Some(dir) = page {
        app = app.fallback_service(tower_http::services::ServeDir::new(dir));
    }
    axum::serve(listener, app).await?;
    Ok(())
}
