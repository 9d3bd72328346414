// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {Terms} from "../../utils/Terms.sol";
import {ContributionBase} from "./ContributionBase.t.sol";

/// @notice M-1: a deposit lands only under the terms its depositor saw. Every change of the terms
/// (fee, keys, reservations, reset) bumps `termsVersion`, and `contribute` quotes it.
contract ContributionContractUnitTests_terms is ContributionBase {
    address internal victim;

    function setUp() public override {
        super.setUp();
        victim = makeAddr("victim");
    }

    /// @dev The audit's front-run: the victim reads the terms (fee 0, version 0) and sends a deposit
    /// that would fill the node; before it lands the operator resets, takes its refund, sets a 100%
    /// fee and deposits again. The victim's deposit must not land under the new fee (on the old
    /// code it did, locking the victim's stake for 30+ days at a 100% fee).
    function test_FrontRunByResetRefundAndFeeChangeIsRefused() public {
        _deposit(cc, operator, QUARTER);
        uint256 amount = REQUIREMENT - QUARTER;
        // What the victim saw.
        assertEq(cc.feeBps(), 0);
        uint32 seen = cc.termsVersion();
        _fund(victim, amount);
        vm.prank(victim);
        token.approve(address(cc), amount);

        // The operator's front-run.
        vm.startPrank(operator);
        cc.reset();
        cc.claimRefund();
        cc.updateFee(10_000);
        token.approve(address(cc), QUARTER);
        cc.contribute(QUARTER, cc.termsVersion());
        vm.stopPrank();
        assertEq(cc.feeBps(), 10_000);
        uint32 current = cc.termsVersion();
        assertEq(current, seen + 2, "reset and fee each bumped the terms");

        // The victim's deposit, quoting what it saw.
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.TermsChanged.selector, seen, current));
        vm.prank(victim);
        cc.contribute(amount, seen);
        assertEq(token.balanceOf(victim), amount, "the victim keeps its tokens");
        assertEq(cc.contributionOf(victim), 0);
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Open), "not filled by the victim");
    }

    function test_EachChangeBumpsTheTerms() public {
        assertEq(cc.termsVersion(), 0, "0 at creation");
        vm.startPrank(operator);
        vm.expectEmit(address(cc));
        emit IContributionContract.TermsVersionUpdated(1);
        cc.updateFee(100);
        (bytes memory k, bytes32 e, bytes memory p) = _keysFor(operator, 7_001);
        cc.updateKeys(k, e, p);
        assertEq(cc.termsVersion(), 2, "keys");
        IContributionContract.Reservation[] memory r = new IContributionContract.Reservation[](1);
        r[0] = IContributionContract.Reservation(alice, QUARTER);
        cc.updateReservations(r);
        assertEq(cc.termsVersion(), 3, "reservations");
        vm.stopPrank();
        _deposit(cc, operator, QUARTER);
        assertEq(cc.termsVersion(), 3, "a deposit changes no terms");
        vm.prank(operator);
        cc.reset();
        assertEq(cc.termsVersion(), 4, "reset");
        assertEq(Terms.versionOf(address(cc)), 4, "the tests' storage read agrees");
    }

    function test_RevertWhen_QuotedVersionIsNotCurrent() public {
        _fund(operator, QUARTER);
        vm.prank(operator);
        token.approve(address(cc), QUARTER);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.TermsChanged.selector, 1, 0));
        vm.prank(operator);
        cc.contribute(QUARTER, 1);
        vm.prank(operator);
        cc.contribute(QUARTER, 0);
        assertEq(cc.contributionOf(operator), QUARTER);
    }
}
