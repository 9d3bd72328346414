//! EIP-2537 encodings: the layout the precompiles expect, checked against outside values.

use session_bls::{Error, PublicKey, SecretKey, Signature};

/// The G1 generator (sk = 1) in the EIP-2537 encoding.
const G1_GENERATOR: &str = concat!(
    "00000000000000000000000000000000",
    "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb",
    "00000000000000000000000000000000",
    "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1",
);

const RFC_DST: &[u8] = b"QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_";

fn one() -> SecretKey {
    let mut bytes = [0u8; 32];
    bytes[31] = 1;
    SecretKey::from_bytes(&bytes).unwrap()
}

fn pad(fields: &[&str]) -> Vec<u8> {
    fields.iter().flat_map(|f| [vec![0u8; 16], hex::decode(f).unwrap()].concat()).collect()
}

#[test]
fn generator_public_key_matches_eip2537_layout() {
    assert_eq!(hex::encode(one().public_key().to_eip2537()), G1_GENERATOR);
}

/// RFC 9380 appendix J.10.1: with sk = 1 a signature is H(msg) itself, so signing the appendix
/// messages under the RFC's DST must give its points, here in the EIP-2537 order (c0 before c1).
#[test]
fn rfc9380_hash_to_g2_vectors_through_signing() {
    let q128 = format!("q128_{}", "q".repeat(128));
    let a512 = format!("a512_{}", "a".repeat(512));
    let vectors: [(&[u8], [&str; 4]); 5] = [
        (
            b"",
            [
                "0141ebfbdca40eb85b87142e130ab689c673cf60f1a3e98d69335266f30d9b8d4ac44c1038e9dcdd5393faf5c41fb78a",
                "05cb8437535e20ecffaef7752baddf98034139c38452458baeefab379ba13dff5bf5dd71b72418717047f5b0f37da03d",
                "0503921d7f6a12805e72940b963c0cf3471c7b2a524950ca195d11062ee75ec076daf2d4bc358c4b190c0c98064fdd92",
                "12424ac32561493f3fe3c260708a12b7c620e7be00099a974e259ddc7d1f6395c3c811cdd19f1e8dbf3e9ecfdcbab8d6",
            ],
        ),
        (
            b"abc",
            [
                "02c2d18e033b960562aae3cab37a27ce00d80ccd5ba4b7fe0e7a210245129dbec7780ccc7954725f4168aff2787776e6",
                "139cddbccdc5e91b9623efd38c49f81a6f83f175e80b06fc374de9eb4b41dfe4ca3a230ed250fbe3a2acf73a41177fd8",
                "1787327b68159716a37440985269cf584bcb1e621d3a7202be6ea05c4cfe244aeb197642555a0645fb87bf7466b2ba48",
                "00aa65dae3c8d732d10ecd2c50f8a1baf3001578f71c694e03866e9f3d49ac1e1ce70dd94a733534f106d4cec0eddd16",
            ],
        ),
        (
            b"abcdef0123456789",
            [
                "121982811d2491fde9ba7ed31ef9ca474f0e1501297f68c298e9f4c0028add35aea8bb83d53c08cfc007c1e005723cd0",
                "190d119345b94fbd15497bcba94ecf7db2cbfd1e1fe7da034d26cbba169fb3968288b3fafb265f9ebd380512a71c3f2c",
                "05571a0f8d3c08d094576981f4a3b8eda0a8e771fcdcc8ecceaf1356a6acf17574518acb506e435b639353c2e14827c8",
                "0bb5e7572275c567462d91807de765611490205a941a5a6af3b1691bfe596c31225d3aabdf15faff860cb4ef17c7c3be",
            ],
        ),
        (
            q128.as_bytes(),
            [
                "19a84dd7248a1066f737cc34502ee5555bd3c19f2ecdb3c7d9e24dc65d4e25e50d83f0f77105e955d78f4762d33c17da",
                "0934aba516a52d8ae479939a91998299c76d39cc0c035cd18813bec433f587e2d7a4fef038260eef0cef4d02aae3eb91",
                "14f81cd421617428bc3b9fe25afbb751d934a00493524bc4e065635b0555084dd54679df1536101b2c979c0152d09192",
                "09bcccfa036b4847c9950780733633f13619994394c23ff0b32fa6b795844f4a0673e20282d07bc69641cee04f5e5662",
            ],
        ),
        (
            a512.as_bytes(),
            [
                "01a6ba2f9a11fa5598b2d8ace0fbe0a0eacb65deceb476fbbcb64fd24557c2f4b18ecfc5663e54ae16a84f5ab7f62534",
                "11fca2ff525572795a801eed17eb12785887c7b63fb77a42be46ce4a34131d71f7a73e95fee3f812aea3de78b4d01569",
                "0b6798718c8aed24bc19cb27f866f1c9effcdbf92397ad6448b5c9db90d2b9da6cbabf48adc1adf59a1a28344e79d57e",
                "03a47f8e6d1763ba0cad63d6114c0accbef65707825a511b251a660a9b3994249ae4e63fac38b23da0c398689ee2ab52",
            ],
        ),
    ];
    let sk = blst::min_pk::SecretKey::from_bytes(&one().to_bytes()).unwrap();
    for (message, fields) in vectors {
        let point = Signature::from_blst(sk.sign(message, RFC_DST, &[]));
        assert_eq!(point.to_eip2537().to_vec(), pad(&fields));
        assert_eq!(Signature::from_eip2537(&point.to_eip2537()).unwrap(), point);
    }
}

