//! The network's signature for a simulation of thousands of nodes, in one signing operation.
//!
//! BLS signatures add up: the aggregate of every signer's `sk_i * H(m)` is `(sum sk_i) * H(m)`.
//! The simulated network of `session-network` signs with each node's key and aggregates (the
//! real network's way, about a millisecond a node); here the signers' secret keys are summed
//! modulo the group order as nodes join, leave or go offline, and a decision costs one
//! signature whatever the network's size. The registry checks it exactly as any other.

use alloy::primitives::{U256, uint};
use eyre::{OptionExt, eyre};
use session_bls::{
    PublicKey, SecretKey,
    messages::{Action, Domain},
    non_signer_keys,
};
use session_client::staking::SignedDecision;
use session_keys::NodeKeys;
use std::collections::BTreeMap;

/// The order r of the BLS12-381 groups: secret keys are scalars modulo r.
const R: U256 = uint!(0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001_U256);

struct Member {
    secret: U256,
    public: PublicKey,
    online: bool,
}

/// The signing network: members, who is online, and the sum of the online members' keys.
pub struct FastNetwork {
    domain: Domain,
    members: BTreeMap<u64, Member>,
    online_sum: U256,
}

impl FastNetwork {
    /// An empty network signing for `domain`.
    pub fn new(domain: Domain) -> Self {
        Self { domain, members: BTreeMap::new(), online_sum: U256::ZERO }
    }

    /// Node `id` joins, online.
    pub fn join(&mut self, id: u64, keys: &NodeKeys) {
        let secret = U256::from_be_bytes(keys.bls().to_bytes());
        self.online_sum = self.online_sum.add_mod(secret, R);
        self.members.insert(id, Member { secret, public: keys.bls_public(), online: true });
    }

    /// Node `id` leaves the network.
    pub fn leave(&mut self, id: u64) {
        if let Some(member) = self.members.remove(&id)
            && member.online
        {
            self.online_sum = self.online_sum.add_mod(R - member.secret, R);
        }
    }

    /// Node `id` goes offline (a non-signer) or comes back.
    pub fn set_online(&mut self, id: u64, online: bool) -> eyre::Result<()> {
        let member = self.members.get_mut(&id).ok_or_else(|| eyre!("node {id} is not in the network"))?;
        if member.online != online {
            member.online = online;
            let change = if online { member.secret } else { R - member.secret };
            self.online_sum = self.online_sum.add_mod(change, R);
        }
        Ok(())
    }

    /// The network's decision `action` on `node_id` at `timestamp`: signed by every online member,
    /// the offline ones listed as non-signers.
    pub fn sign(&self, action: Action, node_id: u64, timestamp: u64) -> eyre::Result<SignedDecision> {
        let secret = SecretKey::from_bytes(&self.online_sum.to_be_bytes::<32>())
            .map_err(|_| eyre!("the online members' keys sum to zero"))?;
        let offline: Vec<(u64, PublicKey)> =
            self.members.iter().filter(|(_, m)| !m.online).map(|(id, m)| (*id, m.public)).collect();
        let signature = secret.sign_action(&self.domain, action, node_id, timestamp);
        Ok(SignedDecision {
            non_signer_keys: non_signer_keys(&offline).map_err(|e| eyre!("non-signer keys: {e}"))?,
            signature: signature.to_eip2537().to_vec(),
        })
    }

    /// Members online.
    pub fn online(&self) -> usize {
        self.members.values().filter(|m| m.online).count()
    }

    /// A member's key, for tests.
    pub fn public_key(&self, id: u64) -> eyre::Result<PublicKey> {
        Ok(self.members.get(&id).ok_or_eyre("no such member")?.public)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use session_network::SimulatedNetwork;

    #[test]
    fn one_signature_equals_the_aggregate_of_every_members() {
        let domain = Domain::new(31337, [9; 20]);
        let (mut fast, mut slow) = (FastNetwork::new(domain), SimulatedNetwork::new(domain));
        for id in 1..=12 {
            fast.join(id, &NodeKeys::derived(7, id));
            slow.join(id, NodeKeys::derived(7, id));
        }
        fast.leave(3);
        slow.leave(3);
        fast.set_online(5, false).unwrap();
        slow.set_online(5, false).unwrap();
        let (a, b) =
            (fast.sign(Action::Liquidation, 8, 1_000).unwrap(), slow.sign(Action::Liquidation, 8, 1_000).unwrap());
        assert_eq!(a.signature, b.signature);
        assert_eq!(a.non_signer_keys, b.non_signer_keys);
        fast.set_online(5, true).unwrap();
        assert_eq!(fast.online(), 11);
    }
}
