// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFeePayment} from "../../../src/interfaces/IFeePayment.sol";
import {ISessionNames} from "../../../src/interfaces/ISessionNames.sol";
import {IUsdPricing} from "../../../src/interfaces/IUsdPricing.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";

/// @notice `renew`: holder only, until the grace period ends, one period from the current expiry.
contract SessionNamesUnitTest_renew is FeesBaseTest {
    uint64 internal constant PERIOD = 365 days;
    uint64 internal constant GRACE = 30 days;
    uint64 internal expiry;

    function setUp() public override {
        super.setUp();
        _fundAndApprove(alice, address(names), 100_000 * SESH);
        _fundAndApprove(bob, address(names), 100_000 * SESH);
        vm.prank(alice);
        (expiry,) = names.register("alice", _sessionId("alice"), type(uint256).max);
    }

    function test_RenewWhileActiveExtendsFromExpiry() public {
        _skipAndRefresh(100 days);
        vm.expectEmit(address(names));
        emit IFeePayment.FeePaid(alice, NAME_USD_5, 100 * SESH, PRICE);
        vm.expectEmit(address(names));
        emit ISessionNames.NameRenewed(keccak256("alice"), "alice", expiry + PERIOD, NAME_USD_5, 100 * SESH);
        vm.prank(alice);
        (uint64 newExpiry, uint256 paid) = names.renew("Alice", 100 * SESH);
        assertEq(newExpiry, expiry + PERIOD);
        assertEq(paid, 100 * SESH);
        assertEq(names.recordOf("alice").expiry, expiry + PERIOD);
    }

    function test_RenewAtExpiryInGrace() public {
        _warpAndRefresh(expiry);
        vm.prank(alice);
        (uint64 newExpiry,) = names.renew("alice", type(uint256).max);
        assertEq(newExpiry, expiry + PERIOD);
        assertEq(names.resolve("alice"), _sessionId("alice"), "resolves again");
    }

    function test_RenewOnLastSecondOfGrace() public {
        _warpAndRefresh(uint256(expiry) + GRACE - 1);
        vm.prank(alice);
        (uint64 newExpiry,) = names.renew("alice", type(uint256).max);
        assertEq(newExpiry, expiry + PERIOD, "grace time is not free: extends from the old expiry");
    }

    function testFuzz_RenewExtendsByOnePeriod(uint256 at, uint256 times) public {
        times = bound(times, 1, 4);
        uint64 current = expiry;
        for (uint256 i; i < times; ++i) {
            at = bound(uint256(keccak256(abi.encode(at, i))), block.timestamp, uint256(current) + GRACE - 1);
            _warpAndRefresh(at);
            vm.prank(alice);
            (uint64 next,) = names.renew("alice", type(uint256).max);
            assertEq(next, current + PERIOD);
            current = next;
        }
    }

    function test_RevertWhen_GraceOver() public {
        uint256 graceEnd = uint256(expiry) + GRACE;
        _warpAndRefresh(graceEnd);
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.RenewalWindowClosed.selector, "alice", graceEnd));
        vm.prank(alice);
        names.renew("alice", type(uint256).max);
    }

    function test_RevertWhen_CallerNotHolder() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.NotNameHolder.selector, "alice", bob, alice));
        vm.prank(bob);
        names.renew("alice", type(uint256).max);
    }

    function test_RevertWhen_CallerNotHolderInGrace() public {
        _warpAndRefresh(expiry);
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.NotNameHolder.selector, "alice", bob, alice));
        vm.prank(bob);
        names.renew("alice", type(uint256).max);
    }

    function test_RevertWhen_NameNeverRegistered() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISessionNames.NotNameHolder.selector, "nobody", bob, address(0))
        );
        vm.prank(bob);
        names.renew("nobody", type(uint256).max);
    }

    function test_RevertWhen_PriceAboveMax() public {
        vm.expectRevert(abi.encodeWithSelector(IUsdPricing.PriceAboveMax.selector, 100 * SESH, 0));
        vm.prank(alice);
        names.renew("alice", 0);
    }

    function test_RevertWhen_NameInvalid() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.InvalidName.selector, "alice-", 5));
        vm.prank(alice);
        names.renew("alice-", type(uint256).max);
    }
}
