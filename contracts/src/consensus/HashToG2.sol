// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title HashToG2
/// @notice RFC 9380 hash to curve for BLS12-381 G2, suite `BLS12381G2_XMD:SHA-256_SSWU_RO_`, with a
/// domain separation tag (DST) of the caller's choice.
/// @dev hash_to_curve(msg) = clear_cofactor(map_to_curve(u0) + map_to_curve(u1)), where
/// (u0, u1) = hash_to_field(msg, 2) over expand_message_xmd with SHA-256 (RFC 9380 sections 3,
/// 5.2, 5.3.1). The EIP-2537 MAP_FP2_TO_G2 precompile computes clear_cofactor(map_to_curve(u))
/// (simplified SWU, 3-isogeny, then cofactor clearing); clearing the cofactor is a group
/// homomorphism, so the sum of the two mapped points equals the RFC's output.
///
/// Cost at prague: 9 SHA-256 calls, 4 MODEXP reductions mod p, 2 x 23,800 for the maps, 600 for
/// the addition; about 52,000 gas in all for a short message.
///
/// Precompile failures revert with {BLS12381-PrecompileFailed} / {BLS12381-PrecompileUnavailable}.
library HashToG2 {
    /// @notice The DST has `length` bytes; RFC 9380 requires 1 to 255.
    error DomainSeparationTagLength(uint256 length);

    /// @notice The DST of the IETF BLS signature "basic" scheme (min-pk, hash to G2), the one
    /// every Session Network signature uses. Domain separation between actions, chains and
    /// contracts lives in the signed message (see docs/consensus.md).
    bytes internal constant DST_NUL = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_";

    // Mirrors of the BLS12381 values the assembly below needs as literals (inline assembly cannot
    // read another library's constants); a unit test checks the selectors.
    uint256 private constant PRECOMPILE_FAILED_SELECTOR = 0xeb8d043a;
    uint256 private constant PRECOMPILE_UNAVAILABLE_SELECTOR = 0x9cdf37be;
    uint256 private constant P_HI = 0x1a0111ea397fe69a4b1ba7b6434bacd7;
    uint256 private constant P_LO = 0x64774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab;
    uint256 private constant MAP_FP2_TO_G2_GAS = 23_800;
    uint256 private constant G2ADD_GAS = 600;
    /// @dev MODEXP of a 64-byte base by exponent 1 costs 200 at prague (EIP-2565) and 500 under
    /// EIP-7883; it cannot fail on these inputs, so the headroom is never burnt.
    uint256 private constant MODEXP_GAS = 1000;

    /// @notice Hashes `message` to G2 with the signature DST {DST_NUL}.
    /// @return point The 256-byte EIP-2537 encoding of the G2 point.
    function hashToG2(bytes memory message) internal view returns (bytes memory point) {
        return hashToG2(message, DST_NUL);
    }

    /// @notice Hashes `message` to G2 with the domain separation tag `dst` (1 to 255 bytes).
    /// @return point The 256-byte EIP-2537 encoding of the G2 point.
    function hashToG2(bytes memory message, bytes memory dst) internal view returns (bytes memory point) {
        uint256 dstLength = dst.length;
        require(dstLength != 0 && dstLength < 256, DomainSeparationTagLength(dstLength));
        assembly ("memory-safe") {
            // Reverts after a precompile call to `target` that failed (`ok` = 0) or answered with
            // output of the wrong size (`ok` = 1). Every call site below is
            // `ok := staticcall(..); if iszero(and(ok, eq(returndatasize(), size))) { fail(ok, target) }`.
            function fail(ok, target) {
                switch ok
                case 0 { mstore(0x00, shl(224, PRECOMPILE_FAILED_SELECTOR)) }
                default { mstore(0x00, shl(224, PRECOMPILE_UNAVAILABLE_SELECTOR)) }
                mstore(0x04, target)
                revert(0x00, 0x24)
            }

            // Layout: point (length word) | out (256) | q1 (256) | s: scratch, not allocated.
            // The uniform bytes, then the field elements u0 || u1, live in `out`; Q1 = map(u1)
            // goes to q1, then Q0 = map(u0) overwrites u0 || u1 in `out`.
            point := mload(0x40)
            mstore(point, 0x100)
            let out := add(point, 0x20)
            let u := out
            let q1 := add(out, 0x100)
            let s := add(out, 0x200)
            let dstData := add(dst, 0x20)

            // expand_message_xmd(msg, DST, 256): ell = 8 blocks of 32 bytes.
            // msg_prime = Z_pad (64 zero bytes) || msg || I2OSP(256, 2) || I2OSP(0, 1) || DST_prime,
            // DST_prime = DST || I2OSP(len(DST), 1).
            let msgLength := mload(message)
            mstore(s, 0)
            mstore(add(s, 0x20), 0)
            mcopy(add(s, 0x40), add(message, 0x20), msgLength)
            let o := add(add(s, 0x40), msgLength)
            mstore(o, shl(232, 0x010000))
            mcopy(add(o, 3), dstData, dstLength)
            mstore8(add(add(o, 3), dstLength), dstLength)
            let len := add(sub(o, s), add(4, dstLength))
            // SHA-256 precompile price: 60 + 12 per word.
            let ok := staticcall(add(60, mul(12, shr(5, add(len, 31)))), 0x02, s, len, 0x00, 0x20)
            if iszero(and(ok, eq(returndatasize(), 0x20))) { fail(ok, 0x02) }
            let b0 := mload(0x00)

            // b_i = H(strxor(b_0, b_(i-1)) || I2OSP(i, 1) || DST_prime), with b_1 = H(b_0 || 1 || DST_prime).
            mcopy(add(s, 0x21), dstData, dstLength)
            mstore8(add(add(s, 0x21), dstLength), dstLength)
            len := add(0x22, dstLength)
            let shaGas := add(60, mul(12, shr(5, add(len, 31))))
            let b := 0
            for { let i := 1 } lt(i, 9) { i := add(i, 1) } {
                mstore(s, xor(b0, b))
                mstore8(add(s, 0x20), i)
                ok := staticcall(shaGas, 0x02, s, len, 0x00, 0x20)
                if iszero(and(ok, eq(returndatasize(), 0x20))) { fail(ok, 0x02) }
                b := mload(0x00)
                mstore(add(u, shl(5, sub(i, 1))), b)
            }

            // hash_to_field: four 64-byte chunks, each reduced mod p in place by MODEXP(chunk, 1, p).
            // Chunk j is coefficient (j mod 2) of u_(j / 2); EIP-2537 writes Fp2 as c0 || c1, so the
            // reduced chunks are already the two map inputs u0 = u[0:128], u1 = u[128:256].
            // MODEXP input: Bsize = 64 | Esize = 1 | Msize = 64 | B | E = 0x01 | M = p (64 bytes).
            mstore(s, 0x40)
            mstore(add(s, 0x20), 1)
            mstore(add(s, 0x40), 0x40)
            mstore8(add(s, 0xa0), 1)
            mstore(add(s, 0xa1), P_HI)
            mstore(add(s, 0xc1), P_LO)
            for { let j := 0 } lt(j, 4) { j := add(j, 1) } {
                let e := add(u, shl(6, j))
                mcopy(add(s, 0x60), e, 0x40)
                ok := staticcall(MODEXP_GAS, 0x05, s, 0xe1, e, 0x40)
                if iszero(and(ok, eq(returndatasize(), 0x40))) { fail(ok, 0x05) }
            }

            // Q1 = map(u1) -> q1, then Q0 = map(u0) -> out (u0 is read before out is written),
            // then out = Q0 + Q1.
            ok := staticcall(MAP_FP2_TO_G2_GAS, 0x11, add(u, 0x80), 0x80, q1, 0x100)
            if iszero(and(ok, eq(returndatasize(), 0x100))) { fail(ok, 0x11) }
            ok := staticcall(MAP_FP2_TO_G2_GAS, 0x11, u, 0x80, out, 0x100)
            if iszero(and(ok, eq(returndatasize(), 0x100))) { fail(ok, 0x11) }
            ok := staticcall(G2ADD_GAS, 0x0d, out, 0x200, out, 0x100)
            if iszero(and(ok, eq(returndatasize(), 0x100))) { fail(ok, 0x0d) }

            mstore(0x40, q1)
        }
    }
}
