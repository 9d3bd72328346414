//! What a custom error carries, as data: its name and each parameter's name, Solidity type and
//! value. Filled by the generated code of [`crate::errors`]; callers decide how to show a value
//! (an amount in SESH, a time as a date) from the parameter's name and type.

use alloy::primitives::{Address, Bytes, FixedBytes, I256, Signed, U256, Uint};

/// The name and values of a decoded custom error.
pub trait Described {
    /// The error's Solidity name, e.g. `ContributionBelowMinimum`.
    fn name(&self) -> &'static str;
    /// Its parameters, in declaration order.
    fn fields(&self) -> Vec<Field>;
}

/// One parameter of a custom error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The parameter's Solidity name (`_0`, `_1`, ... when unnamed).
    pub name: &'static str,
    /// Its ABI type, e.g. `uint256`.
    pub sol_type: &'static str,
    /// Its value.
    pub value: Value,
}

/// A parameter's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Any `uintN`.
    Uint(U256),
    /// Any `intN`.
    Int(I256),
    /// An `address`.
    Address(Address),
    /// A `bool`.
    Bool(bool),
    /// `bytes` or `bytesN`.
    Bytes(Bytes),
    /// A `string`.
    String(String),
    /// A Solidity enum value.
    Enum(EnumValue),
}

/// A value of a Solidity enum, with the variant's words when it is in range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnumValue {
    /// The enum's Solidity name.
    pub enum_name: &'static str,
    /// The ABI value.
    pub value: u8,
    /// The variant as users read it, e.g. "exit requested".
    pub words: Option<&'static str>,
}

/// Conversion of a decoded parameter into a [`Value`].
pub trait IntoValue {
    /// The value.
    fn into_value(self) -> Value;
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl IntoValue for $t {
            fn into_value(self) -> Value {
                Value::Uint(U256::from(self))
            }
        }
    )*};
}
unsigned!(u8, u16, u32, u64, u128);

macro_rules! signed {
    ($($t:ty),*) => {$(
        impl IntoValue for $t {
            fn into_value(self) -> Value {
                Value::Int(I256::try_from(self).expect("fits in 256 bits"))
            }
        }
    )*};
}
signed!(i8, i16, i32, i64, i128);

impl<const BITS: usize, const LIMBS: usize> IntoValue for Uint<BITS, LIMBS> {
    fn into_value(self) -> Value {
        Value::Uint(U256::from_limbs_slice(self.as_limbs()))
    }
}

impl<const BITS: usize, const LIMBS: usize> IntoValue for Signed<BITS, LIMBS> {
    fn into_value(self) -> Value {
        // Sign-extend through the decimal form: exact for every width up to 256 bits.
        Value::Int(self.to_string().parse().expect("fits in 256 bits"))
    }
}

impl IntoValue for Address {
    fn into_value(self) -> Value {
        Value::Address(self)
    }
}

impl IntoValue for bool {
    fn into_value(self) -> Value {
        Value::Bool(self)
    }
}

impl IntoValue for Bytes {
    fn into_value(self) -> Value {
        Value::Bytes(self)
    }
}

impl<const N: usize> IntoValue for FixedBytes<N> {
    fn into_value(self) -> Value {
        Value::Bytes(Bytes::copy_from_slice(self.as_slice()))
    }
}

impl IntoValue for String {
    fn into_value(self) -> Value {
        Value::String(self)
    }
}
