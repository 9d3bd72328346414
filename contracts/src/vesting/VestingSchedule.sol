// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IVesting} from "../interfaces/IVesting.sol";

/// @title VestingSchedule
/// @notice The schedule math shared by both kinds of vesting (and the Merkle claims' vestings).
library VestingSchedule {
    uint256 internal constant BPS = 10_000;

    /// @notice What of `total` has vested at `t`: 0 before the cliff, `total` from the end, else
    /// `c + (total - c) * (t - cliff) / (end - cliff)` with `c = total * cliffShareBps / 10_000`.
    /// @dev Both divisions round down, against the beneficiary (by less than one unit each); the
    /// result never exceeds `total` and never decreases in `t`. `total < 2^128` and 64-bit times keep
    /// every product below 2^192. `cliff == end` is a pure cliff (the `t >= end` branch).
    function vested(uint256 total, IVesting.Schedule memory s, uint256 t) internal pure returns (uint256) {
        if (t < s.cliff) return 0;
        if (t >= s.end) return total;
        uint256 atCliff = total * s.cliffShareBps / BPS;
        return atCliff + (total - atCliff) * (t - s.cliff) / (s.end - s.cliff);
    }

    /// @notice Reverts with {IVesting-InvalidSchedule} unless `start <= cliff <= end`, `start < end`
    /// and `cliffShareBps <= 10_000`.
    function validate(IVesting.Schedule memory s) internal pure {
        require(
            s.start <= s.cliff && s.cliff <= s.end && s.start < s.end && s.cliffShareBps <= BPS,
            IVesting.InvalidSchedule(s.start, s.cliff, s.end, s.cliffShareBps)
        );
    }
}
