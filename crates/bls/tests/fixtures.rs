//! Cross-language fixtures: keys, proofs of possession and network signatures made here are
//! committed as `contracts/test/fixtures/bls/consensus.json` and verified by forge
//! (`contracts/test/unit/consensus/Fixtures.t.sol`) and by this file.
//!
//! The fixture is regenerated from fixed seeds on every run; a committed file that differs (stale
//! after a change of scheme, encoding or message layout) fails `fixtures_are_up_to_date`.
//! Rewrite it with `UPDATE_FIXTURES=1 cargo test -p session-bls --test fixtures`.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use session_bls::{
    DST, PublicKey, SecretKey, Signature, aggregate_public_keys, aggregate_signatures,
    messages::{self, Action, Domain},
    non_signer_keys, verify_network_signature,
};

const CHAIN_ID: u64 = 421_614;
const CONTRACT: [u8; 20] = [
    0x5e, 0x55, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0,
    0xde,
];
const NODES: u8 = 12;
const TIMESTAMP: u64 = 1_750_000_000;

/// (action, node id, seconds after TIMESTAMP, non-signer ids): every action, 0 to 4 (= 12 / 3)
/// non-signers.
const SIGNATURES: [(Action, u64, u64, &[u64]); 4] = [
    (Action::Exit, 3, 0, &[]),
    (Action::Liquidation, 5, 60, &[2, 7]),
    (Action::Decommission, 8, 120, &[1, 4, 11, 12]),
    (Action::Recommission, 8, 180, &[12]),
];

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Fixture {
    description: String,
    dst: String,
    chain_id: u64,
    contract: String,
    nodes: Vec<Node>,
    aggregate_public_key: String,
    network_signatures: Vec<NetworkSignature>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Node {
    id: u64,
    seed: String,
    secret_key: String,
    public_key: String,
    operator: String,
    ed25519_key: String,
    proof_of_possession_message: String,
    proof_of_possession: String,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NetworkSignature {
    action: String,
    tag: String,
    node_id: u64,
    timestamp: u64,
    non_signer_ids: Vec<u64>,
    non_signer_keys: String,
    message: String,
    signature: String,
}

fn hex0x(bytes: impl AsRef<[u8]>) -> String {
    format!("0x{}", hex::encode(bytes))
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s.strip_prefix("0x").expect("0x prefix")).expect("hex")
}

fn seed(id: u64) -> [u8; 32] {
    let mut seed = *b"session-bls fixture node seed 00";
    seed[30] = b'0' + (id / 10) as u8;
    seed[31] = b'0' + (id % 10) as u8;
    seed
}

fn operator(id: u64) -> [u8; 20] {
    let mut operator = [0x0a; 20];
    operator[19] = id as u8;
    operator
}

fn ed25519_key(id: u64) -> [u8; 32] {
    let mut key = [0xed; 32];
    key[31] = id as u8;
    key
}

fn generate() -> Fixture {
    let domain = Domain::new(CHAIN_ID, CONTRACT);
    let ids: Vec<u64> = (1..=u64::from(NODES)).collect();
    let secrets: Vec<SecretKey> = ids.iter().map(|&id| SecretKey::from_seed(&seed(id))).collect();
    let publics: Vec<PublicKey> = secrets.iter().map(SecretKey::public_key).collect();

    let nodes = ids
        .iter()
        .zip(&secrets)
        .map(|(&id, sk)| Node {
            id,
            seed: hex0x(seed(id)),
            secret_key: hex0x(sk.to_bytes()),
            public_key: hex0x(sk.public_key().to_eip2537()),
            operator: hex0x(operator(id)),
            ed25519_key: hex0x(ed25519_key(id)),
            proof_of_possession_message: hex0x(messages::proof_of_possession(
                &domain,
                &sk.public_key().to_eip2537(),
                &operator(id),
                &ed25519_key(id),
            )),
            proof_of_possession: hex0x(sk.prove_possession(&domain, &operator(id), &ed25519_key(id)).to_eip2537()),
        })
        .collect();

    let network_signatures = SIGNATURES
        .iter()
        .map(|&(action, node_id, delay, non_signers)| {
            let timestamp = TIMESTAMP + delay;
            let message = messages::network_action(&domain, action, node_id, timestamp);
            // Each signer signs on its own; the aggregator adds the shares.
            let shares: Vec<Signature> = ids
                .iter()
                .zip(&secrets)
                .filter(|(id, _)| !non_signers.contains(id))
                .map(|(_, sk)| sk.sign_action(&domain, action, node_id, timestamp))
                .collect();
            let keyed: Vec<(u64, PublicKey)> = non_signers.iter().map(|&id| (id, publics[(id - 1) as usize])).collect();
            NetworkSignature {
                action: action.name().to_owned(),
                tag: hex0x(action.tag()),
                node_id,
                timestamp,
                non_signer_ids: non_signers.to_vec(),
                non_signer_keys: hex0x(non_signer_keys(&keyed).expect("distinct ids")),
                message: hex0x(message),
                signature: hex0x(aggregate_signatures(&shares).expect("signers").to_eip2537()),
            }
        })
        .collect();

    Fixture {
        description: "Generated by crates/bls/tests/fixtures.rs (session-bls) from fixed seeds; verified there and in \
                      contracts/test/unit/consensus/Fixtures.t.sol. Regenerate with UPDATE_FIXTURES=1 cargo test -p \
                      session-bls --test fixtures."
            .to_owned(),
        dst: String::from_utf8(DST.to_vec()).expect("ascii"),
        chain_id: CHAIN_ID,
        contract: hex0x(CONTRACT),
        nodes,
        aggregate_public_key: hex0x(aggregate_public_keys(&publics).expect("keys").to_eip2537()),
        network_signatures,
    }
}

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../contracts/test/fixtures/bls/consensus.json")
}

