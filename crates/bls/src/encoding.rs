//! Conversion between blst's serialisation and the EIP-2537 encoding.
//!
//! blst writes an uncompressed G1 point as `x || y` (48 bytes each) and a G2 point as
//! `x.c1 || x.c0 || y.c1 || y.c0`, with the point at infinity flagged by bit 0x40 of the first
//! byte. EIP-2537 wants every base field element left-padded to 64 bytes, Fp2 elements in the
//! order `c0 || c1`, and the point at infinity as all zeros.

use crate::{Error, G1_LENGTH, G2_LENGTH};

const FP: usize = 48;
const PADDED_FP: usize = 64;
const PADDING: usize = PADDED_FP - FP;
/// blst's flag for the point at infinity in an uncompressed encoding.
const INFINITY_FLAG: u8 = 0x40;

/// blst order of the base field elements of a G2 point, given as EIP-2537 positions: blst's
/// element `i` is EIP-2537 element `G2_ORDER[i]` (x.c1, x.c0, y.c1, y.c0 -> x.c0, x.c1, y.c0, y.c1).
const G2_ORDER: [usize; 4] = [1, 0, 3, 2];

/// Pads blst's 96-byte uncompressed G1 serialisation to EIP-2537.
pub(crate) fn g1_to_eip2537(blst: &[u8; 96]) -> [u8; G1_LENGTH] {
    let mut out = [0u8; G1_LENGTH];
    if blst[0] & INFINITY_FLAG != 0 {
        return out;
    }
    for i in 0..2 {
        out[i * PADDED_FP + PADDING..(i + 1) * PADDED_FP].copy_from_slice(&blst[i * FP..(i + 1) * FP]);
    }
    out
}

/// Pads and reorders blst's 192-byte uncompressed G2 serialisation to EIP-2537.
pub(crate) fn g2_to_eip2537(blst: &[u8; 192]) -> [u8; G2_LENGTH] {
    let mut out = [0u8; G2_LENGTH];
    if blst[0] & INFINITY_FLAG != 0 {
        return out;
    }
    for (i, &j) in G2_ORDER.iter().enumerate() {
        out[j * PADDED_FP + PADDING..(j + 1) * PADDED_FP].copy_from_slice(&blst[i * FP..(i + 1) * FP]);
    }
    out
}

/// Strips the padding of `count` EIP-2537 field elements, refusing non-zero padding and values
/// that could carry blst's flag bits (a canonical element is below p < 2^381, so its top three
/// bits are zero).
fn unpad<const N: usize>(eip: &[u8], count: usize, order: impl Fn(usize) -> usize) -> Result<[u8; N], Error> {
    let expected = count * PADDED_FP;
    if eip.len() != expected {
        return Err(Error::InvalidLength { expected, actual: eip.len() });
    }
    let mut out = [0u8; N];
    if eip.iter().all(|&b| b == 0) {
        out[0] = INFINITY_FLAG;
        return Ok(out);
    }
    for i in 0..count {
        let element = &eip[i * PADDED_FP..(i + 1) * PADDED_FP];
        if element[..PADDING].iter().any(|&b| b != 0) {
            return Err(Error::NonZeroPadding { index: i });
        }
        if element[PADDING] & 0xe0 != 0 {
            return Err(Error::NotOnCurve);
        }
        let j = order(i);
        out[j * FP..(j + 1) * FP].copy_from_slice(&element[PADDING..]);
    }
    Ok(out)
}

/// EIP-2537 G1 encoding to blst's 96-byte uncompressed serialisation (not yet curve-checked).
pub(crate) fn g1_from_eip2537(eip: &[u8]) -> Result<[u8; 96], Error> {
    unpad(eip, 2, |i| i)
}

/// EIP-2537 G2 encoding to blst's 192-byte uncompressed serialisation (not yet curve-checked).
pub(crate) fn g2_from_eip2537(eip: &[u8]) -> Result<[u8; 192], Error> {
    // G2_ORDER is its own inverse.
    unpad(eip, 4, |i| G2_ORDER[i])
}
