//! The plan run on the contracts: a fresh anvil, the whole system deployed from the simulation's
//! genesis, the launch network seeded, then one block per day at exact day boundaries.
//!
//! Each day's transactions are sent with automining off and mined together in one block, so
//! they share its second: the registry's distribution comes first and pulls the day's release,
//! and the fee deposits after it, in the same second, accrue at once without a release of their
//! own. Everything is sent by one account (anvil's account 0: deployer, operator of every node,
//! app user and the network's submitter); the reads after each block give the day's figures.

use crate::{
    model::{DAY, Economics},
    plan::{DayPlan, Plan},
    record::DayRecord,
    signer::FastNetwork,
};
use alloy::{
    eips::BlockId,
    network::TransactionBuilder,
    primitives::{Address, B256, Bytes, I256, U256},
    providers::{DynProvider, Provider, ext::AnvilApi},
    rpc::types::{TransactionReceipt, TransactionRequest},
    signers::local::PrivateKeySigner,
    sol_types::SolEvent,
};
use eyre::{OptionExt, WrapErr, bail, ensure};
use session_bindings::{
    FeeRouter as FeeRouterContract, fee_router::FeeRouter, reward_pool::RewardPool, staking_registry::StakingRegistry,
};
use session_bls::messages::Action;
use session_client::{Deployment, provider::signing_provider};
use session_deploy::{
    GenesisConfig, Journal, Launch, deploy_with,
    seeds::{SeedContributor, SeedFile, SeedNode},
};
use session_keys::NodeKeys;
use std::time::Instant;

/// Gas each of the day's transactions may use: they are sent before any is mined, so they
/// cannot be estimated against the state they will run on.
const GAS_PER_TRANSACTION: u64 = 3_000_000;
/// A block can hold a day of a large network's transactions.
const BLOCK_GAS_LIMIT: &str = "2000000000";

/// A chain run's records and how long it took.
#[derive(Debug, Clone)]
pub struct ChainRun {
    /// One record per day, read from the chain.
    pub records: Vec<DayRecord>,
    /// Day 0: the second the pool starts accruing its 40,000,000 SESH again.
    pub t0: u64,
    /// Seconds spent starting anvil, deploying and seeding.
    pub setup_seconds: f64,
    /// Seconds spent on the days.
    pub days_seconds: f64,
}

/// Runs `plan` on a fresh anvil. `progress` sees each day's record as it is read.
pub async fn run(
    plan: &Plan,
    economics: &Economics,
    genesis: &GenesisConfig,
    seed: u64,
    mut progress: impl FnMut(&DayRecord),
) -> eyre::Result<ChainRun> {
    let started = Instant::now();
    let anvil = session_devnet::anvil::spawn_anvil_with(None, &["--gas-limit", BLOCK_GAS_LIMIT])?;
    let signer = PrivateKeySigner::from(anvil.keys().first().ok_or_eyre("anvil has no dev accounts")?.clone());
    let sender = signer.address();
    let provider = signing_provider(signer, anvil.endpoint_url());

    // The consensus registry's address is in every proof of possession: deploy first, then seed.
    let mut journal = Journal::in_memory();
    let (system, _) =
        deploy_with(&provider, sender, sender, genesis, &mut journal, &Launch { seeds: None, start: false }).await?;
    let domain = system.consensus_domain();
    let now = session_client::provider::now(&provider).await?;
    let seeds = seed_file(plan.initial_nodes, seed, sender, &domain, now - DAY)?;
    let launch = Launch { seeds: Some(seeds), start: true };
    let (system, _) = deploy_with(&provider, sender, sender, genesis, &mut journal, &launch).await?;
    check_economics(&system, economics).await?;

    let mut network = FastNetwork::new(domain);
    for id in 1..=plan.initial_nodes {
        network.join(id, &NodeKeys::derived(seed, id));
    }
    provider.anvil_set_auto_mine(false).await?;
    let mut chain = DayChain::new(&system, provider.clone(), sender).await?;
    let t0 = session_client::provider::now(&provider).await? + 60;
    chain.day_zero(t0, economics, plan.initial_price_answer, plan.days.first()).await?;
    let setup_seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let mut records = Vec::with_capacity(plan.days.len());
    let mut next_id = plan.initial_nodes + 1;
    for (i, day) in plan.days.iter().enumerate() {
        let t = t0 + day.day * DAY;
        let tomorrow_price = plan.days.get(i + 1).map(|d| d.price_answer);
        let receipts = chain.day(day, t, seed, &mut next_id, &mut network, economics, tomorrow_price).await?;
        let record = chain.record(day, t, &receipts, economics).await?;
        progress(&record);
        records.push(record);
    }
    Ok(ChainRun { records, t0, setup_seconds, days_seconds: started.elapsed().as_secs_f64() })
}

