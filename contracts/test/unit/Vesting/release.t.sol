// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IVesting} from "../../../src/interfaces/IVesting.sol";
import {VestingTestBase} from "./VestingBase.t.sol";

contract VestingReleaseTest is VestingTestBase {
    IVesting internal v;

    function setUp() public override {
        super.setUp();
        v = _plain(grantor, 2000);
    }

    function test_RevertWhen_BeforeCliff() public {
        vm.warp(T0 + 365 days - 1);
        assertEq(v.releasable(), 0);
        vm.expectRevert(IVesting.NothingToRelease.selector);
        v.release();
    }

    function test_ReleasesTheCliffShareThenLinearly() public {
        vm.warp(T0 + 365 days);
        vm.expectEmit(address(v));
        emit IVesting.Released(beneficiary, ALLOCATION / 5, ALLOCATION / 5);
        // Anyone may trigger it; the tokens go to the beneficiary.
        vm.prank(makeAddr("relayer"));
        assertEq(v.release(), ALLOCATION / 5);
        assertEq(token.balanceOf(beneficiary), ALLOCATION / 5);
        vm.expectRevert(IVesting.NothingToRelease.selector);
        v.release();

        vm.warp(T0 + 365 days + 3 * 365 days / 2);
        uint256 due = _reference(ALLOCATION, _schedule(2000), block.timestamp) - ALLOCATION / 5;
        assertEq(v.releasable(), due);
        v.release();
        assertEq(v.released(), ALLOCATION * 6 / 10);

        vm.warp(T0 + 10 * 365 days);
        v.release();
        assertEq(token.balanceOf(beneficiary), ALLOCATION, "all of it in the end");
        assertEq(token.balanceOf(address(v)), 0);
        assertEq(v.released(), ALLOCATION);
    }

    function testFuzz_ReleasedNeverExceedsVested(uint64[5] memory times) public {
        uint256 t = T0;
        for (uint256 i; i < times.length; ++i) {
            t += bound(times[i], 0, 2 * 365 days);
            vm.warp(t);
            if (v.releasable() != 0) v.release();
            assertEq(v.released(), v.vestedAmount(uint64(t)), "released = vested after each release");
            assertEq(v.released() + token.balanceOf(address(v)), ALLOCATION, "released + held = allocation");
        }
    }
}
