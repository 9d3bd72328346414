//! Signing, proofs of possession and network signatures with non-signers.

use session_bls::{
    Error, PublicKey, SecretKey, aggregate_public_keys, aggregate_signatures,
    messages::{self, Action, Domain},
    non_signer_keys, verify_network_signature,
};

const DOMAIN: Domain = Domain { chain_id: 421_614, contract: [0x5e; 20] };

fn keys(n: u8) -> Vec<SecretKey> {
    (1..=n).map(|i| SecretKey::from_seed(&[i; 32])).collect()
}

#[test]
fn sign_and_verify() {
    let key = SecretKey::from_seed(&[9; 32]);
    let signature = key.sign(b"hello");
    key.public_key().verify(b"hello", &signature).unwrap();
    assert_eq!(key.public_key().verify(b"hellO", &signature), Err(Error::VerificationFailed));
    let other = SecretKey::from_seed(&[10; 32]).public_key();
    assert_eq!(other.verify(b"hello", &signature), Err(Error::VerificationFailed));
}

#[test]
fn proof_of_possession_binds_operator_ed25519_chain_and_contract() {
    let key = SecretKey::from_seed(&[1; 32]);
    let public = key.public_key();
    let (operator, ed25519) = ([0xa1; 20], [0xe1; 32]);
    let proof = key.prove_possession(&DOMAIN, &operator, &ed25519);
    public.verify_proof_of_possession(&DOMAIN, &operator, &ed25519, &proof).unwrap();

    let refused = [
        public.verify_proof_of_possession(&DOMAIN, &[0xb2; 20], &ed25519, &proof),
        public.verify_proof_of_possession(&DOMAIN, &operator, &[0xf2; 32], &proof),
        public.verify_proof_of_possession(&Domain::new(1, DOMAIN.contract), &operator, &ed25519, &proof),
        public.verify_proof_of_possession(&Domain::new(DOMAIN.chain_id, [0; 20]), &operator, &ed25519, &proof),
    ];
    for result in refused {
        assert_eq!(result, Err(Error::VerificationFailed));
    }
}

#[test]
fn network_signature_with_non_signers() {
    let secrets = keys(9);
    let publics: Vec<PublicKey> = secrets.iter().map(SecretKey::public_key).collect();
    let aggregate = aggregate_public_keys(&publics).unwrap();
    let non_signers = [2usize, 6];
    let message = messages::network_action(&DOMAIN, Action::Exit, 4, 1_750_000_000);
    let shares: Vec<_> =
        secrets.iter().enumerate().filter(|(i, _)| !non_signers.contains(i)).map(|(_, sk)| sk.sign(&message)).collect();
    let signature = aggregate_signatures(&shares).unwrap();
    let missing: Vec<PublicKey> = non_signers.iter().map(|&i| publics[i]).collect();

    verify_network_signature(&aggregate, &missing, &message, &signature).unwrap();
    // Forgetting a non-signer, or naming a signer, fails.
    assert_eq!(
        verify_network_signature(&aggregate, &missing[..1], &message, &signature),
        Err(Error::VerificationFailed)
    );
    assert_eq!(
        verify_network_signature(&aggregate, &[missing[0], missing[1], publics[0]], &message, &signature),
        Err(Error::VerificationFailed)
    );
    // Replays on another chain, contract, action, node or timestamp fail.
    for other in [
        messages::network_action(&Domain::new(1, DOMAIN.contract), Action::Exit, 4, 1_750_000_000),
        messages::network_action(&Domain::new(DOMAIN.chain_id, [1; 20]), Action::Exit, 4, 1_750_000_000),
        messages::network_action(&DOMAIN, Action::Liquidation, 4, 1_750_000_000),
        messages::network_action(&DOMAIN, Action::Exit, 5, 1_750_000_000),
        messages::network_action(&DOMAIN, Action::Exit, 4, 1_750_000_001),
    ] {
        assert_eq!(verify_network_signature(&aggregate, &missing, &other, &signature), Err(Error::VerificationFailed));
    }
}

#[test]
fn non_signer_keys_are_sorted_by_id() {
    let publics: Vec<PublicKey> = keys(3).iter().map(SecretKey::public_key).collect();
    let encoded = non_signer_keys(&[(9, publics[0]), (2, publics[1]), (5, publics[2])]).unwrap();
    let expected: Vec<u8> = [publics[1], publics[2], publics[0]].iter().flat_map(PublicKey::to_eip2537).collect();
    assert_eq!(encoded, expected);
    assert_eq!(non_signer_keys(&[]).unwrap(), Vec::<u8>::new());
    assert_eq!(non_signer_keys(&[(4, publics[0]), (4, publics[1])]), Err(Error::DuplicateNonSigner(4)));
}

#[test]
fn empty_aggregates_are_refused() {
    assert_eq!(aggregate_public_keys(&[]), Err(Error::EmptyAggregate));
    assert_eq!(aggregate_signatures(&[]), Err(Error::EmptyAggregate));
}
