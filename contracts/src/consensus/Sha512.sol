// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Sha512
/// @notice SHA-512 (FIPS 180-4) in the EVM, which has no precompile for it: what Ed25519
/// (RFC 8032) hashes. Checked against Node's OpenSSL digests around every padding boundary and
/// against SHA-512("abc") (`contracts/test/unit/consensus/Ed25519.t.sol`).
/// @dev 64-bit words live in the low bits of 256-bit stack words; a rotation of `x` is a shift
/// of `x || x` (`x` copied above itself) masked to 64 bits. Sums are masked once, where they are
/// stored. Works in memory past the free memory pointer and leaves it unchanged: the round
/// constants (80 words), the message schedule (80 words), the state (8 words), then the padded
/// message. About 45k gas per 128-byte block.
library Sha512 {
    /// @notice SHA-512 of `data`.
    /// @return high The digest's first 32 bytes.
    /// @return low Its last 32 bytes.
    function hash(bytes memory data) internal pure returns (bytes32 high, bytes32 low) {
        assembly ("memory-safe") {
            // Layout from `base`: K (0xa00), W (0xa00), H (0x100), the padded message.
            function loadK(base) {
                mstore(add(base, 0x0), 0x428a2f98d728ae22)
                mstore(add(base, 0x20), 0x7137449123ef65cd)
                mstore(add(base, 0x40), 0xb5c0fbcfec4d3b2f)
                mstore(add(base, 0x60), 0xe9b5dba58189dbbc)
                mstore(add(base, 0x80), 0x3956c25bf348b538)
                mstore(add(base, 0xa0), 0x59f111f1b605d019)
                mstore(add(base, 0xc0), 0x923f82a4af194f9b)
                mstore(add(base, 0xe0), 0xab1c5ed5da6d8118)
                mstore(add(base, 0x100), 0xd807aa98a3030242)
                mstore(add(base, 0x120), 0x12835b0145706fbe)
                mstore(add(base, 0x140), 0x243185be4ee4b28c)
                mstore(add(base, 0x160), 0x550c7dc3d5ffb4e2)
                mstore(add(base, 0x180), 0x72be5d74f27b896f)
                mstore(add(base, 0x1a0), 0x80deb1fe3b1696b1)
                mstore(add(base, 0x1c0), 0x9bdc06a725c71235)
                mstore(add(base, 0x1e0), 0xc19bf174cf692694)
                mstore(add(base, 0x200), 0xe49b69c19ef14ad2)
                mstore(add(base, 0x220), 0xefbe4786384f25e3)
                mstore(add(base, 0x240), 0x0fc19dc68b8cd5b5)
                mstore(add(base, 0x260), 0x240ca1cc77ac9c65)
                mstore(add(base, 0x280), 0x2de92c6f592b0275)
                mstore(add(base, 0x2a0), 0x4a7484aa6ea6e483)
                mstore(add(base, 0x2c0), 0x5cb0a9dcbd41fbd4)
                mstore(add(base, 0x2e0), 0x76f988da831153b5)
                mstore(add(base, 0x300), 0x983e5152ee66dfab)
                mstore(add(base, 0x320), 0xa831c66d2db43210)
                mstore(add(base, 0x340), 0xb00327c898fb213f)
                mstore(add(base, 0x360), 0xbf597fc7beef0ee4)
                mstore(add(base, 0x380), 0xc6e00bf33da88fc2)
                mstore(add(base, 0x3a0), 0xd5a79147930aa725)
                mstore(add(base, 0x3c0), 0x06ca6351e003826f)
                mstore(add(base, 0x3e0), 0x142929670a0e6e70)
                mstore(add(base, 0x400), 0x27b70a8546d22ffc)
                mstore(add(base, 0x420), 0x2e1b21385c26c926)
                mstore(add(base, 0x440), 0x4d2c6dfc5ac42aed)
                mstore(add(base, 0x460), 0x53380d139d95b3df)
                mstore(add(base, 0x480), 0x650a73548baf63de)
                mstore(add(base, 0x4a0), 0x766a0abb3c77b2a8)
                mstore(add(base, 0x4c0), 0x81c2c92e47edaee6)
                mstore(add(base, 0x4e0), 0x92722c851482353b)
                mstore(add(base, 0x500), 0xa2bfe8a14cf10364)
                mstore(add(base, 0x520), 0xa81a664bbc423001)
                mstore(add(base, 0x540), 0xc24b8b70d0f89791)
                mstore(add(base, 0x560), 0xc76c51a30654be30)
                mstore(add(base, 0x580), 0xd192e819d6ef5218)
                mstore(add(base, 0x5a0), 0xd69906245565a910)
                mstore(add(base, 0x5c0), 0xf40e35855771202a)
                mstore(add(base, 0x5e0), 0x106aa07032bbd1b8)
                mstore(add(base, 0x600), 0x19a4c116b8d2d0c8)
                mstore(add(base, 0x620), 0x1e376c085141ab53)
                mstore(add(base, 0x640), 0x2748774cdf8eeb99)
                mstore(add(base, 0x660), 0x34b0bcb5e19b48a8)
                mstore(add(base, 0x680), 0x391c0cb3c5c95a63)
                mstore(add(base, 0x6a0), 0x4ed8aa4ae3418acb)
                mstore(add(base, 0x6c0), 0x5b9cca4f7763e373)
                mstore(add(base, 0x6e0), 0x682e6ff3d6b2b8a3)
                mstore(add(base, 0x700), 0x748f82ee5defb2fc)
                mstore(add(base, 0x720), 0x78a5636f43172f60)
                mstore(add(base, 0x740), 0x84c87814a1f0ab72)
                mstore(add(base, 0x760), 0x8cc702081a6439ec)
                mstore(add(base, 0x780), 0x90befffa23631e28)
                mstore(add(base, 0x7a0), 0xa4506cebde82bde9)
                mstore(add(base, 0x7c0), 0xbef9a3f7b2c67915)
                mstore(add(base, 0x7e0), 0xc67178f2e372532b)
                mstore(add(base, 0x800), 0xca273eceea26619c)
                mstore(add(base, 0x820), 0xd186b8c721c0c207)
                mstore(add(base, 0x840), 0xeada7dd6cde0eb1e)
                mstore(add(base, 0x860), 0xf57d4f7fee6ed178)
                mstore(add(base, 0x880), 0x06f067aa72176fba)
                mstore(add(base, 0x8a0), 0x0a637dc5a2c898a6)
                mstore(add(base, 0x8c0), 0x113f9804bef90dae)
                mstore(add(base, 0x8e0), 0x1b710b35131c471b)
                mstore(add(base, 0x900), 0x28db77f523047d84)
                mstore(add(base, 0x920), 0x32caab7b40c72493)
                mstore(add(base, 0x940), 0x3c9ebe0a15c9bebc)
                mstore(add(base, 0x960), 0x431d67c49c100d4c)
                mstore(add(base, 0x980), 0x4cc5d4becb3e42b6)
                mstore(add(base, 0x9a0), 0x597f299cfc657e2a)
                mstore(add(base, 0x9c0), 0x5fcb6fab3ad6faec)
                mstore(add(base, 0x9e0), 0x6c44198c4a475817)
            }

            /// W[0..15] from the block at `chunk`, W[16..79] by the schedule; W at `w`.
            function schedule(chunk, w) {
                let m := 0xffffffffffffffff
                for { let i := 0 } lt(i, 0x80) { i := add(i, 0x20) } {
                    let word := mload(add(chunk, i))
                    let at := add(w, shl(2, i))
                    mstore(at, shr(192, word))
                    mstore(add(at, 0x20), and(shr(128, word), m))
                    mstore(add(at, 0x40), and(shr(64, word), m))
                    mstore(add(at, 0x60), and(word, m))
                }
                for { let i := add(w, 0x200) } lt(i, add(w, 0xa00)) { i := add(i, 0x20) } {
                    // sigma0(W[t-15]) = rotr 1 ^ rotr 8 ^ shr 7
                    let x := mload(sub(i, 0x1e0))
                    let y := or(x, shl(64, x))
                    let s := xor(and(xor(shr(1, y), shr(8, y)), m), shr(7, x))
                    // sigma1(W[t-2]) = rotr 19 ^ rotr 61 ^ shr 6
                    x := mload(sub(i, 0x40))
                    y := or(x, shl(64, x))
                    s := add(s, xor(and(xor(shr(19, y), shr(61, y)), m), shr(6, x)))
                    mstore(i, and(add(s, add(mload(sub(i, 0xe0)), mload(sub(i, 0x200)))), m))
                }
            }

            /// The 80 rounds over the state at `base + 0x1400`, K at `base`, W at `base + 0xa00`.
            function compress(base) {
                let m := 0xffffffffffffffff
                let a := mload(add(base, 0x1400))
                let b := mload(add(base, 0x1420))
                let c := mload(add(base, 0x1440))
                let d := mload(add(base, 0x1460))
                let e := mload(add(base, 0x1480))
                let f := mload(add(base, 0x14a0))
                let g := mload(add(base, 0x14c0))
                let h := mload(add(base, 0x14e0))
                for { let t := base } lt(t, add(base, 0xa00)) { t := add(t, 0x20) } {
                    // T1 = h + Sigma1(e) + Ch(e, f, g) + K[t] + W[t]
                    let x := or(e, shl(64, e))
                    let t1 :=
                        add(
                            add(h, xor(g, and(e, xor(f, g)))),
                            add(
                                add(mload(t), mload(add(t, 0xa00))),
                                and(xor(xor(shr(14, x), shr(18, x)), shr(41, x)), m)
                            )
                        )
                    h := g
                    g := f
                    f := e
                    e := and(add(d, t1), m)
                    d := c
                    c := b
                    b := a
                    // a = T1 + Sigma0(a) + Maj(a, b, c), with the old a, b, c now in b, c, d
                    x := or(b, shl(64, b))
                    a := and(
                        add(
                            add(t1, and(xor(xor(shr(28, x), shr(34, x)), shr(39, x)), m)),
                            or(and(b, c), and(d, or(b, c)))
                        ),
                        m
                    )
                }
                let hp := add(base, 0x1400)
                mstore(hp, and(add(mload(hp), a), m))
                mstore(add(hp, 0x20), and(add(mload(add(hp, 0x20)), b), m))
                mstore(add(hp, 0x40), and(add(mload(add(hp, 0x40)), c), m))
                mstore(add(hp, 0x60), and(add(mload(add(hp, 0x60)), d), m))
                mstore(add(hp, 0x80), and(add(mload(add(hp, 0x80)), e), m))
                mstore(add(hp, 0xa0), and(add(mload(add(hp, 0xa0)), f), m))
                mstore(add(hp, 0xc0), and(add(mload(add(hp, 0xc0)), g), m))
                mstore(add(hp, 0xe0), and(add(mload(add(hp, 0xe0)), h), m))
            }

            let base := mload(0x40)
            loadK(base)
            let hp := add(base, 0x1400)
            mstore(hp, 0x6a09e667f3bcc908)
            mstore(add(hp, 0x20), 0xbb67ae8584caa73b)
            mstore(add(hp, 0x40), 0x3c6ef372fe94f82b)
            mstore(add(hp, 0x60), 0xa54ff53a5f1d36f1)
            mstore(add(hp, 0x80), 0x510e527fade682d1)
            mstore(add(hp, 0xa0), 0x9b05688c2b3e6c1f)
            mstore(add(hp, 0xc0), 0x1f83d9abfb41bd6b)
            mstore(add(hp, 0xe0), 0x5be0cd19137e2179)

            // Padding: the message, 0x80, zeros, and the length in bits as a 128-bit big-endian
            // number ending the last block (n + 17 bytes at least, rounded up to 128).
            let n := mload(data)
            let padded := add(base, 0x1500)
            let end := add(padded, shl(7, shr(7, add(n, 0x90))))
            for { let i := add(padded, and(n, not(0x1f))) } lt(i, end) { i := add(i, 0x20) } { mstore(i, 0) }
            // The length first: its word's first 16 bytes are zero and lie in the padding.
            mstore(sub(end, 0x20), shl(3, n))
            mcopy(padded, add(data, 0x20), n)
            mstore8(add(padded, n), 0x80)

            let w := add(base, 0xa00)
            for { let chunk := padded } lt(chunk, end) { chunk := add(chunk, 0x80) } {
                schedule(chunk, w)
                compress(base)
            }
            high := or(
                or(shl(192, mload(hp)), shl(128, mload(add(hp, 0x20)))),
                or(shl(64, mload(add(hp, 0x40))), mload(add(hp, 0x60)))
            )
            low := or(
                or(shl(192, mload(add(hp, 0x80))), shl(128, mload(add(hp, 0xa0)))),
                or(shl(64, mload(add(hp, 0xc0))), mload(add(hp, 0xe0)))
            )
        }
    }
}
