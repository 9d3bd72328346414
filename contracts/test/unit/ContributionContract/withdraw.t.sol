// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {Terms} from "../../utils/Terms.sol";
import {ContributionBase} from "./ContributionBase.t.sol";

contract ContributionContractUnitTests_withdraw is ContributionBase {
    uint256 internal amount;

    function setUp() public override {
        super.setUp();
        _deposit(cc, operator, QUARTER);
        amount = REQUIREMENT - QUARTER;
        _deposit(cc, alice, amount);
    }

    function test_RevertWhen_BeforeDelay() public {
        uint256 unlock = block.timestamp + 1 days;
        skip(1 days - 1);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.WithdrawalLocked.selector, unlock));
        vm.prank(alice);
        cc.withdraw();
    }

    function test_WithdrawsAtDelayAndReopens() public {
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Filled));
        skip(1 days);
        vm.expectEmit(true, false, false, true, address(cc));
        emit IContributionContract.Withdrawn(alice, amount);
        vm.prank(alice);
        cc.withdraw();
        assertEq(token.balanceOf(alice), amount);
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Open));
        assertEq(cc.contributionOf(alice), 0);
        assertEq(cc.contributors().length, 1);
    }

    function test_TopUpRestartsDelay() public {
        skip(1 days);
        vm.prank(alice);
        cc.withdraw();
        _deposit(cc, alice, cc.minimumContribution());
        skip(12 hours);
        _deposit(cc, alice, 1);
        uint256 unlock = block.timestamp + 1 days;
        skip(1 days - 1);
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.WithdrawalLocked.selector, unlock));
        vm.prank(alice);
        cc.withdraw();
        skip(1);
        vm.prank(alice);
        cc.withdraw();
    }

    function test_WithdrawMovesLastIntoGap() public {
        skip(1 days);
        vm.prank(alice);
        cc.withdraw();
        _deposit(cc, bob, 5_000 * SESH);
        _deposit(cc, carol, 5_000 * SESH);
        skip(1 days);
        vm.prank(bob);
        cc.withdraw();
        IContributionContract.ContributorView[] memory list = cc.contributors();
        assertEq(list.length, 2);
        assertEq(list[0].staker, operator);
        assertEq(list[1].staker, carol);
        assertEq(cc.contributionOf(carol), 5_000 * SESH);
    }

    function test_RevertWhen_Operator() public {
        skip(1 days);
        vm.expectRevert(IContributionContract.OperatorCannotWithdraw.selector);
        vm.prank(operator);
        cc.withdraw();
    }

    function test_RevertWhen_NoContribution() public {
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.NoContribution.selector, bob));
        vm.prank(bob);
        cc.withdraw();
    }

    function test_RevertWhen_Finalized() public {
        vm.prank(operator);
        cc.finalize();
        skip(1 days);
        _expectWrongStatus(IContributionContract.Status.Finalized);
        vm.prank(alice);
        cc.withdraw();
    }

    function test_DriftAllowsImmediateFullRefund() public {
        vm.prank(governance);
        staking.setStakingRequirement(REQUIREMENT * 2);
        assertTrue(cc.requirementDrifted());
        vm.expectRevert(
            abi.encodeWithSelector(
                IContributionContract.RequirementChanged.selector, REQUIREMENT, REQUIREMENT * 2
            )
        );
        vm.prank(operator);
        cc.finalize();
        _everyoneGetsEverythingBack();
    }

    /// @dev The registry's limit is a constant of its implementation: it drifts by an upgrade,
    /// stood in for by a mocked view.
    function test_ContributorLimitDriftAllowsImmediateFullRefund() public {
        vm.mockCall(address(staking), abi.encodeCall(IStakingRegistry.maxContributors, ()), abi.encode(5));
        assertTrue(cc.requirementDrifted());
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.ContributorLimitChanged.selector, 10, 5));
        vm.prank(operator);
        cc.finalize();
        vm.expectRevert(abi.encodeWithSelector(IContributionContract.ContributorLimitChanged.selector, 10, 5));
        vm.prank(alice);
        cc.contribute(1, Terms.versionOf(address(cc)));
        _everyoneGetsEverythingBack();
    }

    function test_WithdrawFromTheMiddleKeepsTheOrder() public {
        cc = _create(0, false);
        _deposit(cc, operator, QUARTER);
        uint256 each = 2_100 * SESH; // above each minimum (18,750 / 9 at first)
        for (uint256 i = 1; i <= 4; ++i) {
            _deposit(cc, _contributor(i), each);
        }
        skip(1 days);
        vm.prank(_contributor(2));
        cc.withdraw();
        vm.prank(_contributor(4));
        cc.withdraw();
        IContributionContract.ContributorView[] memory list = cc.contributors();
        assertEq(list.length, 3);
        assertEq(list[0].staker, operator);
        assertEq(list[1].staker, _contributor(1));
        assertEq(list[2].staker, _contributor(3));
        assertEq(cc.contributed(), QUARTER + 2 * each);
        assertEq(cc.contributionOf(_contributor(2)), 0);
        // a withdrawn contributor may come back, as a new contributor at the end
        _deposit(cc, _contributor(2), cc.minimumContribution());
        list = cc.contributors();
        assertEq(list.length, 4);
        assertEq(list[3].staker, _contributor(2));
    }

    function test_WithdrawRestoresReservation() public {
        IContributionContract.Reservation[] memory r = new IContributionContract.Reservation[](1);
        r[0] = IContributionContract.Reservation(bob, 3_000 * SESH);
        cc = _createWith(0, false, r);
        _deposit(cc, operator, QUARTER);
        _deposit(cc, bob, 4_000 * SESH);
        assertEq(cc.openSlots(), 8);
        assertEq(cc.minimumContribution(), _ceil(REQUIREMENT - QUARTER - 4_000 * SESH, 8));
        skip(1 days);
        vm.prank(bob);
        cc.withdraw();
        assertEq(cc.openSlots(), 8);
        assertEq(cc.minimumContribution(), _ceil(REQUIREMENT - QUARTER - 3_000 * SESH, 8));
        assertEq(cc.minimumContributionOf(bob), 3_000 * SESH);
    }

    /// @dev Alice withdraws at once, the operator cancels and claims: the contract ends empty.
    function _everyoneGetsEverythingBack() internal {
        vm.prank(alice);
        cc.withdraw();
        assertEq(token.balanceOf(alice), amount);
        vm.prank(operator);
        cc.cancel();
        vm.prank(operator);
        cc.claimRefund();
        assertEq(token.balanceOf(operator), QUARTER);
        assertEq(token.balanceOf(address(cc)), 0);
    }
}