#[test]
fn round_trips() {
    for seed in 0..8u8 {
        let key = SecretKey::from_seed(&[seed; 32]);
        let public = key.public_key();
        assert_eq!(PublicKey::from_eip2537(&public.to_eip2537()).unwrap(), public);
        let signature = key.sign(&[seed]);
        assert_eq!(Signature::from_eip2537(&signature.to_eip2537()).unwrap(), signature);
        assert_eq!(SecretKey::from_bytes(&key.to_bytes()).unwrap().to_bytes(), key.to_bytes());
    }
}

#[test]
fn from_seed_is_deterministic_and_seed_dependent() {
    assert_eq!(SecretKey::from_seed(&[1; 32]).to_bytes(), SecretKey::from_seed(&[1; 32]).to_bytes());
    assert_ne!(SecretKey::from_seed(&[1; 32]).to_bytes(), SecretKey::from_seed(&[2; 32]).to_bytes());
}

#[test]
fn refuses_malformed_public_keys() {
    let good = one().public_key().to_eip2537();
    assert_eq!(PublicKey::from_eip2537(&good[..127]), Err(Error::InvalidLength { expected: 128, actual: 127 }));
    assert_eq!(PublicKey::from_eip2537(&[0u8; 128]), Err(Error::PublicKeyAtInfinity));

    let mut padded = good;
    padded[64] = 1;
    assert_eq!(PublicKey::from_eip2537(&padded), Err(Error::NonZeroPadding { index: 1 }));

    let mut off_curve = good;
    off_curve[127] ^= 1;
    assert_eq!(PublicKey::from_eip2537(&off_curve), Err(Error::NotOnCurve));

    // (4, sqrt(68)): on the curve, outside the subgroup (same point as the forge tests).
    let mut outside = [0u8; 128];
    outside[63] = 4;
    outside[80..].copy_from_slice(
        &hex::decode(
            "0a989badd40d6212b33cffc3f3763e9bc760f988c9926b26da9dd85e928483446346b8ed00e1de5d5ea93e354abe706c",
        )
        .unwrap(),
    );
    assert_eq!(PublicKey::from_eip2537(&outside), Err(Error::NotInSubgroup));

    // A coordinate >= p: the top bits of the 48-byte element are set.
    let mut big = good;
    big[16] = 0xff;
    assert_eq!(PublicKey::from_eip2537(&big), Err(Error::NotOnCurve));
}

#[test]
fn refuses_malformed_signatures() {
    let good = one().sign(b"abc").to_eip2537();
    assert_eq!(Signature::from_eip2537(&good[..255]), Err(Error::InvalidLength { expected: 256, actual: 255 }));
    assert_eq!(Signature::from_eip2537(&[0u8; 256]), Err(Error::SignatureAtInfinity));
    let mut padded = good;
    padded[0] = 1;
    assert_eq!(Signature::from_eip2537(&padded), Err(Error::NonZeroPadding { index: 0 }));
    let mut off_curve = good;
    off_curve[255] ^= 1;
    assert_eq!(Signature::from_eip2537(&off_curve), Err(Error::NotOnCurve));
}
