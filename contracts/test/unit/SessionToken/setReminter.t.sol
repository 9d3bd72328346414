// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ISessionToken} from "../../../src/interfaces/ISessionToken.sol";
import {BaseTest} from "../../utils/Base.t.sol";

/// @notice `setReminter`: once, by `REMINTER_ADMIN`, never to zero.
contract SessionTokenUnitTest_setReminter is BaseTest {
    function test_SetReminter() public {
        vm.expectEmit(address(token));
        emit ISessionToken.ReminterSet(feeRouter);
        vm.prank(deployer);
        token.setReminter(feeRouter);
        assertEq(token.reminter(), feeRouter);
    }

    function test_RevertWhen_CallerNotReminterAdmin() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.NotReminterAdmin.selector, alice, deployer));
        vm.prank(alice);
        token.setReminter(feeRouter);
    }

    function testFuzz_RevertWhen_CallerNotReminterAdmin(address caller) public {
        vm.assume(caller != deployer); // excluding one point, not a range
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.NotReminterAdmin.selector, caller, deployer));
        vm.prank(caller);
        token.setReminter(feeRouter);
    }

    function test_RevertWhen_ReminterAlreadySet() public {
        _setReminter();
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.ReminterAlreadySet.selector, feeRouter));
        vm.prank(deployer);
        token.setReminter(alice);
        assertEq(token.reminter(), feeRouter);
    }

    function test_RevertWhen_ReminterAlreadySetEvenToSameAddress() public {
        _setReminter();
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.ReminterAlreadySet.selector, feeRouter));
        vm.prank(deployer);
        token.setReminter(feeRouter);
    }

    function test_RevertWhen_ReminterIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(ISessionToken.ZeroAddress.selector));
        vm.prank(deployer);
        token.setReminter(address(0));
    }
}
