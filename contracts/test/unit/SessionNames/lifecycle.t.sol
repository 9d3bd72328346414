// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ISessionNames} from "../../../src/interfaces/ISessionNames.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";

/// @notice The lifecycle table of {ISessionNames} at any moment: active, grace, free.
contract SessionNamesUnitTest_lifecycle is FeesBaseTest {
    uint64 internal constant GRACE = 30 days;
    uint64 internal expiry;

    function setUp() public override {
        super.setUp();
        _fundAndApprove(alice, address(names), 100_000 * SESH);
        _fundAndApprove(bob, address(names), 100_000 * SESH);
        vm.prank(alice);
        (expiry,) = names.register("alice", _sessionId("alice"), type(uint256).max);
    }

    function testFuzz_LifecycleAtAnyTime(uint256 at) public {
        at = bound(at, block.timestamp, uint256(expiry) + 2 * GRACE);
        _warpAndRefresh(at);
        uint256 graceEnd = uint256(expiry) + GRACE;

        if (at < expiry) {
            // active: resolves, taken, holder may transfer
            assertEq(names.resolve("alice"), _sessionId("alice"));
            assertFalse(names.isAvailable("alice"));
            vm.prank(alice);
            names.transfer("alice", alice);
        } else if (at < graceEnd) {
            // grace: silent, taken, holder may only renew
            assertEq(names.resolve("alice"), "");
            assertFalse(names.isAvailable("alice"));
            vm.expectRevert(abi.encodeWithSelector(ISessionNames.NameNotActive.selector, "alice", expiry));
            vm.prank(alice);
            names.transfer("alice", bob);
            vm.expectRevert(
                abi.encodeWithSelector(ISessionNames.NameUnavailable.selector, "alice", alice, graceEnd)
            );
            vm.prank(bob);
            names.register("alice", _sessionId("bob"), type(uint256).max);
            vm.prank(alice);
            names.renew("alice", type(uint256).max);
            assertEq(names.resolve("alice"), _sessionId("alice"));
        } else {
            // free: anyone registers, the old holder can no longer renew
            assertTrue(names.isAvailable("alice"));
            vm.expectRevert(
                abi.encodeWithSelector(ISessionNames.RenewalWindowClosed.selector, "alice", graceEnd)
            );
            vm.prank(alice);
            names.renew("alice", type(uint256).max);
            vm.prank(bob);
            names.register("alice", _sessionId("bob"), type(uint256).max);
            assertEq(names.resolve("alice"), _sessionId("bob"));
        }
    }
}
