//! `sesh network`: run the simulated Session Network against any deployment: it witnesses the
//! registry, reports where its view and the contract diverge, and signs its decisions.

use crate::context::GlobalArgs;
use clap::Subcommand;
use eyre::WrapErr;
use session_bls::messages::Action;
use session_devnet::scenario::DevnetPlan;
use session_network::NodeKeys;
use session_network::witness::Witness;

/// Network commands.
#[derive(Debug, Clone, Subcommand)]
pub enum NetworkCommand {
    /// Sync with the chain and report divergences between the network's view and the contract.
    Check(NetworkArgs),
    /// Sync, then sign and submit every decision due (confirmed exits, decommissions,
    /// recommissions, liquidations); repeat every `--interval` seconds unless `--once`.
    Run {
        /// The network's keys.
        #[command(flatten)]
        network: NetworkArgs,
        /// Seconds between two rounds.
        #[arg(long, default_value_t = 10)]
        interval: u64,
        /// One round only.
        #[arg(long)]
        once: bool,
        /// Simulated downtime: these nodes (registration ids) are offline from the first round on.
        /// One hour of chain time later the network decommissions them, after 24 hours it
        /// liquidates them; a later run without them recommissions the decommissioned ones.
        #[arg(long, value_name = "ID", value_delimiter = ',')]
        offline: Vec<u64>,
    },
    /// The network lowers the staking requirement of future registrations (the seeds: "with the
    /// consensus of the Session Network"): its online nodes sign, and the decision is submitted.
    /// Registered nodes keep their stakes; open contribution contracts follow their drift rules.
    LowerRequirement {
        /// The network's keys.
        #[command(flatten)]
        network: NetworkArgs,
        /// The new requirement, SESH (below the current one).
        #[arg(long, value_name = "SESH")]
        to: String,
    },
}

/// Which nodes the simulation runs.
#[derive(Debug, Clone, clap::Args)]
pub struct NetworkArgs {
    /// Seed of the nodes' keys (the devnet's by default).
    #[arg(long, default_value_t = DevnetPlan::default().seed)]
    pub seed: u64,
    /// How many keys of that seed the network holds.
    #[arg(long, default_value_t = 64)]
    pub nodes: u64,
}

impl NetworkArgs {
    fn keys(&self) -> impl Iterator<Item = NodeKeys> + '_ {
        (0..self.nodes).map(|i| NodeKeys::derived(self.seed, i))
    }
}

/// Runs a network command.
pub async fn run(global: &GlobalArgs, command: NetworkCommand) -> eyre::Result<()> {
    match command {
        NetworkCommand::Check(args) => {
            let deployment = global.deployment(global.provider(None)).await?;
            let mut witness = Witness::new(&deployment, args.keys());
            let events = witness.sync(&deployment).await?;
            let divergences = witness.divergences(&deployment).await?;
            println!(
                "{events} events witnessed; {} registered nodes in the network's view, {} of them decommissioned",
                witness.network.len(),
                witness.decommissioned().len()
            );
            if divergences.is_empty() {
                println!("in step with the contract");
            }
            for divergence in &divergences {
                println!("DIVERGENCE: {divergence}");
            }
            eyre::ensure!(divergences.is_empty(), "the network and the contract disagree");
            Ok(())
        }
        NetworkCommand::LowerRequirement { network, to } => {
            let requirement = session_client::units::parse_sesh(&to)?;
            let signer = global.signer()?;
            let sender = signer.address();
            let deployment = global.deployment(global.provider(Some(signer))).await?;
            let current = deployment.registry.stakingRequirement().call().await?;
            eyre::ensure!(
                requirement < current,
                "the network only lowers the requirement: {to} SESH is not below {} SESH",
                session_client::units::format_sesh(current)
            );
            // The message's field is 64 bits wide (the contract refuses more).
            let field = u64::try_from(requirement).map_err(|_| eyre::eyre!("{to} SESH does not fit the message"))?;
            let mut witness = Witness::new(&deployment, network.keys());
            witness.sync(&deployment).await?;
            // A second past the latest block: the registry takes a decision newer than the
            // requirement's last change only, which may be in the latest block's second (the
            // consensus registry allows minutes of clock skew).
            let at = session_client::provider::now(&deployment.provider).await? + 1;
            let signed = witness.network.sign(Action::StakingRequirement, field, at)?;
            deployment.submit_decision(sender, Action::StakingRequirement, field, at, &signed).await?;
            println!(
                "the network lowered the staking requirement from {} to {} SESH ({} of {} nodes signed)",
                session_client::units::format_sesh(current),
                session_client::units::format_sesh(requirement),
                witness.network.len() - signed.non_signers.len(),
                witness.network.len()
            );
            Ok(())
        }
        NetworkCommand::Run { network, interval, once, offline } => {
            let signer = global.signer()?;
            let sender = signer.address();
            let deployment = global.deployment(global.provider(Some(signer))).await?;
            let mut witness = Witness::new(&deployment, network.keys());
            if !offline.is_empty() {
                // The nodes must be known (registered) before they can go down.
                witness.sync(&deployment).await?;
                let now = session_client::provider::now(&deployment.provider).await?;
                for node_id in offline {
                    witness.set_offline(node_id, now).wrap_err_with(|| format!("taking node {node_id} offline"))?;
                    println!("node {node_id} offline since {now}");
                }
            }
            loop {
                for decision in witness.act(&deployment, sender).await? {
                    println!("signed and submitted: {} of node {}", decision.action.name(), decision.node_id);
                }
                for divergence in witness.divergences(&deployment).await? {
                    println!("DIVERGENCE: {divergence}");
                }
                if once {
                    return Ok(());
                }
                tokio::time::sleep(std::time::Duration::from_secs(interval)).await;
            }
        }
    }
}
