// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {BaseTest} from "../../utils/Base.t.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice `deposit`: pays what accrued at the old balance first, then adds.
contract RewardPoolUnitTest_deposit is BaseTest {
    uint256 internal constant AMOUNT = 1_000_000 * SESH;

    function setUp() public override {
        super.setUp();
        _fund(alice, AMOUNT);
        vm.prank(alice);
        token.approve(address(pool), type(uint256).max);
    }

    function test_DepositPaysAccruedAtOldBalanceThenAdds() public {
        _startPool();
        skip(1 days);

        // Accrual is computed before the deposit lands: exactly the 40M day-one amount.
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(pool), registry, DAY_ONE_RELEASE);
        vm.expectEmit(address(pool));
        emit IRewardPool.Released(registry, DAY_ONE_RELEASE, 1 days, POOL_GENESIS - DAY_ONE_RELEASE);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, address(pool), AMOUNT);
        vm.expectEmit(address(pool));
        emit IRewardPool.Deposited(alice, AMOUNT);
        vm.prank(alice);
        pool.deposit(AMOUNT);

        assertEq(token.balanceOf(registry), DAY_ONE_RELEASE);
        assertEq(token.balanceOf(address(pool)), POOL_GENESIS - DAY_ONE_RELEASE + AMOUNT);
        assertEq(token.balanceOf(alice), 0);
        assertEq(pool.lastReleaseTime(), block.timestamp);
        assertEq(pool.pendingRelease(), 0);

        // The next day accrues on the larger balance: rewards are dynamic.
        skip(1 days);
        uint256 expected = _accrued(POOL_GENESIS - DAY_ONE_RELEASE + AMOUNT, 1 days);
        assertGt(expected, DAY_ONE_RELEASE);
        assertEq(pool.release(), expected);
    }

    function test_DepositBeforeBeneficiaryOnlyAdds() public {
        skip(1 days);
        vm.recordLogs();
        vm.prank(alice);
        pool.deposit(AMOUNT);
        // the token's Transfer and the pool's Deposited, no Released
        assertEq(vm.getRecordedLogs().length, 2);
        assertEq(token.balanceOf(address(pool)), POOL_GENESIS + AMOUNT);
        assertEq(pool.lastReleaseTime(), 0, "clock not started");
    }

    function test_DepositInSameBlockAsReleaseOnlyAdds() public {
        _startPool();
        skip(1 days);
        pool.release();
        vm.prank(alice);
        pool.deposit(AMOUNT);
        assertEq(token.balanceOf(registry), DAY_ONE_RELEASE);
        assertEq(token.balanceOf(address(pool)), POOL_GENESIS - DAY_ONE_RELEASE + AMOUNT);
    }

    /// @dev A deposit never raises past accrual: depositing then releasing pays exactly what
    /// releasing alone would have.
    function testFuzz_DepositDoesNotRaisePastAccrual(uint256 elapsed, uint256 amount) public {
        elapsed = bound(elapsed, 0, 2 * YEAR);
        amount = bound(amount, 1, AMOUNT);
        _startPool();
        skip(elapsed);
        uint256 expected = _accrued(POOL_GENESIS, elapsed);
        vm.prank(alice);
        pool.deposit(amount);
        assertEq(token.balanceOf(registry), expected);
        assertEq(token.balanceOf(address(pool)), POOL_GENESIS - expected + amount);
        assertEq(pool.release(), 0);
    }

    function test_RevertWhen_AmountIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ZeroAmount.selector));
        vm.prank(alice);
        pool.deposit(0);
    }

    function test_RevertWhen_AllowanceTooLow() public {
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(pool), 0, 1)
        );
        pool.deposit(1);
    }
}
