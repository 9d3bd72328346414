// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {RewardPool} from "../../../src/rewards/RewardPool.sol";
import {BaseTest} from "../../utils/Base.t.sol";
import {FixedPointMathLib} from "solady/utils/FixedPointMathLib.sol";

/// @notice `release`, `pendingRelease` and `releasePerDay`.
contract RewardPoolUnitTest_release is BaseTest {
    function test_RevertWhen_BeneficiaryNotSet() public {
        skip(1 days);
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.BeneficiaryNotSet.selector));
        pool.release();
    }

    /// @dev The spec's number: 40,000,000 SESH x 0.151 / 365 = 16,547.945205479 SESH.
    function test_ReleaseAfterOneDayPaysSpecAmount() public {
        _startPool();
        skip(1 days);

        vm.expectEmit(address(pool));
        emit IRewardPool.Released(registry, DAY_ONE_RELEASE, 1 days, POOL_GENESIS - DAY_ONE_RELEASE);
        vm.prank(alice); // anyone may call
        uint256 paid = pool.release();

        assertEq(paid, DAY_ONE_RELEASE);
        assertApproxEqAbs(paid, 16_547_945_205_479, 1);
        assertEq(token.balanceOf(registry), DAY_ONE_RELEASE);
        assertEq(token.balanceOf(address(pool)), POOL_GENESIS - DAY_ONE_RELEASE);
        assertEq(token.balanceOf(alice), 0, "caller gets nothing");
        assertEq(pool.lastReleaseTime(), block.timestamp);
    }

    function test_ReleasePerDayMatchesSpec() public {
        assertEq(pool.releasePerDay(), DAY_ONE_RELEASE, "independent of the beneficiary");
        _startPool();
        assertEq(pool.releasePerDay(), DAY_ONE_RELEASE);
        skip(1 days);
        assertEq(pool.pendingRelease(), pool.releasePerDay());
        pool.release();
        assertEq(pool.releasePerDay(), _accrued(POOL_GENESIS - DAY_ONE_RELEASE, 1 days));
    }

    /// @dev Released daily for a year, 15.1% simple compounds to ~14%: 86.0% +- 0.1% remains.
    /// The exact remainder was computed off-chain with the same floor-per-day recurrence.
    function test_DailyReleasesForAYearLeave86Percent() public {
        _startPool();
        for (uint256 day; day < 365; ++day) {
            skip(1 days);
            pool.release();
        }
        uint256 remaining = token.balanceOf(address(pool));
        assertGe(remaining * 1000, POOL_GENESIS * 859, "above 85.9%");
        assertLe(remaining * 1000, POOL_GENESIS * 861, "below 86.1%");
        assertEq(remaining, 34_392_833_398_978_920);
        assertEq(token.balanceOf(registry), POOL_GENESIS - remaining, "nothing lost");
    }

    function test_SecondReleaseInSameBlockPaysZero() public {
        _startPool();
        skip(1 days);
        pool.release();
        uint256 before = token.balanceOf(registry);

        vm.recordLogs();
        assertEq(pool.release(), 0);
        assertEq(vm.getRecordedLogs().length, 0, "no event, no transfer");
        assertEq(token.balanceOf(registry), before);
    }

    function test_ReleaseInStartBlockPaysZero() public {
        _startPool();
        assertEq(pool.pendingRelease(), 0);
        assertEq(pool.release(), 0);
        assertEq(token.balanceOf(registry), 0);
    }

    /// @dev Accrual below one atomic unit still moves the clock; the dust stays in the pool.
    function test_ReleaseOfDustPaysZeroAndMovesClock() public {
        RewardPool p = _deployStartedPool(1000);
        skip(1 hours);
        vm.expectEmit(address(p));
        emit IRewardPool.Released(registry, 0, 1 hours, 1000);
        assertEq(p.release(), 0);
        assertEq(p.lastReleaseTime(), block.timestamp);
        assertEq(token.balanceOf(address(p)), 1000);
    }

    /// @dev Past 1/rate (~6.6 years) the accrual is capped at the balance.
    function test_ReleaseAfterLongGapPaysWholeBalance() public {
        _startPool();
        skip(7 * YEAR);
        assertEq(pool.pendingRelease(), POOL_GENESIS);
        assertEq(pool.release(), POOL_GENESIS);
        assertEq(token.balanceOf(address(pool)), 0);
        skip(1 days);
        assertEq(pool.release(), 0, "empty pool pays nothing");
    }

    function testFuzz_PendingReleaseMatchesRelease(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, 10 * YEAR);
        _startPool();
        skip(elapsed);
        uint256 pending = pool.pendingRelease();
        assertEq(pending, _accrued(POOL_GENESIS, elapsed));
        assertEq(pool.release(), pending);
        assertEq(token.balanceOf(registry), pending);
        assertEq(pool.pendingRelease(), 0);
    }

    /// @dev Total paid by any pattern of releases over `T` lies between the continuously compounded
    /// lower bound `b0 (1 - e^{-rT})` (less one atomic unit per release for rounding) and simple
    /// interest on the start balance `b0 r T` (the balance only falls).
    /// Proof of the lower bound: each step leaves `b' <= b (1 - r dt) + 1 <= b e^{-r dt} + 1`.
    function testFuzz_TotalReleasedBetweenCompoundedAndSimpleBounds(
        uint256 balance0,
        uint256 seed,
        uint256 steps
    ) public {
        balance0 = bound(balance0, 1, LIQUID_GENESIS);
        steps = bound(steps, 1, 64);
        RewardPool p = _deployStartedPool(balance0);

        uint256 total;
        for (uint256 i; i < steps; ++i) {
            uint256 dt = bound(uint256(keccak256(abi.encode(seed, i))), 0, 90 days);
            skip(dt);
            total += dt;
            // sometimes two calls in the same block
            if (dt % 7 == 0) p.release();
            p.release();
        }
        uint256 paid = token.balanceOf(registry);
        assertEq(paid + token.balanceOf(address(p)), balance0, "conservation");

        uint256 upper = balance0 * RATE_BPS * total / (BPS * YEAR);
        assertLe(paid, upper, "simple interest on b0 is an upper bound");

        // e^{-rT} in wad; truncating rT makes e^{-rT} (and so the remainder bound) larger: conservative.
        int256 negRtWad = -int256(RATE_BPS * total * 1e18 / (BPS * YEAR));
        uint256 decay = uint256(FixedPointMathLib.expWad(negRtWad));
        uint256 remainderBound = FixedPointMathLib.mulDivUp(balance0, decay, 1e18) + 2 * steps + 1;
        uint256 lower = balance0 > remainderBound ? balance0 - remainderBound : 0;
        assertGe(paid, lower, "compounded lower bound");
    }

    /// @dev Splitting a span into many releases never pays more than one release over it.
    function testFuzz_ManyStepsPayNoMoreThanOne(uint256 seed, uint256 steps) public {
        steps = bound(steps, 1, 64);
        _startPool();
        uint256[] memory gaps = new uint256[](steps);
        uint256 total;
        for (uint256 i; i < steps; ++i) {
            gaps[i] = bound(uint256(keccak256(abi.encode(seed, i))), 0, 30 days);
            total += gaps[i];
        }

        uint256 snapshot = vm.snapshotState();
        skip(total);
        uint256 once = pool.release();
        assertEq(once, _accrued(POOL_GENESIS, total));

        vm.revertToState(snapshot);
        uint256 many;
        for (uint256 i; i < steps; ++i) {
            skip(gaps[i]);
            many += pool.release();
        }
        assertLe(many, once);
        assertEq(token.balanceOf(registry), many);
    }

    /// Tokens sent straight to the pool (a transfer, a remint) earn nothing for the time before
    /// they arrived: they join the accruing balance at the next payout.
    function test_DirectTransferIsNotBackdated() public {
        _startPool();
        skip(1 days);
        _fund(address(this), 4_000_000e9);
        token.transfer(address(pool), 4_000_000e9);
        assertEq(pool.accruingBalance(), POOL_GENESIS);

        assertEq(pool.release(), DAY_ONE_RELEASE, "only the genesis balance accrued over day one");
        assertEq(pool.accruingBalance(), POOL_GENESIS + 4_000_000e9 - DAY_ONE_RELEASE);

        skip(1 days);
        assertEq(pool.release(), _accrued(POOL_GENESIS + 4_000_000e9 - DAY_ONE_RELEASE, 1 days));
    }
}