/// The launch network: `count` solo nodes of `operator`, registered a day before the start.
fn seed_file(
    count: u64,
    seed: u64,
    operator: Address,
    domain: &session_bls::messages::Domain,
    registered_at: u64,
) -> eyre::Result<SeedFile> {
    let nodes = (1..=count)
        .map(|id| {
            let keys = NodeKeys::derived(seed, id);
            SeedNode {
                bls_key: Bytes::copy_from_slice(&keys.bls_public().to_eip2537()),
                ed25519_key: B256::from(keys.ed25519_public()),
                proof_of_possession: Bytes::copy_from_slice(
                    &keys.proof_of_possession(domain, &operator.0.0).to_eip2537(),
                ),
                fee_bps: 0,
                registered_at,
                contributors: vec![SeedContributor { staker: operator, beneficiary: None, stake: "25000".into() }],
            }
        })
        .collect();
    Ok(SeedFile { nodes })
}

/// The model's constants must be the deployment's.
async fn check_economics(system: &Deployment, economics: &Economics) -> eyre::Result<()> {
    let requirement = system.registry.stakingRequirement().call().await?;
    ensure!(
        requirement == U256::from(economics.requirement),
        "the registry's requirement is {requirement}, the model's {}",
        economics.requirement
    );
    let ratios = system.lens.liquidationRatios().call().await?;
    let on_chain = [ratios.liquidator, ratios.pool, ratios.returned].map(|r| r.to::<u128>());
    ensure!(
        on_chain == economics.liquidation_ratios,
        "liquidation ratios on chain {on_chain:?}, in the model {:?}",
        economics.liquidation_ratios
    );
    let supply = system.token.totalSupply().call().await?;
    ensure!(supply == U256::from(economics.total_supply), "total supply {supply} differs from the model's");
    Ok(())
}

/// Sends a day's transactions and mines them in one block.
struct DayChain<'a> {
    system: &'a Deployment,
    provider: DynProvider,
    sender: Address,
    nonce: u64,
    pending: Vec<&'static str>,
    router: Address,
}

impl<'a> DayChain<'a> {
    async fn new(system: &'a Deployment, provider: DynProvider, sender: Address) -> eyre::Result<Self> {
        let nonce = provider.get_transaction_count(sender).pending().await?;
        let router = system.manifest.address("FeeRouter")?;
        Ok(Self { system, provider, sender, nonce, pending: Vec::new(), router })
    }

    async fn send(&mut self, request: TransactionRequest, action: &'static str) -> eyre::Result<()> {
        self.send_with_gas(request, action, GAS_PER_TRANSACTION).await
    }

    async fn send_with_gas(&mut self, request: TransactionRequest, action: &'static str, gas: u64) -> eyre::Result<()> {
        let request = request
            .with_from(self.sender)
            .with_nonce(self.nonce)
            .with_gas_limit(gas)
            .with_max_fee_per_gas(100_000_000_000)
            .with_max_priority_fee_per_gas(1)
            .with_chain_id(self.system.manifest.chain_id);
        let _pending = self.provider.send_transaction(request).await.wrap_err_with(|| format!("sending: {action}"))?;
        self.nonce += 1;
        self.pending.push(action);
        Ok(())
    }

