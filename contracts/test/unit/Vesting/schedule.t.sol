// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IVesting} from "../../../src/interfaces/IVesting.sol";
import {IVestingFactory} from "../../../src/interfaces/IVestingFactory.sol";
import {VestingSchedule} from "../../../src/vesting/VestingSchedule.sol";
import {VestingTestBase} from "./VestingBase.t.sol";

contract ScheduleHarness {
    function vested(uint256 total, IVesting.Schedule memory s, uint256 t) external pure returns (uint256) {
        return VestingSchedule.vested(total, s, t);
    }

    function validate(IVesting.Schedule memory s) external pure {
        VestingSchedule.validate(s);
    }
}

/// @notice The schedule: nothing before the cliff, the cliff share at the cliff, linear to the end;
/// checked to the atomic unit against a reference written independently, in the library and on
/// deployed clones (`vestedAmount`, as the hidden schedule check reads them).
contract VestingScheduleTest is VestingTestBase {
    ScheduleHarness internal h;

    function setUp() public override {
        super.setUp();
        h = new ScheduleHarness();
    }

    function test_WorkedExample() public view {
        // 1,000,000 SESH, 20% at a one-year cliff, linear over the following three years.
        IVesting.Schedule memory s = IVesting.Schedule(1000, 1000 + 365 days, 1000 + 4 * 365 days, 2000);
        uint256 total = 1_000_000 * SESH;
        assertEq(h.vested(total, s, 999 + 365 days), 0, "a second before the cliff");
        assertEq(h.vested(total, s, 1000 + 365 days), 200_000 * SESH, "at the cliff: 20%");
        // Half way through the linear part: 200,000 + 800,000 / 2.
        assertEq(h.vested(total, s, 1000 + 365 days + 3 * 365 days / 2), 600_000 * SESH, "half way");
        // One second after the cliff: 800,000e9 * 1 / 94,608,000 = 8,455,944.0 -> 8,455,944 units.
        assertEq(h.vested(total, s, 1001 + 365 days), 200_000 * SESH + 8_455_944, "one second in");
        assertEq(h.vested(total, s, 1000 + 4 * 365 days), total, "at the end");
        assertEq(h.vested(total, s, type(uint64).max), total, "long after");
    }

    function test_PureCliff() public view {
        IVesting.Schedule memory s = IVesting.Schedule(10, 20, 20, 0);
        assertEq(h.vested(100, s, 19), 0);
        assertEq(h.vested(100, s, 20), 100);
    }

    function testFuzz_VestedMatchesReference(
        uint256 total,
        uint64 start,
        uint64 cliffAfter,
        uint64 span,
        uint16 bps,
        uint64 t
    ) public view {
        total = bound(total, 1, type(uint128).max);
        start = uint64(bound(start, 0, type(uint64).max / 4));
        cliffAfter = uint64(bound(cliffAfter, 0, type(uint64).max / 4));
        span = uint64(bound(span, 1, type(uint64).max / 4));
        bps = uint16(bound(bps, 0, 10_000));
        IVesting.Schedule memory s =
            IVesting.Schedule(start, start + cliffAfter, start + cliffAfter + span, bps);
        uint256 v = h.vested(total, s, t);
        assertEq(v, _reference(total, s, t), "to the atomic unit");
        assertLe(v, total, "never above the total");
        if (t > 0) assertLe(h.vested(total, s, t - 1), v, "never decreasing");
    }

    function testFuzz_DeployedCloneMatchesReference(
        uint256 total,
        uint64 cliffAfter,
        uint64 span,
        uint16 bps,
        uint64 t,
        bool stakingKind
    ) public {
        total = bound(total, 1, 50_000_000 * SESH); // the treasury holds 80M
        cliffAfter = uint64(bound(cliffAfter, 0, 10 * 365 days));
        span = uint64(bound(span, 1, 10 * 365 days));
        bps = uint16(bound(bps, 0, 10_000));
        IVesting.Schedule memory s = IVesting.Schedule(T0, T0 + cliffAfter, T0 + cliffAfter + span, bps);
        IVesting v = IVesting(
            _create(
                stakingKind ? IVestingFactory.Kind.Staking : IVestingFactory.Kind.Plain, grantor, total, s
            )
        );
        t = uint64(bound(t, 0, T0 + 30 * 365 days));
        assertEq(v.vestedAmount(t), _reference(total, s, t), "clone's vestedAmount");
        (uint64 a, uint64 b, uint64 c, uint16 d) = v.schedule();
        assertEq(abi.encode(a, b, c, d), abi.encode(s.start, s.cliff, s.end, s.cliffShareBps), "schedule()");
        assertEq(v.allocation(), total);
        vm.warp(t);
        assertEq(v.releasable(), _reference(total, s, t), "releasable = vested (nothing staked or released)");
    }

    function test_RevertWhen_ScheduleInvalid() public {
        _expectInvalid(IVesting.Schedule(10, 9, 20, 0)); // cliff before start
        _expectInvalid(IVesting.Schedule(10, 21, 20, 0)); // cliff after end
        _expectInvalid(IVesting.Schedule(10, 10, 10, 0)); // end == start
        _expectInvalid(IVesting.Schedule(10, 10, 20, 10_001)); // bps above 100%
        h.validate(IVesting.Schedule(10, 10, 11, 10_000)); // boundaries are fine
        h.validate(IVesting.Schedule(10, 20, 20, 0));
    }

    function _expectInvalid(IVesting.Schedule memory s) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IVesting.InvalidSchedule.selector, s.start, s.cliff, s.end, s.cliffShareBps
            )
        );
        h.validate(s);
    }
}
