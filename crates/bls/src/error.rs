use blst::BLST_ERROR;

/// Why a key, a signature or an encoding was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A byte string had the wrong length.
    #[error("expected {expected} bytes, got {actual}")]
    InvalidLength {
        /// Required length.
        expected: usize,
        /// Length given.
        actual: usize,
    },
    /// The 16 padding bytes in front of a 48-byte field element were not zero.
    #[error("field element {index} has non-zero padding")]
    NonZeroPadding {
        /// Which 64-byte field element of the encoding (0-based).
        index: usize,
    },
    /// A coordinate is not a canonical field element, or the point is not on the curve.
    #[error("not a point on the curve")]
    NotOnCurve,
    /// The point is on the curve but not in the prime-order subgroup.
    #[error("point not in the prime-order subgroup")]
    NotInSubgroup,
    /// A public key was the point at infinity.
    #[error("public key is the point at infinity")]
    PublicKeyAtInfinity,
    /// A signature was the point at infinity.
    #[error("signature is the point at infinity")]
    SignatureAtInfinity,
    /// The secret key bytes are zero or not below the group order.
    #[error("secret key out of range")]
    InvalidSecretKey,
    /// Nothing to aggregate.
    #[error("nothing to aggregate")]
    EmptyAggregate,
    /// The same registration id was listed twice as a non-signer.
    #[error("node {0} listed twice as a non-signer")]
    DuplicateNonSigner(u64),
    /// The signature does not verify.
    #[error("signature does not verify")]
    VerificationFailed,
    /// Any other failure reported by blst.
    #[error("blst: {0:?}")]
    Blst(BLST_ERROR),
}

impl From<BLST_ERROR> for Error {
    fn from(error: BLST_ERROR) -> Self {
        match error {
            BLST_ERROR::BLST_BAD_ENCODING | BLST_ERROR::BLST_POINT_NOT_ON_CURVE => Self::NotOnCurve,
            BLST_ERROR::BLST_POINT_NOT_IN_GROUP => Self::NotInSubgroup,
            BLST_ERROR::BLST_PK_IS_INFINITY => Self::PublicKeyAtInfinity,
            BLST_ERROR::BLST_BAD_SCALAR => Self::InvalidSecretKey,
            BLST_ERROR::BLST_VERIFY_FAIL => Self::VerificationFailed,
            other => Self::Blst(other),
        }
    }
}
