// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {ContributionBase} from "./ContributionBase.t.sol";

contract ContributionContractUnitTests_claimRefund is ContributionBase {
    function test_RevertWhen_NothingOwed() public {
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NoRefundDue.selector, alice));
        vm.prank(alice);
        cc.claimRefund();
    }

    function test_AccumulatesOverResets() public {
        _deposit(cc, operator, QUARTER);
        _deposit(cc, alice, 3_000 * SESH);
        vm.prank(operator);
        cc.reset();
        _deposit(cc, operator, QUARTER);
        _deposit(cc, alice, 4_000 * SESH);
        vm.prank(operator);
        cc.reset();
        assertEq(cc.refundable(alice), 7_000 * SESH);
        vm.expectEmit(true, false, false, true, address(cc));
        emit IContributionContract.RefundClaimed(alice, 7_000 * SESH);
        vm.prank(alice);
        cc.claimRefund();
        assertEq(token.balanceOf(alice), 7_000 * SESH);
        assertEq(cc.refundable(alice), 0);
    }

    function test_ClaimAfterFinalizeOfNextRound() public {
        _deposit(cc, operator, QUARTER);
        _deposit(cc, alice, 3_000 * SESH);
        vm.prank(operator);
        cc.reset();
        _fill(cc, 2);
        vm.prank(operator);
        cc.finalize();
        vm.prank(alice);
        cc.claimRefund();
        assertEq(token.balanceOf(alice), 3_000 * SESH);
        assertEq(token.balanceOf(address(cc)), QUARTER);
        vm.prank(operator);
        cc.claimRefund();
        assertEq(token.balanceOf(address(cc)), 0);
    }
}
