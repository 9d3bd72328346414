//! Brings a fresh deployment to life the way the devnet shows it: a network of solo nodes and
//! multi-contributor nodes (through contribution contracts) registers, time moves and rewards
//! accrue, the network decommissions and recommissions one node, deregisters (liquidates) another
//! and signs a third's exit.
//! Deterministic for a given seed.

use crate::accounts::{next_block_at, now};
use alloy::{
    primitives::{Address, U256},
    providers::DynProvider,
};
use session_bls::messages::Action;
use session_client::{Deployment, transact};
use session_keys::NodeKeys;
use session_network::SimulatedNetwork;

/// What to build.
#[derive(Debug, Clone)]
pub struct DevnetPlan {
    /// Seed of the nodes' keys.
    pub seed: u64,
    /// Nodes operated alone.
    pub solo_nodes: usize,
    /// Nodes shared by an operator and 2..4 contributors.
    pub shared_nodes: usize,
    /// Days of rewards to let pass after the nodes joined.
    pub days: u64,
}

impl Default for DevnetPlan {
    fn default() -> Self {
        Self { seed: 0xde7e7, solo_nodes: 14, shared_nodes: 6, days: 3 }
    }
}

/// What happened, for the status print.
#[derive(Debug, Clone, Default)]
pub struct DevnetReport {
    /// Registration ids of every node that joined.
    pub registered: Vec<u64>,
    /// The node the network liquidated.
    pub liquidated: Option<u64>,
    /// The node that exited with the network's signature.
    pub exited: Option<u64>,
    /// The node that asked to leave and is waiting out its 30 days.
    pub exit_requested: Option<u64>,
    /// SESH paid in network fees (Pro and Names), if the fee contracts are deployed.
    pub fees_paid: U256,
    /// Liquidity tokens the treasury got from the Uniswap v2 pair it funded.
    pub liquidity: U256,
}

/// Populates `system`. `funder` holds enough SESH for every stake; `accounts` are the operators
/// and contributors (distinct from the funder), `network` the simulated network to keep in step.
pub async fn populate(
    system: &Deployment,
    provider: &DynProvider,
    funder: Address,
    accounts: &[Address],
    network: &mut SimulatedNetwork,
    plan: &DevnetPlan,
) -> eyre::Result<DevnetReport> {
    let requirement = system.registry.stakingRequirement().call().await?;
    let total = plan.solo_nodes + plan.shared_nodes;
    eyre::ensure!(accounts.len() >= total + 4, "the devnet needs {} accounts, has {}", total + 4, accounts.len());
    let mut report = DevnetReport::default();
    for i in 0..total {
        let operator = accounts[i];
        let keys = NodeKeys::derived(plan.seed, i as u64);
        let id = if i < plan.solo_nodes {
            transact(system.token.transfer(operator, requirement).from(funder), "funding an operator").await?;
            system.register_solo(operator, &keys, 0).await?.0
        } else {
            // Shared nodes take the real path: the operator opens a contribution contract with 40%,
            // 2..4 contributors share the rest (the last one rounds) and its deposit registers the
            // node (automatic finalization).
            let others = 2 + i % 3;
            let fee = 500 + 100 * (i as u16 % 5);
            let operator_stake = requirement * U256::from(4) / U256::from(10);
            let share = (requirement - operator_stake) / U256::from(others);
            transact(system.token.transfer(operator, operator_stake).from(funder), "funding an operator").await?;
            let (contract, _) =
                system.open_contribution(operator, &keys, fee, true, Vec::new(), Some(operator_stake)).await?;
            for k in 0..others {
                let staker = accounts[(total + k) % accounts.len()];
                let stake = if k + 1 == others { requirement - operator_stake - share * U256::from(k) } else { share };
                transact(system.token.transfer(staker, stake).from(funder), "funding a contributor").await?;
                system.contribute(&contract, staker, stake).await?;
            }
            let id = contract.nodeId().call().await?;
            eyre::ensure!(id != 0, "the filling deposit of node {i} did not register it");
            id
        };
        network.join(id, keys);
        report.registered.push(id);
    }

    // Days pass; rewards are distributed daily.
    let mut t = now(provider).await?;
    for _ in 0..plan.days {
        t += 86_400;
        next_block_at(provider, t).await?;
        transact(system.registry.distributeRewards(), "distributing rewards").await?;
    }

    // The network decommissions a node gone offline, liquidates another (signing without the
    // offline one), and recommissions the first once it is back ...
    let (liquidated, offline) = (report.registered[1], report.registered[2]);
    network.set_online(offline, false)?;
    for (action, node) in [(Action::Decommission, offline), (Action::Liquidation, liquidated)] {
        t += 60;
        let signed = network.sign(action, node, t)?;
        next_block_at(provider, t).await?;
        system.submit_decision(funder, action, node, t, &signed).await?;
    }
    network.leave(liquidated);
    network.set_online(offline, true)?;
    t += 60;
    let signed = network.sign(Action::Recommission, offline, t)?;
    next_block_at(provider, t).await?;
    system.submit_decision(funder, Action::Recommission, offline, t, &signed).await?;
    report.liquidated = Some(liquidated);

    // ... signs one node's exit ...
    let exited = report.registered[3];
    t += 60;
    let signed = network.sign(Action::Exit, exited, t)?;
    next_block_at(provider, t).await?;
    system.submit_decision(funder, Action::Exit, exited, t, &signed).await?;
    network.leave(exited);
    report.exited = Some(exited);

    // ... and one operator asks to leave (30 days to wait).
    let leaving = report.registered[4];
    transact(system.registry.requestExit(leaving).from(accounts[4]), "requesting an exit").await?;
    report.exit_requested = Some(leaving);

    if system.has_fees() {
        pay_fees(system, provider, funder, &mut report).await?;
    }
    Ok(report)
}

