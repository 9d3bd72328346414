//! ERC-2612 permits for SESH: a signature that lets a spender pull tokens without an approve
//! transaction (a deposit with `contributeWithPermit` is one transaction instead of two).

use alloy::{
    primitives::{Address, B256, U256},
    signers::{SignerSync, local::PrivateKeySigner},
    sol,
    sol_types::{Eip712Domain, SolStruct},
};

sol! {
    /// The EIP-2612 permit message.
    struct Permit {
        address owner;
        address spender;
        uint256 value;
        uint256 nonce;
        uint256 deadline;
    }
}

/// How long a permit the client signs stays valid, in seconds: long enough for its transaction to
/// land, short enough that a signature does not linger.
pub const PERMIT_SECONDS: u64 = 30 * 60;

/// The parts of a permit signature, as `permit(...)` takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PermitSignature {
    /// Recovery id, 27 or 28.
    pub v: u8,
    /// Signature `r`.
    pub r: B256,
    /// Signature `s`.
    pub s: B256,
}

/// The token's EIP-712 domain ("Session Token", version "1").
pub fn domain(chain_id: u64, token: Address) -> Eip712Domain {
    alloy::sol_types::eip712_domain! {
        name: "Session Token",
        version: "1",
        chain_id: chain_id,
        verifying_contract: token,
    }
}

/// Signs a permit for `spender` to pull `value` from the signer until `deadline`.
pub fn sign_permit(
    signer: &PrivateKeySigner,
    chain_id: u64,
    token: Address,
    spender: Address,
    value: U256,
    nonce: U256,
    deadline: U256,
) -> crate::error::Result<PermitSignature> {
    let message = Permit { owner: signer.address(), spender, value, nonce, deadline };
    let hash = message.eip712_signing_hash(&domain(chain_id, token));
    let signature =
        signer.sign_hash_sync(&hash).map_err(|e| crate::error::Error::unexpected("signing a permit", e.to_string()))?;
    Ok(PermitSignature { v: 27 + u8::from(signature.v()), r: signature.r().into(), s: signature.s().into() })
}
