// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IVesting} from "../interfaces/IVesting.sol";
import {LibClone} from "solady/utils/LibClone.sol";

/// @title VestingArgs
/// @notice The immutable arguments of a vesting clone, appended to its code by the factory:
/// `revoker (20) | allocation (16) | start (8) | cliff (8) | end (8) | cliffShareBps (2) | salt (32)`,
/// 94 bytes, packed. The salt (the CREATE2 salt the factory derived) lets the factory recompute a
/// clone's address from its code alone ({IVestingFactory-owns}).
library VestingArgs {
    uint256 internal constant LENGTH = 94;
    /// @dev The part the vesting reads (everything but the salt).
    uint256 private constant TERMS_LENGTH = 62;

    function encode(address revoker, uint256 allocation, IVesting.Schedule memory s, bytes32 salt)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodePacked(revoker, uint128(allocation), s.start, s.cliff, s.end, s.cliffShareBps, salt);
    }

    /// @notice The calling clone's revoker, allocation and schedule.
    function read() internal view returns (address revoker, uint256 allocation, IVesting.Schedule memory s) {
        bytes memory raw = LibClone.argsOnClone(address(this), 0, TERMS_LENGTH);
        uint64 start;
        uint64 cliff;
        uint64 end;
        uint16 bps;
        assembly ("memory-safe") {
            let p := add(raw, 0x20)
            revoker := shr(96, mload(p))
            allocation := shr(128, mload(add(p, 20)))
            start := shr(192, mload(add(p, 36)))
            cliff := shr(192, mload(add(p, 44)))
            end := shr(192, mload(add(p, 52)))
            bps := shr(240, mload(add(p, 60)))
        }
        s = IVesting.Schedule(start, cliff, end, bps);
    }
}
