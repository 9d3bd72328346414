// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ReservingReentrancyGuard
/// @notice A transient reentrancy guard whose exit also checks a gas reserve the guarded call may
/// have asked for with {_reserveGasAtExit}.
/// @dev Why: some work is done at most once per second (the registry's distribution with the
/// pool's release). A call in the same second skips it, so a gas estimate made then (wallets
/// estimate against the latest state) leaves it out; mined a second later the call does the work
/// and runs out of gas. A call that skipped such work reserves the gas the work would cost: it
/// must still have that much left when it exits, so every estimate includes it, while only the gas
/// actually used is paid. The check is at the exit of the guarded call, after everything the call
/// does, so the reserve covers the skipped work wherever in the call it would have happened.
/// One transient slot holds both facts: 0 = not entered; otherwise entered, with the gas to leave
/// at the exit (1 when nothing was reserved). Nothing to keep in the upgradeable storage layout.
abstract contract ReservingReentrancyGuard {
    /// @notice A guarded function was entered again from within a guarded function.
    error ReentrantCall();
    /// @notice The call skipped work it would do a second later and was given too little gas to
    /// cover it (the reserve must remain at its end): give it more gas; only the gas used is paid.
    error GasReserveNotLeft();

    // cast index-erc7201 session.transient.ReservingReentrancyGuard
    bytes32 private constant SLOT = 0xc99d611d5fdfcc7a896d7bec11b4df7ebad61e1d495b19ed2a798d1b8646c800;

    modifier nonReentrant() {
        _enter();
        _;
        _exit();
    }

    /// @dev Asks the current guarded call to end with at least `amount` (> 0) gas left.
    function _reserveGasAtExit(uint256 amount) internal {
        assembly ("memory-safe") {
            tstore(SLOT, amount)
        }
    }

    function _enter() private {
        uint256 state;
        assembly ("memory-safe") {
            state := tload(SLOT)
            tstore(SLOT, 1)
        }
        require(state == 0, ReentrantCall());
    }

    function _exit() private {
        uint256 reserve;
        assembly ("memory-safe") {
            reserve := tload(SLOT)
            tstore(SLOT, 0)
        }
        require(gasleft() >= reserve, GasReserveNotLeft());
    }
}
