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
