// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {RewardPool} from "../../src/rewards/RewardPool.sol";

/// @notice A second implementation for the upgrade tests. It inherits `RewardPool`, so it keeps its
/// ERC-7201 storage exactly, and adds its own namespace plus a `reinitializer(2)` that
/// `upgradeToAndCall` runs.
contract RewardPoolV2Mock is RewardPool {
    /// @custom:storage-location erc7201:session.storage.RewardPoolV2Mock
    struct V2Storage {
        uint256 marker;
    }

    // keccak256(abi.encode(uint256(keccak256("session.storage.RewardPoolV2Mock")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant V2_STORAGE_LOCATION =
        0xdfbe5888283ad77d23c3fd4aa1e999cd53caba6057cfbb1cf61615858320f800;

    function _v2Storage() private pure returns (V2Storage storage $) {
        assembly {
            $.slot := V2_STORAGE_LOCATION
        }
    }

    /// @notice The upgrade step: runs once, through `upgradeToAndCall`.
    function initializeV2(uint256 marker_) external reinitializer(2) {
        _v2Storage().marker = marker_;
    }

    /// @notice Set by `initializeV2`; proves the new code runs against the proxy's storage.
    function marker() external view returns (uint256) {
        return _v2Storage().marker;
    }

    /// @notice `VERSION` is a constant of V1 and cannot be overridden; the mock reports its own.
    function mockVersion() external pure returns (uint64) {
        return 2;
    }
}
