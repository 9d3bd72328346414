//! Networks `sesh deploy --network NAME` knows: the chain id a deployment must find there, a
//! public endpoint, the block explorer (for links and `forge verify-contract`), and the
//! external contracts already deployed on it that the fee settings may name as `"network"`.
//!
//! Addresses here are facts from their publishers (Uniswap's deployment list); none is assumed
//! where none is published: a config that asks for one the preset lacks is refused.

use crate::genesis::{GenesisConfig, Source};
use alloy::primitives::{Address, address};

/// A known network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    /// Its name on the command line.
    pub name: &'static str,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// A public JSON-RPC endpoint (rate-limited: pass your provider's with `--rpc-url`).
    pub rpc_url: &'static str,
    /// Block explorer, for address links.
    pub explorer: &'static str,
    /// Uniswap v2 Router02, when Uniswap publishes one there.
    pub uniswap_v2_router: Option<Address>,
    /// Real money: the devnet's stand-ins (a price feed the deployer sets, a private Uniswap)
    /// are refused there.
    pub production: bool,
}

/// Every preset.
pub const NETWORKS: &[Network] = &[
    Network {
        name: "arbitrum-one",
        chain_id: 42_161,
        rpc_url: "https://arb1.arbitrum.io/rpc",
        explorer: "https://arbiscan.io",
        uniswap_v2_router: Some(address!("0x4752ba5DBc23f44D87826276BF6Fd6b1C372aD24")),
        production: true,
    },
    Network {
        name: "arbitrum-sepolia",
        chain_id: 421_614,
        rpc_url: "https://sepolia-rollup.arbitrum.io/rpc",
        explorer: "https://sepolia.arbiscan.io",
        uniswap_v2_router: None,
        production: false,
    },
    Network {
        name: "devnet",
        chain_id: 31_337,
        rpc_url: "http://127.0.0.1:8545",
        explorer: "",
        uniswap_v2_router: None,
        production: false,
    },
];

/// The preset called `name`.
pub fn network(name: &str) -> Option<&'static Network> {
    NETWORKS.iter().find(|n| n.name == name)
}

/// The preset of chain `chain_id`, if any.
pub fn network_of_chain(chain_id: u64) -> Option<&'static Network> {
    NETWORKS.iter().find(|n| n.chain_id == chain_id)
}

impl Network {
    /// The explorer's page of `address` (empty without an explorer).
    pub fn address_link(&self, address: Address) -> String {
        if self.explorer.is_empty() { String::new() } else { format!("{}/address/{address}", self.explorer) }
    }
}

/// `genesis` made for `network`: every `"network"` source replaced by the preset's address, and
/// refused where the preset has none, or where a production network would get a devnet stand-in.
pub fn genesis_for(network: &Network, genesis: &GenesisConfig) -> Result<GenesisConfig, String> {
    let mut genesis = genesis.clone();
    if let Some(fees) = genesis.fees.as_mut() {
        for (what, source, known) in [
            ("uniswap_router", &mut fees.uniswap_router, network.uniswap_v2_router),
            ("price_feed", &mut fees.price_feed, None),
        ] {
            match *source {
                Source::Network => {
                    *source = Source::At(known.ok_or_else(|| {
                        format!("{what} = \"network\": {} has no known one; give an address", network.name)
                    })?)
                }
                Source::Devnet if network.production => {
                    return Err(format!(
                        "{what} = \"devnet\" on {}: a stand-in the deployer controls has no place on a production network",
                        network.name
                    ));
                }
                _ => {}
            }
        }
    }
    Ok(genesis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_found_by_name_and_chain() {
        assert_eq!(network("arbitrum-sepolia").unwrap().chain_id, 421_614);
        assert_eq!(network_of_chain(42_161).unwrap().name, "arbitrum-one");
        assert!(network("arbitrum-two").is_none());
        let names: std::collections::HashSet<_> = NETWORKS.iter().map(|n| n.name).collect();
        let chains: std::collections::HashSet<_> = NETWORKS.iter().map(|n| n.chain_id).collect();
        assert_eq!(names.len(), NETWORKS.len(), "names are unique");
        assert_eq!(chains.len(), NETWORKS.len(), "chains are unique");
    }

    #[test]
    fn network_sources_resolve_or_are_refused() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/genesis.devnet.toml");
        let devnet = GenesisConfig::load(&path).unwrap();
        // The devnet's stand-ins are fine on a testnet, refused on a production network.
        assert!(genesis_for(network("arbitrum-sepolia").unwrap(), &devnet).is_ok());
        let refused = genesis_for(network("arbitrum-one").unwrap(), &devnet).unwrap_err();
        assert!(refused.contains("uniswap_router = \"devnet\""), "{refused}");

        let mut config = devnet.clone();
        let fees = config.fees.as_mut().unwrap();
        fees.uniswap_router = Source::Network;
        fees.price_feed = Source::At(Address::repeat_byte(7));
        let one = genesis_for(network("arbitrum-one").unwrap(), &config).unwrap();
        let router = one.fees.unwrap().uniswap_router;
        assert_eq!(router, Source::At(network("arbitrum-one").unwrap().uniswap_v2_router.unwrap()));
        let refused = genesis_for(network("arbitrum-sepolia").unwrap(), &config).unwrap_err();
        assert!(refused.contains("has no known one"), "{refused}");
    }
}
