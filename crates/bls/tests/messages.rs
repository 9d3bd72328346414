//! Message layouts, byte for byte (docs/consensus.md).

use session_bls::{
    SecretKey,
    messages::{self, Action, Domain},
};

fn hex32(s: &str) -> [u8; 32] {
    hex::decode(s).unwrap().try_into().unwrap()
}

#[test]
fn tags_are_the_contract_constants() {
    // cast keccak "session.staking.v1.<name>"
    assert_eq!(
        messages::proof_of_possession_tag(),
        hex32("91c54f04e10e484ef06bb8d1e30314a8f0ca24e52e88321ecfb13144e798e20b")
    );
    assert_eq!(Action::Exit.tag(), hex32("f5f7c657e8312b2b083abd7e7bd133ea654384c8487f30c427879359d2b74088"));
    assert_eq!(Action::Liquidation.tag(), hex32("aeaf49ba51531076ae14a2d99b3dac70af47d2d459235f25813b65a804329248"));
    assert_eq!(Action::Decommission.tag(), hex32("b76d617de63aa951934b75bee6e486a39040447044bdd1d2aa9ed85fb3196beb"));
    assert_eq!(Action::Recommission.tag(), hex32("7630b059c2d601468f42543b3bb49f1795a808f36a08560e7d19cab6f4d6807f"));
}

#[test]
fn network_action_layout() {
    let domain = Domain::new(0x0102_0304_0506_0708, [0xaa; 20]);
    let message = messages::network_action(&domain, Action::Liquidation, 0x1122_3344_5566_7788, 0x99);
    assert_eq!(message.len(), messages::NETWORK_ACTION_LENGTH);
    assert_eq!(message[..32], Action::Liquidation.tag());
    assert_eq!(message[32..56], [0u8; 24]);
    assert_eq!(message[56..64], [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(message[64..84], [0xaa; 20]);
    assert_eq!(message[84..92], [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]);
    assert_eq!(message[92..100], [0, 0, 0, 0, 0, 0, 0, 0x99]);
}

#[test]
fn proof_of_possession_layout() {
    let domain = Domain::new(421_614, [0xbb; 20]);
    let key = SecretKey::from_seed(&[3; 32]).public_key();
    let message = messages::proof_of_possession(&domain, &key.to_eip2537(), &[0xcc; 20], &[0xdd; 32]);
    assert_eq!(message.len(), messages::PROOF_OF_POSSESSION_LENGTH);
    assert_eq!(message[..32], messages::proof_of_possession_tag());
    assert_eq!(message[56..64], 421_614u64.to_be_bytes());
    assert_eq!(message[64..84], [0xbb; 20]);
    assert_eq!(message[84..212], key.to_eip2537());
    assert_eq!(message[212..232], [0xcc; 20]);
    assert_eq!(message[232..264], [0xdd; 32]);
}

#[test]
fn every_field_changes_the_message() {
    let domain = Domain::new(1, [1; 20]);
    let base = messages::network_action(&domain, Action::Exit, 5, 100);
    for other in [
        messages::network_action(&Domain::new(2, [1; 20]), Action::Exit, 5, 100),
        messages::network_action(&Domain::new(1, [2; 20]), Action::Exit, 5, 100),
        messages::network_action(&domain, Action::Liquidation, 5, 100),
        messages::network_action(&domain, Action::Exit, 6, 100),
        messages::network_action(&domain, Action::Exit, 5, 101),
    ] {
        assert_ne!(base, other);
    }
}
