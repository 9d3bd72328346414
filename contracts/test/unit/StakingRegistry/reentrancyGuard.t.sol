// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ReservingReentrancyGuard} from "../../../src/utils/ReservingReentrancyGuard.sol";
import {Test} from "forge-std/Test.sol";

contract GuardHarness is ReservingReentrancyGuard {
    uint256 public calls;

    function reenter() external nonReentrant {
        ++calls;
        this.reenter();
    }

    function reserve(uint256 amount) external nonReentrant {
        ++calls;
        _reserveGasAtExit(amount);
    }

    function plain() external nonReentrant {
        ++calls;
    }
}

/// @notice The registry's reentrancy guard: no reentry, and a reserve asked for is checked at the
/// exit, then forgotten.
contract ReservingReentrancyGuardTest is Test {
    GuardHarness internal guard = new GuardHarness();

    function test_RevertWhen_AGuardedCallReenters() public {
        vm.expectRevert(ReservingReentrancyGuard.ReentrantCall.selector);
        guard.reenter();
    }

    function test_AReserveMustRemainAtTheExit() public {
        vm.expectRevert(ReservingReentrancyGuard.GasReserveNotLeft.selector);
        guard.reserve{gas: 100_000}(200_000);
        guard.reserve{gas: 300_000}(200_000);
        assertEq(guard.calls(), 1);
    }

    function test_TheReserveEndsWithItsCall() public {
        guard.reserve(1_000_000);
        // The next call asked for nothing: it runs with little gas, and it was not locked out.
        guard.plain{gas: 50_000}();
        assertEq(guard.calls(), 2);
    }
}
