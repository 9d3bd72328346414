//! Keys, signatures, aggregation and verification.

use blst::{
    BLST_ERROR,
    min_pk::{self, AggregatePublicKey, AggregateSignature},
};

use crate::{
    DST, Error, G1_LENGTH, G2_LENGTH, encoding,
    messages::{self, Action, Domain},
};

/// A node's BLS secret key (a scalar below the group order r).
#[derive(Clone)]
pub struct SecretKey(min_pk::SecretKey);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

impl SecretKey {
    /// Derives a key from 32 bytes of seed material with the IETF `KeyGen` (the one in blst and
    /// EIP-2333, salt "BLS-SIG-KEYGEN-SALT-", no key info). The same seed always gives the same key.
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        match min_pk::SecretKey::key_gen(seed, &[]) {
            Ok(key) => Self(key),
            // key_gen refuses only seeds shorter than 32 bytes.
            Err(error) => unreachable!("KeyGen of a 32-byte seed failed: {error:?}"),
        }
    }

    /// Reads a key from its 32-byte big-endian scalar; refuses 0 and values not below r.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, Error> {
        min_pk::SecretKey::from_bytes(bytes).map(Self).map_err(|_| Error::InvalidSecretKey)
    }

    /// The 32-byte big-endian scalar.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The public key, `sk * g1`.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.sk_to_pk())
    }

    /// Signs `message`: `sk * H(message)` with H the hash to G2 under [`DST`].
    pub fn sign(&self, message: &[u8]) -> Signature {
        Signature(self.0.sign(message, DST, &[]))
    }

    /// Proof of possession for registration: signs [`messages::proof_of_possession`] for this
    /// key, `operator` and `ed25519_key` in `domain`.
    pub fn prove_possession(&self, domain: &Domain, operator: &[u8; 20], ed25519_key: &[u8; 32]) -> Signature {
        self.sign(&messages::proof_of_possession(domain, &self.public_key().to_eip2537(), operator, ed25519_key))
    }

    /// This node's share of a network decision: signs [`messages::network_action`].
    pub fn sign_action(&self, domain: &Domain, action: Action, node_id: u64, timestamp: u64) -> Signature {
        self.sign(&messages::network_action(domain, action, node_id, timestamp))
    }
}

/// A BLS public key: a point of G1's prime-order subgroup, never the point at infinity.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(min_pk::PublicKey);

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey(0x")?;
        self.to_eip2537().iter().try_for_each(|b| write!(f, "{b:02x}"))?;
        write!(f, ")")
    }
}

impl PublicKey {
    /// Reads a key in the 128-byte EIP-2537 G1 encoding. Refuses wrong lengths, non-zero padding,
    /// non-canonical coordinates, points off the curve or outside the subgroup, and infinity,
    /// like the contracts do.
    pub fn from_eip2537(bytes: &[u8]) -> Result<Self, Error> {
        let blst = encoding::g1_from_eip2537(bytes)?;
        let key = min_pk::PublicKey::deserialize(&blst)?;
        key.validate()?;
        Ok(Self(key))
    }

    /// The 128-byte EIP-2537 G1 encoding, the one the contracts store and take as input.
    pub fn to_eip2537(&self) -> [u8; G1_LENGTH] {
        encoding::g1_to_eip2537(&self.0.serialize())
    }

    /// Checks that `signature` is this key's signature of `message`.
    pub fn verify(&self, message: &[u8], signature: &Signature) -> Result<(), Error> {
        match signature.0.verify(true, message, DST, &[], &self.0, true) {
            BLST_ERROR::BLST_SUCCESS => Ok(()),
            BLST_ERROR::BLST_VERIFY_FAIL => Err(Error::VerificationFailed),
            other => Err(other.into()),
        }
    }

    /// Checks a proof of possession made with [`SecretKey::prove_possession`].
    pub fn verify_proof_of_possession(
        &self,
        domain: &Domain,
        operator: &[u8; 20],
        ed25519_key: &[u8; 32],
        proof: &Signature,
    ) -> Result<(), Error> {
        self.verify(&messages::proof_of_possession(domain, &self.to_eip2537(), operator, ed25519_key), proof)
    }

    /// The blst key, for callers that need more of blst.
    pub fn as_blst(&self) -> &min_pk::PublicKey {
        &self.0
    }
}

