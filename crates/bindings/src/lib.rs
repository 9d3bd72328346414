//! Alloy bindings for every contract in `contracts/src`, generated at build time from artifacts
//! that `build/` compiles with the settings of `foundry.toml`.
//!
//! - Each contract `X` is a module `x` re-exported as `X`: the instance type `X::XInstance`, its
//!   calls, events and errors (`X::XErrors`), and `X::deploy`.
//! - [`ContractError`] is one enum over every custom error of every contract, decoded from revert
//!   data ([`decode_revert`]); [`revert::Described`] gives its name and values.
//! - [`enums`] holds the Solidity enums (`NodeStatus`, ...) with their names.
//!
//! Only [`revert`] is written by hand: the types the generated error code fills.

// Generated code has no docs; the contracts' NatSpec is in their interfaces.
#![allow(missing_docs)]

pub mod revert;

include!(concat!(env!("OUT_DIR"), "/bindings.rs"));

/// Every custom error of the system, generated from the compiled ABIs.
pub mod errors {
    include!(concat!(env!("OUT_DIR"), "/errors.rs"));
}

/// The Solidity enums of `contracts/src`, generated from their declarations.
pub mod enums {
    include!(concat!(env!("OUT_DIR"), "/enums.rs"));
}

/// What an explorer needs to verify each contract: generated from the compiled sources.
pub mod verification {
    include!(concat!(env!("OUT_DIR"), "/verification.rs"));
}

pub use errors::ContractError;

/// Decodes revert data into the system's error enum; `None` if it is not one of our errors.
pub fn decode_revert(data: &[u8]) -> Option<ContractError> {
    alloy::sol_types::SolInterface::abi_decode(data).ok()
}
