// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {ReservingReentrancyGuard} from "../../../src/utils/ReservingReentrancyGuard.sol";
import {BaseTest} from "../../utils/Base.t.sol";

/// @notice A wallet (or a fee contract) estimates `deposit` or `release` against the latest state,
/// in the second of the last release, and the call is mined a second later, when it pays a
/// release too: the least gas that works at time t must work at t + 1.
contract RewardPoolUnitTest_gasReserve is BaseTest {
    uint256 internal constant AMOUNT = 1_000 * SESH;

    function setUp() public override {
        super.setUp();
        _startPool();
        _fund(alice, 10 * AMOUNT);
        vm.prank(alice);
        token.approve(address(pool), type(uint256).max);
        skip(1 days);
        pool.release();
    }

    function test_ADepositEstimatedInTheSecondOfTheLastReleaseWorksASecondLater() public {
        bytes memory data = abi.encodeCall(IRewardPool.deposit, (AMOUNT));
        uint256 estimate = _leastGas(address(pool), alice, data);
        skip(1);
        uint256 paidBefore = token.balanceOf(registry);
        vm.prank(alice);
        (bool ok,) = address(pool).call{gas: estimate}(data);
        assertTrue(ok, "mined a second later with the estimate");
        assertGt(token.balanceOf(registry), paidBefore, "the deposit paid the second's release first");
    }

    function test_AReleaseEstimatedInTheSecondOfTheLastOneWorksASecondLater() public {
        bytes memory data = abi.encodeCall(IRewardPool.release, ());
        uint256 estimate = _leastGas(address(pool), alice, data);
        skip(1);
        vm.prank(alice);
        (bool ok,) = address(pool).call{gas: estimate}(data);
        assertTrue(ok, "mined a second later with the estimate");
        assertEq(pool.lastReleaseTime(), block.timestamp);
    }

    function test_RevertWhen_ASkippedReleaseLeavesLessThanItsReserve() public {
        vm.expectRevert(ReservingReentrancyGuard.GasReserveNotLeft.selector);
        vm.prank(alice);
        pool.release{gas: 60_000}();
        // The beneficiary reserves at its own exit instead: its skipped pull costs what it uses.
        vm.prank(registry);
        assertEq(pool.release{gas: 30_000}(), 0);
    }
}
