// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Sha512} from "./Sha512.sol";

/// @title Ed25519
/// @notice Verification of Ed25519 signatures (RFC 8032, "pure" Ed25519: no context, no
/// prehash) in the EVM, for the rare on-chain proof that someone holds a node's Ed25519 key
/// ({Ed25519Disputes}). About 300k gas: SHA-512 in Solidity ({Sha512}, ~45k per 128-byte block), twisted Edwards
/// arithmetic over 2^255 - 19 in extended coordinates, and two calls of the modexp precompile
/// (0x05: the square root when decoding the key, the inversion when encoding the result).
/// Tested against the RFC 8032 section 7.1 vectors and against Node's OpenSSL, valid and
/// invalid cases (`contracts/test/fixtures/ed25519/`).
/// @dev Verification, with `A` the public key, `(R, S)` the signature:
/// 1. `S` (little-endian) must be below the group order `L`: no malleable signature;
/// 2. `A` must decode (RFC 8032 5.1.3: y < p, on the curve, not x = 0 with the sign bit set)
///    and must not be of small order (anyone can sign for such a key);
/// 3. `k = SHA-512(R || A || message)` as a little-endian number, mod `L`;
/// 4. `[S]B - [k]A` must encode to exactly the 32 bytes `R` (the cofactorless equation RFC 8032
///    allows, compared in encoded form as OpenSSL, libsodium and ed25519-dalek do, so `R` is
///    never decoded and a non-canonical `R` never matches).
/// Every signature made by RFC 8032 signing (OpenSSL, ed25519-dalek, libsodium) with a key
/// derived from a secret verifies; nothing else does. Stricter than OpenSSL on one point: keys
/// of small order are refused (OpenSSL accepts some forgeries under them, see the fixture).
library Ed25519 {
    /// @notice The field prime 2^255 - 19.
    uint256 internal constant P = 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed;
    /// @notice The order of the base point, 2^252 + 27742317777372353535851937790883648493.
    uint256 internal constant L = 0x1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed;
    /// @dev The curve constant d = -121665 / 121666 mod p, and 2d.
    uint256 private constant D =
        37095705934669439343138083508754565189542113879843219016388785533085940283555;
    uint256 private constant D2 =
        16295367250680780974490674513165176452449235426866156013048779062215315747161;
    /// @dev A square root of -1 mod p: 2^((p - 1) / 4).
    uint256 private constant SQRT_M1 =
        19681161376707505956807079304988542015446066515923890162744021073123829784752;
    /// @dev The base point B (y = 4/5, x even).
    uint256 private constant BX =
        15112221349535400772501151409588531511454012693041857206046113283949847762202;
    uint256 private constant BY =
        46316835694926478169428394003475163141307993866256225615783033603165251855960;
    /// @dev 2^256 mod L, to reduce a 512-bit hash.
    uint256 private constant R256_MOD_L =
        7237005577332262213973186563042994240413239274941949949428319933631315875101;
    /// @dev (p - 5) / 8 and p - 2: the exponents of the square root and of the inversion.
    uint256 private constant SQRT_EXPONENT =
        7237005577332262213973186563042994240829374041602535252466099000494570602493;
    uint256 private constant INVERSE_EXPONENT =
        57896044618658097711785492504343953926634992332820282019728792003956564819947;
    /// @dev The modexp precompile (0x05) and the gas each call gets (EIP-2565: 1,360 for these
    /// sizes; a failing precompile burns what it was given, so it gets no more).
    uint256 private constant MODEXP = 0x05;
    uint256 private constant MODEXP_GAS = 5000;

    /// @notice The modexp precompile (0x05) failed or returned no result.
    error ModExpFailed();

    /// @notice Whether `signature` = `r || s` is `publicKey`'s Ed25519 signature of `message`.
    /// @param publicKey The 32-byte encoded public key (RFC 8032 5.1.2).
    /// @param message The signed bytes, any length.
    /// @param r The signature's first 32 bytes (an encoded point).
    /// @param s Its last 32 bytes (a little-endian scalar).
    function verify(bytes32 publicKey, bytes memory message, bytes32 r, bytes32 s)
        internal
        view
        returns (bool)
    {
        uint256 scalar = littleEndian(uint256(s));
        if (scalar >= L) return false;
        (bool ok, uint256 x, uint256 y) = decode(publicKey);
        if (!ok || isSmallOrder(x, y)) return false;
        (bytes32 high, bytes32 low) = Sha512.hash(abi.encodePacked(r, publicKey, message));
        uint256 k = reduce(high, low);
        // [S]B + [k](-A)
        return mulAdd(scalar, k, x == 0 ? 0 : P - x, y) == r;
    }

    /// @notice Decodes a 32-byte point encoding (RFC 8032 5.1.3): `ok` is false if y >= p, if
    /// no x fits y, or if x = 0 and the sign bit is set.
    /// @return ok Whether it decodes.
    /// @return x The affine x, its parity the sign bit.
    /// @return y The affine y.
    function decode(bytes32 encoded) internal view returns (bool ok, uint256 x, uint256 y) {
        uint256 v = littleEndian(uint256(encoded));
        y = v & ((1 << 255) - 1);
        uint256 sign = v >> 255;
        if (y >= P) return (false, 0, 0);
        uint256 yy = mulmod(y, y, P);
        uint256 u = addmod(yy, P - 1, P);
        uint256 w = addmod(mulmod(D, yy, P), 1, P);
        // x = u w^3 (u w^7)^((p - 5) / 8), a square root of u / w if there is one (p = 5 mod 8).
        uint256 w3 = mulmod(mulmod(w, w, P), w, P);
        uint256 w7 = mulmod(mulmod(w3, w3, P), w, P);
        x = mulmod(mulmod(u, w3, P), modExp(mulmod(u, w7, P), SQRT_EXPONENT), P);
        uint256 wxx = mulmod(w, mulmod(x, x, P), P);
        if (wxx != u) {
            // u != 0 here (u = 0 gives x = 0, wxx = 0): P - u is reduced.
            if (wxx != P - u) return (false, 0, 0);
            x = mulmod(x, SQRT_M1, P);
        }
        if (x == 0 && sign == 1) return (false, 0, 0);
        if (x & 1 != sign) x = P - x;
        ok = true;
    }

    /// @notice Whether the curve point (x, y) has order 1, 2, 4 or 8: [8](x, y) is the identity,
    /// which is the only point of [8]E with x = 0 (the point of order 2 has no halves there).
    function isSmallOrder(uint256 x, uint256 y) internal pure returns (bool small) {
        assembly ("memory-safe") {
            let p := P
            let z := 1
            // Three doublings (dbl-2008-hwcd, a = -1; T is not needed).
            for { let i := 0 } lt(i, 3) { i := add(i, 1) } {
                let aa := mulmod(x, x, p)
                let bb := mulmod(y, y, p)
                let c := mulmod(2, mulmod(z, z, p), p)
                let h := addmod(aa, bb, p)
                let e := addmod(mulmod(addmod(x, y, p), addmod(x, y, p), p), sub(p, h), p)
                let g := addmod(bb, sub(p, aa), p)
                let f := addmod(g, sub(p, c), p)
                x := mulmod(e, f, p)
                y := mulmod(g, sub(p, h), p)
                z := mulmod(f, g, p)
            }
            small := iszero(x)
        }
    }

    /// @notice `[s]B + [k](x, y)`, encoded (RFC 8032 5.1.2) as the 32 bytes of a signature's R.
    /// @dev Straus' method, one bit of each scalar per doubling, over a table of B, (x, y) and
    /// their sum. `(x, y)` must be a curve point; the formulas (add-2008-hwcd-3, dbl-2008-hwcd)
    /// are complete on this curve, so no case is special.
    function mulAdd(uint256 s, uint256 k, uint256 x, uint256 y) internal view returns (bytes32 encoded) {
        uint256 qx;
        uint256 qy;
        uint256 qz;
        assembly ("memory-safe") {
            let p := P
            /// The cached form of the extended point (x, y, z, t) at `at`:
            /// (y - x, y + x, 2d t, 2 z).
            function cache(at, px, py, pz, pt) {
                let q := P
                mstore(at, addmod(py, sub(q, px), q))
                mstore(add(at, 0x20), addmod(py, px, q))
                mstore(add(at, 0x40), mulmod(pt, D2, q))
                mstore(add(at, 0x60), addmod(pz, pz, q))
            }
            /// (x1, y1, z1, t1) + the cached point at `at` (add-2008-hwcd-3, a = -1).
            function addCached(x1, y1, z1, t1, at) -> x3, y3, z3, t3 {
                let q := P
                x3 := mulmod(addmod(y1, sub(q, x1), q), mload(at), q) // A
                y3 := mulmod(addmod(y1, x1, q), mload(add(at, 0x20)), q) // B
                z3 := mulmod(t1, mload(add(at, 0x40)), q) // C
                t3 := mulmod(z1, mload(add(at, 0x60)), q) // D
                let e := addmod(y3, sub(q, x3), q) // B - A
                let h := addmod(y3, x3, q) // B + A
                let f := addmod(t3, sub(q, z3), q) // D - C
                let g := addmod(t3, z3, q) // D + C
                x3 := mulmod(e, f, q)
                y3 := mulmod(g, h, q)
                t3 := mulmod(e, h, q)
                z3 := mulmod(f, g, q)
            }
            /// 2 (x1, y1, z1) (dbl-2008-hwcd, a = -1).
            function double(x1, y1, z1) -> x3, y3, z3, t3 {
                let q := P
                let aa := mulmod(x1, x1, q)
                let bb := mulmod(y1, y1, q)
                let c := mulmod(2, mulmod(z1, z1, q), q)
                let h := sub(q, addmod(aa, bb, q)) // D - B with D = -A; may be q (= 0)
                let e := addmod(mulmod(addmod(x1, y1, q), addmod(x1, y1, q), q), h, q)
                let g := addmod(bb, sub(q, aa), q) // D + B
                let f := addmod(g, sub(q, c), q)
                x3 := mulmod(e, f, q)
                y3 := mulmod(g, h, q)
                t3 := mulmod(e, h, q)
                z3 := mulmod(f, g, q)
            }

            // Table (cached forms, 0x80 each): [1] B, [2] (x, y), [3] B + (x, y).
            let table := mload(0x40)
            let bt := mulmod(BX, BY, p)
            cache(table, BX, BY, 1, bt)
            cache(add(table, 0x80), x, y, 1, mulmod(x, y, p))
            {
                let x3, y3, z3, t3 := addCached(BX, BY, 1, bt, add(table, 0x80))
                cache(add(table, 0x100), x3, y3, z3, t3)
            }

            // From the highest bit set in either scalar down: double, add the table's entry.
            let i := 256
            for {} and(gt(i, 0), iszero(shr(sub(i, 1), or(s, k)))) {} { i := sub(i, 1) }
            qy := 1
            qz := 1
            let qt := 0
            for {} gt(i, 0) {} {
                i := sub(i, 1)
                qx, qy, qz, qt := double(qx, qy, qz)
                let entry := or(and(shr(i, s), 1), shl(1, and(shr(i, k), 1)))
                if entry {
                    qx, qy, qz, qt := addCached(qx, qy, qz, qt, add(table, shl(7, sub(entry, 1))))
                }
            }
        }
        // Affine coordinates, then y little-endian with the parity of x in the top bit.
        uint256 inverse = modExp(qz, INVERSE_EXPONENT);
        qx = mulmod(qx, inverse, P);
        qy = mulmod(qy, inverse, P);
        encoded = bytes32(littleEndian(qy | ((qx & 1) << 255)));
    }

    /// @notice A 512-bit little-endian hash `high || low` (as SHA-512 outputs it) mod L.
    function reduce(bytes32 high, bytes32 low) internal pure returns (uint256) {
        return addmod(littleEndian(uint256(high)) % L, mulmod(littleEndian(uint256(low)), R256_MOD_L, L), L);
    }

    /// @notice `base ^ exponent mod p` through the modexp precompile.
    function modExp(uint256 base, uint256 exponent) internal view returns (uint256 result) {
        bool ok;
        assembly ("memory-safe") {
            let at := mload(0x40)
            mstore(at, 0x20)
            mstore(add(at, 0x20), 0x20)
            mstore(add(at, 0x40), 0x20)
            mstore(add(at, 0x60), base)
            mstore(add(at, 0x80), exponent)
            mstore(add(at, 0xa0), P)
            // Two statements: Yul evaluates arguments right to left.
            ok := staticcall(MODEXP_GAS, MODEXP, at, 0xc0, at, 0x20)
            ok := and(ok, eq(returndatasize(), 0x20))
            result := mload(at)
        }
        require(ok, ModExpFailed());
    }

    /// @notice The bytes of `v` in reverse order: a little-endian encoding read as a number.
    function littleEndian(uint256 v) internal pure returns (uint256) {
        v = ((v >> 8) & 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff)
            | ((v & 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff) << 8);
        v = ((v >> 16) & 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff)
            | ((v & 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff) << 16);
        v = ((v >> 32) & 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff)
            | ((v & 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff) << 32);
        v = ((v >> 64) & 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff)
            | ((v & 0x0000000000000000ffffffffffffffff0000000000000000ffffffffffffffff) << 64);
        return (v >> 128) | (v << 128);
    }
}