fn render(fixture: &Fixture) -> String {
    serde_json::to_string_pretty(fixture).expect("serialisable") + "\n"
}

#[test]
fn fixtures_are_up_to_date() {
    let fresh = render(&generate());
    let path = path();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create fixture directory");
        std::fs::write(&path, &fresh).expect("write fixture");
        return;
    }
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; generate it with UPDATE_FIXTURES=1", path.display()));
    assert!(
        committed == fresh,
        "{} is stale: it differs from what session-bls generates now. If the change is intended, rewrite it with \
         `UPDATE_FIXTURES=1 cargo test -p session-bls --test fixtures` and rerun the forge tests.",
        path.display()
    );
}

/// Verifies the committed file on its own terms (keys, messages and signatures as written), so a
/// hand-edited fixture fails here as well as in forge.
#[test]
fn committed_fixtures_verify() {
    // While `fixtures_are_up_to_date` rewrites the file, check what it writes instead.
    let fixture: Fixture = if std::env::var_os("UPDATE_FIXTURES").is_some() {
        generate()
    } else {
        serde_json::from_str(&std::fs::read_to_string(path()).expect("fixture present")).expect("fixture parses")
    };
    assert_eq!(fixture.dst.as_bytes(), DST);
    let contract: [u8; 20] = unhex(&fixture.contract).try_into().expect("20-byte address");
    let domain = Domain::new(fixture.chain_id, contract);

    let mut keys = Vec::new();
    for node in &fixture.nodes {
        let key = PublicKey::from_eip2537(&unhex(&node.public_key)).expect("valid key");
        let secret = SecretKey::from_bytes(&unhex(&node.secret_key).try_into().expect("32 bytes")).expect("scalar");
        assert_eq!(secret.public_key(), key);
        let operator: [u8; 20] = unhex(&node.operator).try_into().expect("address");
        let ed25519: [u8; 32] = unhex(&node.ed25519_key).try_into().expect("32 bytes");
        let message = unhex(&node.proof_of_possession_message);
        assert_eq!(message, messages::proof_of_possession(&domain, &key.to_eip2537(), &operator, &ed25519));
        let proof = Signature::from_eip2537(&unhex(&node.proof_of_possession)).expect("valid signature");
        key.verify(&message, &proof).expect("proof of possession verifies");
        key.verify_proof_of_possession(&domain, &operator, &ed25519, &proof).expect("bound to its fields");
        keys.push((node.id, key));
    }

    let publics: Vec<PublicKey> = keys.iter().map(|(_, k)| *k).collect();
    let aggregate = PublicKey::from_eip2537(&unhex(&fixture.aggregate_public_key)).expect("aggregate");
    assert_eq!(aggregate, aggregate_public_keys(&publics).expect("keys"));

    for entry in &fixture.network_signatures {
        let action = Action::ALL.into_iter().find(|a| a.name() == entry.action).expect("known action");
        assert_eq!(unhex(&entry.tag), action.tag());
        let message = unhex(&entry.message);
        assert_eq!(message, messages::network_action(&domain, action, entry.node_id, entry.timestamp));
        let non_signers: Vec<(u64, PublicKey)> = entry
            .non_signer_ids
            .iter()
            .map(|id| *keys.iter().find(|(k, _)| k == id).expect("registered non-signer"))
            .collect();
        assert_eq!(unhex(&entry.non_signer_keys), non_signer_keys(&non_signers).expect("distinct"));
        let missing: Vec<PublicKey> = non_signers.iter().map(|(_, k)| *k).collect();
        let signature = Signature::from_eip2537(&unhex(&entry.signature)).expect("valid signature");
        verify_network_signature(&aggregate, &missing, &message, &signature).expect("network signature verifies");
        for other in Action::ALL.into_iter().filter(|a| *a != action) {
            let replay = messages::network_action(&domain, other, entry.node_id, entry.timestamp);
            assert!(verify_network_signature(&aggregate, &missing, &replay, &signature).is_err());
        }
    }
}
