// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title GasGuard
/// @notice Tells a callee that ran out of gas from one that refused, after a `try` whose failure the
/// caller absorbs (the registry's pull of the pool, a contribution contract's automatic
/// registration).
/// @dev Why it matters: a caller that skips a failed sub-call must not skip it for lack of gas,
/// or anyone could make it skip the sub-call by sending too little gas, and gas estimation (which
/// searches for the least gas that succeeds) would find that amount and skip it too.
///
/// The 1/64 rule (EIP-150): a CALL forwards at most 63/64 of the gas left, so the caller keeps
/// 1/64. A callee behind a proxy forwards again, keeping 1/64 of that. Out of gas, the proxy and
/// the implementation therefore each keep 1/64 of what they received, and about 1/32 of the gas
/// measured before the call comes back to the caller (less what the call itself spent around it).
/// A refusal (a revert on a check) returns far more. Gas left at or below 1/16 of the gas before
/// the call is thus taken for an out-of-gas failure: the threshold sits between the two with a
/// factor of two of room on each side.
library GasGuard {
    /// @dev Divisor of the gas before the call below which a failure counts as out of gas.
    uint256 private constant OUT_OF_GAS_DIVISOR = 16;

    /// @notice Whether a sub-call that failed after `gasBefore` was measured left enough gas to be
    /// a refusal rather than an out-of-gas failure.
    /// @param gasBefore `gasleft()` just before the call.
    /// @return True for a refusal (more than 1/16 of `gasBefore` left).
    function refused(uint256 gasBefore) internal view returns (bool) {
        return gasleft() > gasBefore / OUT_OF_GAS_DIVISOR;
    }
}