    /// Mines what was sent at `timestamp` and checks every transaction succeeded.
    async fn mine(&mut self, timestamp: u64) -> eyre::Result<Vec<TransactionReceipt>> {
        self.provider.anvil_set_next_block_timestamp(timestamp).await?;
        self.provider.evm_mine(None).await?;
        let receipts =
            self.provider.get_block_receipts(BlockId::latest()).await?.ok_or_eyre("no receipts for the day's block")?;
        let actions = std::mem::take(&mut self.pending);
        ensure!(
            receipts.len() == actions.len(),
            "{} of the day's {} transactions were mined at {timestamp}",
            receipts.len(),
            actions.len()
        );
        for (receipt, action) in receipts.iter().zip(&actions) {
            if !receipt.status() {
                // The reason, from anvil's trace of the transaction (it cannot be replayed alone:
                // it ran on the state its block's earlier transactions left).
                let trace: serde_json::Value = self
                    .provider
                    .raw_request(
                        "debug_traceTransaction".into(),
                        (receipt.transaction_hash, serde_json::json!({"tracer": "callTracer"})),
                    )
                    .await
                    .unwrap_or_default();
                bail!(
                    "{action} failed at {timestamp} (transaction {}, gas used {}): {} {}",
                    receipt.transaction_hash,
                    receipt.gas_used,
                    trace["error"].as_str().unwrap_or("no reason"),
                    trace["output"].as_str().unwrap_or("")
                );
            }
        }
        Ok(receipts)
    }

    /// Day 0: distribute what accrued while the network was seeded, top the pool back up to its
    /// genesis balance (so day 1 starts from the seeds' 40,000,000 SESH) and post day 1's price.
    async fn day_zero(
        &mut self,
        t0: u64,
        economics: &Economics,
        price: i128,
        first: Option<&DayPlan>,
    ) -> eyre::Result<()> {
        let pool = &self.system.reward_pool;
        let (balance, accruing, last) = (
            self.system.token.balanceOf(*pool.address()).call().await?.to::<u128>(),
            pool.accruingBalance().call().await?.to::<u128>(),
            pool.lastReleaseTime().call().await?,
        );
        let mut model = crate::model::PoolModel { balance, accruing, last };
        model.release(t0);
        let top_up = economics
            .pool_initial
            .checked_sub(model.balance)
            .ok_or_eyre("the pool holds more than its genesis balance")?;
        self.send(
            self.system.registry.distributeRewards().into_transaction_request(),
            "distributing what accrued during the launch",
        )
        .await?;
        if top_up > 0 {
            let amount = U256::from(top_up);
            self.send(
                self.system.token.approve(*pool.address(), amount).into_transaction_request(),
                "approving the pool's top-up",
            )
            .await?;
            self.send(pool.deposit(amount).into_transaction_request(), "topping the pool up to its genesis balance")
                .await?;
        }
        let feed = self.system.devnet_price_feed()?;
        let day_one = first.map_or(price, |d| d.price_answer);
        self.send(feed.setAnswer(I256::try_from(day_one)?).into_transaction_request(), "posting the price").await?;
        self.mine(t0).await?;
        let balance = self.system.token.balanceOf(*pool.address()).call().await?;
        ensure!(balance == U256::from(economics.pool_initial), "day 0 left the pool with {balance}");
        Ok(())
    }

