// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ed25519} from "../../../src/consensus/Ed25519.sol";
import {Sha512} from "../../../src/consensus/Sha512.sol";

/// @notice RFC 8032 Ed25519 signing (5.1.5, 5.1.6) in forge, so tests can sign any message (an
/// eviction for any chain, registry, node and claimant) with a key from a 32-byte secret. Built on
/// the verifier's own arithmetic, so it is checked against Node's signatures of the same secrets
/// (`Ed25519.t.sol`) before any test relies on it. Test code: slow, and the secret is in memory.
library Ed25519TestSigner {
    /// @dev The public key of `secret`: [a]B with a the clamped first half of SHA-512(secret).
    function publicKey(bytes32 secret) internal view returns (bytes32 key) {
        (key,,) = _expand(secret);
    }

    /// @dev The 64-byte signature `R || S` of `message` by `secret`.
    function sign(bytes32 secret, bytes memory message) internal view returns (bytes memory) {
        (bytes32 key, uint256 a, bytes32 prefix) = _expand(secret);
        (bytes32 h0, bytes32 h1) = Sha512.hash(abi.encodePacked(prefix, message));
        uint256 r = Ed25519.reduce(h0, h1);
        // [r]B (+ [0] times the identity, (0, 1))
        bytes32 encodedR = Ed25519.mulAdd(r, 0, 0, 1);
        (h0, h1) = Sha512.hash(abi.encodePacked(encodedR, key, message));
        uint256 k = Ed25519.reduce(h0, h1);
        uint256 s = addmod(r, mulmod(k, a % Ed25519.L, Ed25519.L), Ed25519.L);
        return abi.encodePacked(encodedR, bytes32(Ed25519.littleEndian(s)));
    }

    function _expand(bytes32 secret) private view returns (bytes32 key, uint256 a, bytes32 prefix) {
        (bytes32 h0, bytes32 h1) = Sha512.hash(abi.encodePacked(secret));
        a = Ed25519.littleEndian(uint256(h0));
        a = (a & ~uint256(7) & ~(uint256(1) << 255)) | (uint256(1) << 254);
        key = Ed25519.mulAdd(a, 0, 0, 1);
        prefix = h1;
    }
}
