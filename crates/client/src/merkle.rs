//! Merkle claims as OpenZeppelin's `StandardMerkleTree` builds them for `(address, uint256)`
//! leaves, so a JavaScript client (`@openzeppelin/merkle-tree`) and this crate agree on the root
//! and on every proof:
//!
//! - leaf = `keccak256(keccak256(abi.encode(account, amount)))` (hashed twice: a leaf can never
//!   be mistaken for an inner node);
//! - leaves sorted by hash; the tree is an array of `2n - 1` nodes with the leaves at its end in
//!   reverse order, node `i` the hash of its children `2i + 1` and `2i + 2`, each pair sorted
//!   before hashing (what `MerkleProof.verify` expects);
//! - a proof is the siblings from the leaf up to the root.

use alloy::primitives::{Address, B256, U256, keccak256};
use alloy::sol_types::SolValue;
use serde::{Deserialize, Serialize};

/// One claim and its proof, as `sesh claims build` writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// Who may claim.
    pub account: Address,
    /// Atomic SESH units, as a decimal string (JavaScript numbers cannot hold them).
    pub amount: String,
    /// Sibling hashes from the leaf to the root.
    pub proof: Vec<B256>,
}

/// A claims file: the root and every claim with its proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimsFile {
    /// The Merkle root the distributor holds.
    pub root: B256,
    /// Every claim, in the list's order.
    pub claims: Vec<Claim>,
}

/// The leaf of `(account, amount)`.
pub fn leaf(account: Address, amount: U256) -> B256 {
    keccak256(keccak256((account, amount).abi_encode()))
}

fn hash_pair(a: B256, b: B256) -> B256 {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    let mut bytes = [0u8; 64];
    bytes[..32].copy_from_slice(low.as_slice());
    bytes[32..].copy_from_slice(high.as_slice());
    keccak256(bytes)
}

/// The tree of `claims` (in any order; duplicates are separate leaves, claimed separately).
pub fn build(claims: &[(Address, U256)]) -> Option<ClaimsFile> {
    if claims.is_empty() {
        return None;
    }
    let mut leaves: Vec<(B256, usize)> = claims.iter().enumerate().map(|(i, (a, v))| (leaf(*a, *v), i)).collect();
    leaves.sort();
    let n = leaves.len();
    let mut tree = vec![B256::ZERO; 2 * n - 1];
    let mut position = vec![0usize; n];
    for (k, (hash, original)) in leaves.iter().enumerate() {
        let at = tree.len() - 1 - k;
        tree[at] = *hash;
        position[*original] = at;
    }
    for i in (0..tree.len() - n).rev() {
        tree[i] = hash_pair(tree[2 * i + 1], tree[2 * i + 2]);
    }
    let proof = |mut i: usize| {
        let mut siblings = Vec::new();
        while i > 0 {
            siblings.push(tree[if i % 2 == 1 { i + 1 } else { i - 1 }]);
            i = (i - 1) / 2;
        }
        siblings
    };
    let claims = claims
        .iter()
        .enumerate()
        .map(|(i, (account, amount))| Claim {
            account: *account,
            amount: amount.to_string(),
            proof: proof(position[i]),
        })
        .collect();
    Some(ClaimsFile { root: tree[0], claims })
}

/// Checks `proof` for `(account, amount)` against `root`, as `MerkleProof.verify` does.
pub fn verify(root: B256, account: Address, amount: U256, proof: &[B256]) -> bool {
    proof.iter().fold(leaf(account, amount), |node, sibling| hash_pair(node, *sibling)) == root
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// The contracts' fixture: a CSV and the tree `@openzeppelin/merkle-tree` built from it.
    fn fixture() -> (Vec<(Address, U256)>, ClaimsFile) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../contracts/test/fixtures/merkle");
        let csv = std::fs::read_to_string(dir.join("claims.csv")).unwrap();
        let rows = csv
            .lines()
            .skip(1)
            .map(|l| {
                let (a, v) = l.split_once(',').unwrap();
                (Address::from_str(a).unwrap(), U256::from_str(v).unwrap())
            })
            .collect();
        let json: ClaimsFile =
            serde_json::from_str(&std::fs::read_to_string(dir.join("claims.json")).unwrap()).unwrap();
        (rows, json)
    }

    #[test]
    fn the_root_and_proofs_are_openzeppelins() {
        let (rows, expected) = fixture();
        let built = build(&rows).unwrap();
        assert_eq!(built.root, expected.root);
        for claim in &expected.claims {
            let ours = built.claims.iter().find(|c| c.account == claim.account && c.amount == claim.amount).unwrap();
            assert_eq!(ours.proof, claim.proof, "proof of {} {}", claim.account, claim.amount);
        }
    }

    #[test]
    fn every_proof_verifies_and_no_other_amount_does() {
        let (rows, _) = fixture();
        let built = build(&rows).unwrap();
        for (claim, (account, amount)) in built.claims.iter().zip(&rows) {
            assert!(verify(built.root, *account, *amount, &claim.proof));
            assert!(!verify(built.root, *account, *amount + U256::from(1), &claim.proof));
        }
        let one = build(&rows[..1]).unwrap();
        assert_eq!(one.root, leaf(rows[0].0, rows[0].1));
        assert!(one.claims[0].proof.is_empty());
    }
}