    /// Sends and mines day `plan.day` at `t`.
    #[allow(clippy::too_many_arguments)]
    async fn day(
        &mut self,
        plan: &DayPlan,
        t: u64,
        seed: u64,
        next_id: &mut u64,
        network: &mut FastNetwork,
        economics: &Economics,
        tomorrow_price: Option<i128>,
    ) -> eyre::Result<Vec<TransactionReceipt>> {
        let system = self.system;
        let registry = &system.registry;
        // Quotes first: the latest block holds today's price, posted at the end of yesterday.
        let quotes = self.quotes(plan).await?;
        self.send(registry.distributeRewards().into_transaction_request(), "distributing the day's release").await?;
        for id in &plan.finalize {
            let key = bls_key(seed, *id);
            self.send(registry.finalizeExit(*id, key).into_transaction_request(), "finalizing an exit").await?;
            self.send(registry.withdrawStake(*id).into_transaction_request(), "withdrawing an exited stake").await?;
            network.leave(*id);
        }
        for id in &plan.liquidate {
            let signed = network.sign(Action::Liquidation, *id, t)?;
            let call =
                registry.liquidate(*id, bls_key(seed, *id), t, signed.non_signer_keys.into(), signed.signature.into());
            self.send(call.into_transaction_request(), "liquidating a node").await?;
            self.send(registry.withdrawStake(*id).into_transaction_request(), "withdrawing a liquidated stake").await?;
            network.leave(*id);
        }
        for id in &plan.decommission {
            let signed = network.sign(Action::Decommission, *id, t)?;
            let call = registry.decommission(*id, t, signed.non_signer_keys.into(), signed.signature.into());
            self.send(call.into_transaction_request(), "decommissioning a node").await?;
            network.set_online(*id, false)?;
        }
        for id in &plan.recommission {
            network.set_online(*id, true)?;
            let signed = network.sign(Action::Recommission, *id, t)?;
            let call = registry.recommission(*id, t, signed.non_signer_keys.into(), signed.signature.into());
            self.send(call.into_transaction_request(), "recommissioning a node").await?;
        }
        for id in &plan.request_exit {
            self.send(registry.requestExit(*id).into_transaction_request(), "requesting an exit").await?;
        }
        if plan.joins > 0 {
            let total = U256::from(economics.requirement * u128::from(plan.joins));
            self.send(
                system.token.approve(*registry.address(), total).into_transaction_request(),
                "approving the day's stakes",
            )
            .await?;
            let domain = system.consensus_domain();
            for _ in 0..plan.joins {
                let keys = NodeKeys::derived(seed, *next_id);
                let contributors = vec![session_bindings::staking_registry::IStakingRegistry::Contributor {
                    staker: self.sender,
                    beneficiary: Address::ZERO,
                    stake: U256::from(economics.requirement),
                }];
                let call = registry.registerNode(
                    Bytes::copy_from_slice(&keys.bls_public().to_eip2537()),
                    B256::from(keys.ed25519_public()),
                    Bytes::copy_from_slice(&keys.proof_of_possession(&domain, &self.sender.0.0).to_eip2537()),
                    0,
                    contributors,
                );
                self.send(call.into_transaction_request(), "registering a node").await?;
                network.join(*next_id, &keys);
                *next_id += 1;
            }
        }
        self.pay_fees(plan, &quotes).await?;
        if !plan.claim.is_empty() {
            let positions: Vec<_> = plan
                .claim
                .iter()
                .map(|id| session_bindings::staking_registry::IStakingRegistry::PositionRef {
                    nodeId: *id,
                    staker: self.sender,
                })
                .collect();
            // About 30k a position (measured: 44.8M for 1,511 ran out); 60k is a ceiling.
            let gas = 200_000 + 60_000 * positions.len() as u64;
            let call = registry.claimRewardsBatch(positions).into_transaction_request();
            self.send_with_gas(call, "claiming the week's rewards", gas).await?;
        }
        if let Some(price) = tomorrow_price {
            let feed = system.devnet_price_feed()?;
            self.send(feed.setAnswer(I256::try_from(price)?).into_transaction_request(), "posting tomorrow's price")
                .await?;
        }
        self.mine(t).await
    }

