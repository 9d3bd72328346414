//! The network's signature on a decision: every online node signs, the offline ones are the
//! non-signers the contract subtracts from its aggregate key.

use session_bls::{
    PublicKey, Signature, aggregate_public_keys, aggregate_signatures,
    messages::{Action, Domain},
    non_signer_keys,
};
use session_keys::NodeKeys;
use std::collections::BTreeMap;
use thiserror::Error;

/// Why the network could not sign.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum NetworkError {
    /// No node of the network is online to sign.
    #[error("no online node to sign")]
    NoSigner,
    /// A registration id the network does not know.
    #[error("node {0} is not in the network")]
    UnknownNode(u64),
    /// An error of the BLS layer.
    #[error(transparent)]
    Bls(#[from] session_bls::Error),
}

/// An aggregate signature, in the form the contract takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkSignature {
    /// Registration ids of the non-signers, increasing.
    pub non_signers: Vec<u64>,
    /// Their 128-byte keys concatenated in that order (the contract's `nonSignerKeys`).
    pub non_signer_keys: Vec<u8>,
    /// The aggregate signature, 256 bytes (EIP-2537 G2).
    pub signature: Vec<u8>,
}

impl From<&NetworkSignature> for session_client::staking::SignedDecision {
    fn from(signed: &NetworkSignature) -> Self {
        Self { non_signer_keys: signed.non_signer_keys.clone(), signature: signed.signature.clone() }
    }
}

struct Member {
    /// The secret keys, for nodes this simulation runs; `None` for nodes it only observes.
    keys: Option<NodeKeys>,
    public: PublicKey,
    online: bool,
}

/// The active nodes of the network, by registration id, as the contract counts them.
pub struct SimulatedNetwork {
    domain: Domain,
    members: BTreeMap<u64, Member>,
}

impl SimulatedNetwork {
    /// An empty network signing for `domain` (the chain and the staking registry).
    pub fn new(domain: Domain) -> Self {
        Self { domain, members: BTreeMap::new() }
    }

    /// The domain the network signs for.
    pub fn domain(&self) -> Domain {
        self.domain
    }

    /// A node this simulation runs joined (its key entered the contract's aggregate).
    pub fn join(&mut self, node_id: u64, keys: NodeKeys) {
        let public = keys.bls_public();
        self.members.insert(node_id, Member { keys: Some(keys), public, online: true });
    }

    /// A node someone else runs joined: the simulation knows only its public key, so it never
    /// signs and is always listed among the non-signers.
    pub fn observe(&mut self, node_id: u64, public: PublicKey) {
        self.members.insert(node_id, Member { keys: None, public, online: false });
    }

    /// A node left (exit or liquidation removed its key from the aggregate).
    pub fn leave(&mut self, node_id: u64) -> bool {
        self.members.remove(&node_id).is_some()
    }

    /// Whether the node is active and online (signing).
    pub fn is_online(&self, node_id: u64) -> bool {
        self.members.get(&node_id).is_some_and(|m| m.online)
    }

    /// Takes a node offline (it stops signing) or back online.
    pub fn set_online(&mut self, node_id: u64, online: bool) -> Result<(), NetworkError> {
        let member = self.members.get_mut(&node_id).ok_or(NetworkError::UnknownNode(node_id))?;
        member.online = online && member.keys.is_some();
        Ok(())
    }

    /// Registration ids of the active nodes, increasing.
    pub fn node_ids(&self) -> Vec<u64> {
        self.members.keys().copied().collect()
    }

    /// The keys of an active node this simulation runs.
    pub fn keys(&self, node_id: u64) -> Option<&NodeKeys> {
        self.members.get(&node_id).and_then(|m| m.keys.as_ref())
    }

