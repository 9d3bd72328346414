// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {HashToG2} from "../../../src/consensus/HashToG2.sol";

/// @notice BLS keys and signatures made on-chain with the EIP-2537 MSM precompiles, so tests can
/// sign any message (another chain id, contract, action, node) without leaving forge. The Rust
/// crate's fixtures (Fixtures.t.sol) check the same scheme from the other side.
/// pk = sk * g1 (G1MSM), sig = sk * H(m) (G2MSM); an aggregate signature of several keys is
/// (sum of their sks mod r) * H(m).
library BLSTestSigner {
    /// @dev Order of the BLS12-381 groups.
    uint256 internal constant R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001;

    /// @dev A secret key in [1, r) derived from `seed`.
    function secretKey(uint256 seed) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode("session-bls forge test key", seed))) % (R - 1) + 1;
    }

    /// @dev sk * g1, 128-byte EIP-2537 encoding.
    function publicKey(uint256 sk) internal view returns (bytes memory key) {
        bytes memory input = abi.encodePacked(
            bytes16(0),
            hex"17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb",
            bytes16(0),
            hex"08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1",
            sk
        );
        (bool ok, bytes memory out) = address(0x0c).staticcall(input);
        require(ok && out.length == 128, "G1MSM");
        return out;
    }

    /// @dev sk * H(message) with the signature DST, 256-byte EIP-2537 encoding.
    function sign(uint256 sk, bytes memory message) internal view returns (bytes memory) {
        (bool ok, bytes memory out) =
            address(0x0e).staticcall(abi.encodePacked(HashToG2.hashToG2(message), sk));
        require(ok && out.length == 256, "G2MSM");
        return out;
    }

    /// @dev Sum of two G1 points.
    function addG1(bytes memory a, bytes memory b) internal view returns (bytes memory) {
        (bool ok, bytes memory out) = address(0x0b).staticcall(abi.encodePacked(a, b));
        require(ok && out.length == 128, "G1ADD");
        return out;
    }

    /// @dev Sum of two G2 points.
    function addG2(bytes memory a, bytes memory b) internal view returns (bytes memory) {
        (bool ok, bytes memory out) = address(0x0d).staticcall(abi.encodePacked(a, b));
        require(ok && out.length == 256, "G2ADD");
        return out;
    }
}