/// A BLS signature: a point of G2's prime-order subgroup.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature(min_pk::Signature);

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signature(0x")?;
        self.to_eip2537().iter().try_for_each(|b| write!(f, "{b:02x}"))?;
        write!(f, ")")
    }
}

impl Signature {
    /// Reads a signature in the 256-byte EIP-2537 G2 encoding. Refuses what the contracts
    /// refuse: wrong lengths, non-zero padding, points off the curve or outside the subgroup, and
    /// the point at infinity.
    pub fn from_eip2537(bytes: &[u8]) -> Result<Self, Error> {
        let blst = encoding::g2_from_eip2537(bytes)?;
        if blst[0] & 0x40 != 0 {
            return Err(Error::SignatureAtInfinity);
        }
        let signature = min_pk::Signature::deserialize(&blst)?;
        signature.validate(true)?;
        Ok(Self(signature))
    }

    /// The 256-byte EIP-2537 G2 encoding the contracts take.
    pub fn to_eip2537(&self) -> [u8; G2_LENGTH] {
        encoding::g2_to_eip2537(&self.0.serialize())
    }

    /// Wraps a blst signature (made with [`DST`] for it to verify on-chain).
    pub fn from_blst(signature: min_pk::Signature) -> Self {
        Self(signature)
    }

    /// The blst signature, for callers that need more of blst.
    pub fn as_blst(&self) -> &min_pk::Signature {
        &self.0
    }
}

/// Sum of public keys (what the contract keeps for all active nodes).
pub fn aggregate_public_keys(keys: &[PublicKey]) -> Result<PublicKey, Error> {
    let refs: Vec<&min_pk::PublicKey> = keys.iter().map(|k| &k.0).collect();
    let aggregate = AggregatePublicKey::aggregate(&refs, false).map_err(|e| match e {
        BLST_ERROR::BLST_AGGR_TYPE_MISMATCH => Error::EmptyAggregate,
        other => other.into(),
    })?;
    Ok(PublicKey(aggregate.to_public_key()))
}

/// Sum of signatures: the network signature of a message all the signers signed.
pub fn aggregate_signatures(signatures: &[Signature]) -> Result<Signature, Error> {
    let refs: Vec<&min_pk::Signature> = signatures.iter().map(|s| &s.0).collect();
    let aggregate = AggregateSignature::aggregate(&refs, false).map_err(|e| match e {
        BLST_ERROR::BLST_AGGR_TYPE_MISMATCH => Error::EmptyAggregate,
        other => other.into(),
    })?;
    Ok(Signature(aggregate.to_signature()))
}

/// Verifies a network signature the way the contract does: against `aggregate` (all active
/// keys) minus the `non_signers`' keys.
pub fn verify_network_signature(
    aggregate: &PublicKey,
    non_signers: &[PublicKey],
    message: &[u8],
    signature: &Signature,
) -> Result<(), Error> {
    let mut signers = AggregatePublicKey::from_public_key(&aggregate.0);
    for key in non_signers {
        signers.sub_aggregate(&AggregatePublicKey::from_public_key(&key.0));
    }
    let signers = signers.to_public_key();
    match signature.0.verify(true, message, DST, &[], &signers, false) {
        BLST_ERROR::BLST_SUCCESS => Ok(()),
        BLST_ERROR::BLST_VERIFY_FAIL | BLST_ERROR::BLST_PK_IS_INFINITY => Err(Error::VerificationFailed),
        other => Err(other.into()),
    }
}

/// The `nonSignerKeys` argument of the contracts: the non-signers' 128-byte keys concatenated in
/// strictly increasing order of registration id. Refuses a repeated id.
pub fn non_signer_keys(non_signers: &[(u64, PublicKey)]) -> Result<Vec<u8>, Error> {
    let mut sorted: Vec<&(u64, PublicKey)> = non_signers.iter().collect();
    sorted.sort_by_key(|(id, _)| *id);
    if let Some(pair) = sorted.windows(2).find(|pair| pair[0].0 == pair[1].0) {
        return Err(Error::DuplicateNonSigner(pair[0].0));
    }
    Ok(sorted.iter().flat_map(|(_, key)| key.to_eip2537()).collect())
}