    /// Number of active nodes.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no node is active.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The aggregate of every active key: what the contract must hold.
    pub fn aggregate_public_key(&self) -> Result<PublicKey, NetworkError> {
        let keys: Vec<PublicKey> = self.members.values().map(|m| m.public).collect();
        Ok(aggregate_public_keys(&keys)?)
    }

    /// The network's signature of `action` on `node_id` at `timestamp`.
    pub fn sign(&self, action: Action, node_id: u64, timestamp: u64) -> Result<NetworkSignature, NetworkError> {
        let (online, offline): (Vec<_>, Vec<_>) = self.members.iter().partition(|(_, m)| m.online);
        if online.is_empty() {
            return Err(NetworkError::NoSigner);
        }
        let signatures: Vec<Signature> = online
            .iter()
            .filter_map(|(_, m)| m.keys.as_ref())
            .map(|keys| keys.bls().sign_action(&self.domain, action, node_id, timestamp))
            .collect();
        let non_signers: Vec<(u64, PublicKey)> = offline.iter().map(|(id, m)| (**id, m.public)).collect();
        Ok(NetworkSignature {
            non_signers: non_signers.iter().map(|(id, _)| *id).collect(),
            non_signer_keys: non_signer_keys(&non_signers)?,
            signature: aggregate_signatures(&signatures)?.to_eip2537().to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use session_bls::{messages::network_action, verify_network_signature};

    fn network(size: u64) -> SimulatedNetwork {
        let mut network = SimulatedNetwork::new(Domain::new(31337, [7; 20]));
        for id in 1..=size {
            network.join(id, NodeKeys::derived(42, id));
        }
        network
    }

    #[test]
    fn signature_with_offline_nodes_verifies_against_aggregate_minus_non_signers() {
        let mut network = network(6);
        network.set_online(2, false).unwrap();
        network.set_online(5, false).unwrap();
        let signed = network.sign(Action::Exit, 3, 1_000).unwrap();
        assert_eq!(signed.non_signers, vec![2, 5]);
        assert_eq!(signed.non_signer_keys.len(), 2 * session_bls::G1_LENGTH);

        let non_signers = [network.keys(2).unwrap().bls_public(), network.keys(5).unwrap().bls_public()];
        let message = network_action(&network.domain(), Action::Exit, 3, 1_000);
        let signature = Signature::from_eip2537(&signed.signature).unwrap();
        verify_network_signature(&network.aggregate_public_key().unwrap(), &non_signers, &message, &signature).unwrap();
        // The same signature is no good for another action or node.
        let other = network_action(&network.domain(), Action::Liquidation, 3, 1_000);
        assert!(
            verify_network_signature(&network.aggregate_public_key().unwrap(), &non_signers, &other, &signature)
                .is_err()
        );
    }

    #[test]
    fn refuses_to_sign_with_nobody_online_or_for_unknown_nodes() {
        let mut network = network(1);
        assert_eq!(network.set_online(9, false), Err(NetworkError::UnknownNode(9)));
        network.set_online(1, false).unwrap();
        assert_eq!(network.sign(Action::Exit, 1, 1), Err(NetworkError::NoSigner));
    }

    #[test]
    fn an_observed_node_is_always_a_non_signer() {
        let mut network = network(2);
        network.observe(3, NodeKeys::derived(99, 3).bls_public());
        network.set_online(3, true).unwrap();
        assert!(!network.is_online(3), "no secret key: cannot come online");
        let signed = network.sign(Action::Exit, 1, 5).unwrap();
        assert_eq!(signed.non_signers, vec![3]);
    }

    #[test]
    fn leaving_removes_the_key_from_the_aggregate() {
        let mut network = network(3);
        assert!(network.leave(2));
        let expected =
            aggregate_public_keys(&[NodeKeys::derived(42, 1).bls_public(), NodeKeys::derived(42, 3).bls_public()])
                .unwrap();
        assert_eq!(network.aggregate_public_key().unwrap(), expected);
        assert_eq!(network.node_ids(), vec![1, 3]);
    }
}
