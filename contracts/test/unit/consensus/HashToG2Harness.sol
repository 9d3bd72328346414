// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {HashToG2} from "../../../src/consensus/HashToG2.sol";
import {BLS} from "solady/utils/ext/ithaca/BLS.sol";

/// @notice Exposes {HashToG2} and solady's `BLS.hashToG2` to tests.
contract HashToG2Harness {
    function hashToG2(bytes calldata message, bytes calldata dst) external view returns (bytes memory) {
        return HashToG2.hashToG2(message, dst);
    }

    function hashToG2(bytes calldata message) external view returns (bytes memory) {
        return HashToG2.hashToG2(message);
    }

    function soladyHashToG2(bytes calldata message) external view returns (bytes memory) {
        return abi.encode(BLS.hashToG2(message));
    }
}

/// @notice {HashToG2} called over dirty memory, apart from {HashToG2Harness} so the gas snapshot of
/// that harness stays comparable.
contract HashToG2DirtyHarness {
    /// @dev {hashToG2} after filling the scratch space and `words` words past the free memory
    /// pointer with `junk`: memory nobody allocated is not zero, and the library must not read it
    /// as if it were.
    function hashToG2Dirty(bytes calldata message, bytes32 junk, uint256 words)
        external
        view
        returns (bytes memory)
    {
        assembly ("memory-safe") {
            mstore(0x00, junk)
            mstore(0x20, junk)
            let p := mload(0x40)
            for { let i := 0 } lt(i, words) { i := add(i, 1) } { mstore(add(p, shl(5, i)), junk) }
        }
        return HashToG2.hashToG2(message);
    }
}