/// The devnet's price: SESH at $0.50, as an 8-decimal feed answer.
pub const DEVNET_PRICE: u64 = 50_000_000;

/// Moves the devnet's clock to `timestamp` and posts a fresh price dated then: first an empty
/// block at `timestamp`, then the price in the next block with `updatedAt = timestamp`. anvil can
/// answer an `eth_call` at "latest" with a new block's state and the previous block's time; dated
/// this way, no call that sees the new price runs before it (PriceFromFuture), while a price dated
/// by its own block could be seen an hour early.
pub async fn advance_clock(system: &Deployment, provider: &DynProvider, timestamp: u64) -> eyre::Result<()> {
    crate::accounts::mine_at(provider, timestamp).await?;
    let feed = system.devnet_price_feed()?;
    transact(
        feed.setAnswerAt(alloy::primitives::I256::try_from(DEVNET_PRICE)?, timestamp),
        "updating the devnet price feed",
    )
    .await?;
    Ok(())
}

/// Posts a fresh answer to the devnet feed so payments never see a stale price.
pub async fn refresh_price(system: &Deployment) -> eyre::Result<()> {
    let feed = system.devnet_price_feed()?;
    transact(feed.setAnswer(alloy::primitives::I256::try_from(DEVNET_PRICE)?), "updating the devnet price feed")
        .await?;
    Ok(())
}

/// App users pay fees (five Pro subscriptions, three names); then the liquidity treasury pairs its
/// 10% with 1 ETH in the local Uniswap v2.
async fn pay_fees(
    system: &Deployment,
    provider: &DynProvider,
    payer: Address,
    report: &mut DevnetReport,
) -> eyre::Result<()> {
    use alloy::providers::Provider;
    refresh_price(system).await?;
    let (pro, names) = (system.session_pro()?, system.session_names()?);
    transact(system.token.approve(*pro.address(), U256::MAX).from(payer), "approving Pro").await?;
    transact(system.token.approve(*names.address(), U256::MAX).from(payer), "approving Names").await?;
    let id = |n: u8| {
        let mut id = vec![0x05; 1];
        id.extend_from_slice(&[n; 32]);
        alloy::primitives::Bytes::from(id)
    };
    for n in 1..=5u8 {
        let quote = pro.quotePlan(U256::from(1)).call().await?.sesh;
        transact(pro.subscribe(id(n), U256::from(1), quote).from(payer), "subscribing to Pro").await?;
        report.fees_paid += quote;
    }
    for (n, name) in ["alice", "bob", "session-devnet"].into_iter().enumerate() {
        let quote = names.quoteName(name.into()).call().await?.sesh;
        transact(names.register(name.into(), id(n as u8 + 10), quote).from(payer), "registering a name").await?;
        report.fees_paid += quote;
    }

    let treasury_address = system.manifest.address("LiquidityTreasury")?;
    let treasury = session_bindings::LiquidityTreasury::new(treasury_address, provider.clone());
    let eth = U256::from(10u64).pow(U256::from(18));
    let fund = alloy::rpc::types::TransactionRequest::default().from(payer).to(treasury_address).value(eth);
    provider.send_transaction(fund).await?.get_receipt().await?;
    let sesh = system.token.balanceOf(treasury_address).call().await?;
    let deadline = U256::from(now(provider).await? + 600);
    let call = treasury.addLiquidityETH(sesh, eth, sesh, eth, deadline).from(system.manifest.owner);
    let receipt = transact(call, "adding protocol-owned liquidity").await?;
    report.liquidity = receipt
        .decoded_log::<session_bindings::liquidity_treasury::LiquidityTreasury::LiquidityAdded>()
        .map(|e| e.liquidity)
        .unwrap_or_default();
    Ok(())
}
