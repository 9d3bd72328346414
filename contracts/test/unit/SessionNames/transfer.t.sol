// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IFeePayment} from "../../../src/interfaces/IFeePayment.sol";
import {ISessionNames} from "../../../src/interfaces/ISessionNames.sol";
import {FeesBaseTest} from "../../utils/FeesBase.t.sol";

/// @notice `transfer` and `setTarget`: holder only, while active.
contract SessionNamesUnitTest_transfer is FeesBaseTest {
    uint64 internal expiry;

    function setUp() public override {
        super.setUp();
        _fundAndApprove(alice, address(names), 100_000 * SESH);
        _fundAndApprove(bob, address(names), 100_000 * SESH);
        vm.prank(alice);
        (expiry,) = names.register("alice", _sessionId("alice"), type(uint256).max);
    }

    function test_Transfer() public {
        vm.expectEmit(address(names));
        emit ISessionNames.NameTransferred(keccak256("alice"), "alice", alice, bob);
        vm.prank(alice);
        names.transfer("ALICE", bob);
        ISessionNames.NameRecord memory r = names.recordOf("alice");
        assertEq(r.holder, bob);
        assertEq(r.expiry, expiry);
        assertEq(names.resolve("alice"), _sessionId("alice"), "target unchanged");

        // the new holder renews; the old one no longer can
        vm.prank(bob);
        names.renew("alice", type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.NotNameHolder.selector, "alice", alice, bob));
        vm.prank(alice);
        names.transfer("alice", alice);
    }

    function test_TransferOnLastActiveSecond() public {
        vm.warp(expiry - 1);
        vm.prank(alice);
        names.transfer("alice", bob);
        assertEq(names.recordOf("alice").holder, bob);
    }

    function test_RevertWhen_TransferAtExpiry() public {
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.NameNotActive.selector, "alice", expiry));
        vm.prank(alice);
        names.transfer("alice", bob);
    }

    function test_RevertWhen_TransferCallerNotHolder() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.NotNameHolder.selector, "alice", bob, alice));
        vm.prank(bob);
        names.transfer("alice", bob);
    }

    function test_RevertWhen_TransferToZero() public {
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.ZeroAddress.selector));
        vm.prank(alice);
        names.transfer("alice", address(0));
    }

    function test_RevertWhen_TransferNameInvalid() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.InvalidName.selector, "al_ce", 2));
        vm.prank(alice);
        names.transfer("al_ce", bob);
    }

    function test_SetTarget() public {
        vm.expectEmit(address(names));
        emit ISessionNames.NameTargetUpdated(
            keccak256("alice"), "alice", _sessionKey("alice"), _sessionKey("new")
        );
        vm.prank(alice);
        names.setTarget("alice", _sessionId("new"));
        assertEq(names.resolve("alice"), _sessionId("new"));
    }

    function test_RevertWhen_SetTargetCallerNotHolder() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.NotNameHolder.selector, "alice", bob, alice));
        vm.prank(bob);
        names.setTarget("alice", _sessionId("bob"));
    }

    function test_RevertWhen_SetTargetAfterExpiry() public {
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(ISessionNames.NameNotActive.selector, "alice", expiry));
        vm.prank(alice);
        names.setTarget("alice", _sessionId("new"));
    }

    function test_RevertWhen_SetTargetSessionIdInvalid() public {
        bytes memory bad = hex"05";
        vm.expectRevert(abi.encodeWithSelector(IFeePayment.InvalidSessionId.selector, bad));
        vm.prank(alice);
        names.setTarget("alice", bad);
    }
}
