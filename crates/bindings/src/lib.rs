//! Alloy bindings for every contract in `contracts/src`, generated at build time from artifacts
//! that `build.rs` compiles with the settings of `foundry.toml`. Nothing here is hand-written.
//!
//! Each contract `X` is a module `X` with the instance type `X::XInstance`, its calls,
//! events and errors (`X::XErrors`), and `X::deploy` when it has bytecode.

// Generated code has no docs; the contracts' NatSpec is in their interfaces.
#![allow(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
