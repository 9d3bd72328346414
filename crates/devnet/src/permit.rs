//! ERC-2612 permits for SESH: a signature that lets a spender pull tokens without an approve
//! transaction.

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
) -> eyre::Result<PermitSignature> {
    let message = Permit { owner: signer.address(), spender, value, nonce, deadline };
    let hash = message.eip712_signing_hash(&domain(chain_id, token));
    let signature = signer.sign_hash_sync(&hash)?;
    Ok(PermitSignature { v: 27 + u8::from(signature.v()), r: signature.r().into(), s: signature.s().into() })
}
