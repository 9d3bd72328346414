// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {ContributionBase} from "./ContributionBase.t.sol";

contract ContributionContractUnitTests_resetCancel is ContributionBase {
    function setUp() public override {
        super.setUp();
        _fill(cc, 5);
    }

    function _claimAll() internal {
        address[] memory who = new address[](5);
        who[0] = operator;
        for (uint256 i = 1; i < 5; ++i) {
            who[i] = _contributor(i);
        }
        for (uint256 i; i < 5; ++i) {
            uint256 owed = cc.refundable(who[i]);
            assertGt(owed, 0);
            vm.prank(who[i]);
            cc.claimRefund();
            assertEq(token.balanceOf(who[i]), owed);
            vm.expectRevert(abi.encodeWithSelector(IContributionContract.NoRefundDue.selector, who[i]));
            vm.prank(who[i]);
            cc.claimRefund();
        }
    }

    function test_ResetRefundsExactlyOnce() public {
        vm.expectEmit(address(cc));
        emit IContributionContract.RefundCredited(operator, QUARTER);
        vm.prank(operator);
        cc.reset();
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.WaitingForOperator));
        assertEq(cc.contributed(), 0);
        assertEq(cc.contributors().length, 0);
        assertEq(cc.contributionOf(_contributor(1)), 0);
        _claimAll();
        assertEq(token.balanceOf(address(cc)), 0);
        // Configurable again, but every change is a new version of the terms: a deposit quoting the
        // terms seen before the reset (version 0) cannot land under the new fee (M-1).
        assertEq(cc.termsVersion(), 1, "the reset bumped the terms");
        vm.prank(operator);
        cc.updateFee(42);
        assertEq(cc.termsVersion(), 2, "so did the fee");
        _fund(operator, QUARTER);
        vm.prank(operator);
        token.approve(address(cc), QUARTER);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.TermsChanged.selector, 0, 2));
        vm.prank(operator);
        cc.contribute(QUARTER, 0);
        // Reusable under the new terms, quoted.
        _fill(cc, 2);
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Filled));
        assertEq(cc.feeBps(), 42);
    }

    function test_CancelRefundsAndEnds() public {
        vm.prank(operator);
        cc.cancel();
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Cancelled));
        assertEq(cc.openSlots(), 0, "no slot is open once cancelled");
        _claimAll();
        _expectWrongStatus(IContributionContract.Status.Cancelled);
        vm.prank(operator);
        cc.reset();
    }

    function test_RevertWhen_NotOperator() public {
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NotOperator.selector, alice, operator));
        vm.prank(alice);
        cc.reset();
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NotOperator.selector, alice, operator));
        vm.prank(alice);
        cc.cancel();
    }

    function test_RevertWhen_Finalized() public {
        vm.prank(operator);
        cc.finalize();
        _expectWrongStatus(IContributionContract.Status.Finalized);
        vm.prank(operator);
        cc.cancel();
    }
}
