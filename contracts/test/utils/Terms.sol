// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Vm} from "forge-std/Vm.sol";

/// @notice The terms version a contribution contract's deposits must quote, read from its storage
/// with a cheatcode: unlike a call to `termsVersion()`, it does not use up a pending `vm.prank`.
/// `views.t.sol` checks it against `termsVersion()`.
library Terms {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    /// @dev `_extra` (slot 1): unfilledAmount (64) | totalRefundable (64) | feeBps (16) | termsVersion.
    uint256 private constant EXTRA_SLOT = 1;
    uint256 private constant VERSION_SHIFT = 144;

    function versionOf(address contributionContract) internal view returns (uint32) {
        return uint32(uint256(VM.load(contributionContract, bytes32(EXTRA_SLOT))) >> VERSION_SHIFT);
    }
}