    /// The SESH price of one sale of each class (Pro plans 1 and 2, names of 3, 4, 5+
    /// characters), from the contracts' own quotes.
    async fn quotes(&self, plan: &DayPlan) -> eyre::Result<[U256; 5]> {
        let mut quotes = [U256::ZERO; 5];
        let counts = [plan.pro[0], plan.pro[1], plan.names[0], plan.names[1], plan.names[2]];
        let (pro, names) = (self.system.session_pro()?, self.system.session_names()?);
        for (i, count) in counts.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            quotes[i] = if i < 2 {
                pro.quotePlan(U256::from(i + 1)).call().await?.sesh
            } else {
                names.quoteName(name(plan.day, i - 2)).call().await?.sesh
            };
        }
        Ok(quotes)
    }

    /// One real sale per class that sold today (approve exactly, then subscribe or register), and
    /// the rest of the day's sales routed as one batch through the fee router.
    async fn pay_fees(&mut self, plan: &DayPlan, quotes: &[U256; 5]) -> eyre::Result<()> {
        let (pro, names) = (self.system.session_pro()?, self.system.session_names()?);
        let counts = [plan.pro[0], plan.pro[1], plan.names[0], plan.names[1], plan.names[2]];
        let mut batch = U256::ZERO;
        for (i, count) in counts.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            let quote = quotes[i];
            let session_id = session_id(plan.day, i);
            if i < 2 {
                self.send(
                    self.system.token.approve(*pro.address(), quote).into_transaction_request(),
                    "approving a Pro payment",
                )
                .await?;
                let call = pro.subscribe(session_id, U256::from(i + 1), quote);
                self.send(call.into_transaction_request(), "subscribing to Pro").await?;
            } else {
                self.send(
                    self.system.token.approve(*names.address(), quote).into_transaction_request(),
                    "approving a name",
                )
                .await?;
                let call = names.register(name(plan.day, i - 2), session_id, quote);
                self.send(call.into_transaction_request(), "registering a name").await?;
            }
            batch += quote * U256::from(count - 1);
        }
        if !batch.is_zero() {
            let router = FeeRouterContract::new(self.router, self.provider.clone());
            self.send(
                self.system.token.transfer(self.router, batch).into_transaction_request(),
                "paying the day's other sales",
            )
            .await?;
            self.send(router.routeFees().into_transaction_request(), "routing the day's other sales").await?;
        }
        Ok(())
    }

    /// The day's figures: from the block's events (release, fees, liquidations) and reads after it.
    async fn record(
        &self,
        plan: &DayPlan,
        t: u64,
        receipts: &[TransactionReceipt],
        economics: &Economics,
    ) -> eyre::Result<DayRecord> {
        let mut r = DayRecord {
            day: plan.day,
            timestamp: t,
            price_answer: plan.price_answer,
            requirement: economics.requirement,
            ..DayRecord::default()
        };
        for log in receipts.iter().flat_map(|receipt| receipt.inner.logs()) {
            let topic = log.topic0().copied().unwrap_or_default();
            let data = &log.inner;
            if topic == RewardPool::Released::SIGNATURE_HASH {
                r.release += RewardPool::Released::decode_log(data)?.amount.to::<u128>();
            } else if topic == FeeRouter::FeesRouted::SIGNATURE_HASH {
                let e = FeeRouter::FeesRouted::decode_log(data)?;
                r.fees_paid += e.amount.to::<u128>();
                r.fees_to_pool += e.toPool.to::<u128>();
                r.fees_to_liquidity += e.toLiquidity.to::<u128>();
            } else if topic == StakingRegistry::NodeLiquidated::SIGNATURE_HASH {
                r.liquidations_to_pool += StakingRegistry::NodeLiquidated::decode_log(data)?.poolAmount.to::<u128>();
            } else if topic == StakingRegistry::RewardsDistributed::SIGNATURE_HASH {
                r.network_size = StakingRegistry::RewardsDistributed::decode_log(data)?.earningNodes.to::<u64>();
            } else if topic == StakingRegistry::RewardsReturnedToPool::SIGNATURE_HASH {
                r.returned_to_pool += StakingRegistry::RewardsReturnedToPool::decode_log(data)?.amount.to::<u128>();
            }
        }
        if r.network_size > 0 {
            r.reward_per_node = r.release / u128::from(r.network_size);
        }
        let token = &self.system.token;
        let pool = token.balanceOf(*self.system.reward_pool.address()).call().await?.to::<u128>();
        let supply = token.totalSupply().call().await?.to::<u128>();
        // The locked allocations: what their vesting contracts hold.
        let mut locked = 0;
        for vesting in &self.system.manifest.vesting {
            locked += token.balanceOf(vesting.address).call().await?.to::<u128>();
        }
        r.pool_balance = pool;
        r.total_supply = supply;
        r.circulating = supply - pool - locked;
        // The registry's holding is stakes plus unclaimed rewards; the stakes are the nodes whose
        // deposit is still in it, which the plan tracks and the withdrawals above confirmed.
        r.staked = u128::from(plan.staked_nodes) * economics.requirement;
        Ok(r)
    }
}

fn bls_key(seed: u64, id: u64) -> Bytes {
    Bytes::copy_from_slice(&NodeKeys::derived(seed, id).bls_public().to_eip2537())
}

/// A name of the class's length (3, 4 or 10 characters), unique to the day.
fn name(day: u64, class: usize) -> String {
    const DIGITS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let width = [3, 4, 10][class];
    let mut n = day;
    let mut text: Vec<u8> = Vec::with_capacity(width);
    for _ in 0..width {
        text.push(DIGITS[(n % 36) as usize]);
        n /= 36;
    }
    String::from_utf8(text).expect("ascii")
}

/// A Session account id (0x05 and 32 bytes) unique to the day and class.
fn session_id(day: u64, class: usize) -> Bytes {
    let mut id = vec![0x05u8];
    id.extend_from_slice(&[0u8; 16]);
    id.extend_from_slice(&(day as u128 * 8 + class as u128).to_be_bytes());
    Bytes::from(id)
}
