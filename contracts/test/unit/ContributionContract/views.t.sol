// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../../../src/interfaces/IContributionContract.sol";
import {Terms} from "../../utils/Terms.sol";
import {ContributionBase} from "./ContributionBase.t.sol";

/// @notice What a staking portal reads, in each status.
contract ContributionContractUnitTests_views is ContributionBase {
    function test_WaitingForOperator() public view {
        assertEq(cc.minimumContributionOf(operator), QUARTER);
        assertEq(cc.minimumContributionOf(alice), 0);
        assertEq(cc.maximumContributionOf(operator), REQUIREMENT);
        assertEq(cc.maximumContributionOf(alice), 0);
        assertEq(cc.remaining(), REQUIREMENT);
        assertEq(cc.nodeId(), 0);
        assertFalse(cc.requirementDrifted());
        assertFalse(cc.autoFinalize());
        assertEq(cc.TOKEN(), address(token));
        assertEq(address(cc.REGISTRY()), address(staking));
        assertEq(cc.FACTORY(), address(factory));
    }

    function test_OpenListsContributors() public {
        _deposit(cc, operator, QUARTER);
        _deposit(cc, alice, 5_000 * SESH);
        vm.prank(alice);
        cc.updateBeneficiary(bob);
        IContributionContract.ContributorView[] memory list = cc.contributors();
        assertEq(list.length, 2);
        assertEq(list[0].staker, operator);
        assertEq(list[0].beneficiary, operator);
        assertEq(list[0].amount, QUARTER);
        assertEq(list[1].staker, alice);
        assertEq(list[1].beneficiary, bob);
        assertEq(list[1].amount, 5_000 * SESH);
        assertEq(list[1].lastDeposit, block.timestamp);
        assertEq(cc.minimumContributionOf(alice), 0);
        assertEq(cc.maximumContributionOf(alice), REQUIREMENT - QUARTER - 5_000 * SESH);
        assertEq(cc.openSlots(), 8);
    }

    function test_FinalizedAndCancelledHaveNoMinimum() public {
        _fill(cc, 2);
        assertEq(cc.minimumContribution(), 0);
        assertEq(cc.maximumContributionOf(alice), 0);
        vm.prank(operator);
        cc.finalize();
        assertEq(cc.minimumContribution(), 0);
        assertEq(cc.minimumContributionOf(operator), 0);
        assertEq(cc.maximumContributionOf(operator), 0);
    }

    function test_ReservedStakerJoinsWhenOtherSlotsAreFull() public {
        IContributionContract.Reservation[] memory r = new IContributionContract.Reservation[](1);
        r[0] = IContributionContract.Reservation(bob, 1_000 * SESH);
        cc = _createWith(0, false, r);
        _deposit(cc, operator, QUARTER);
        for (uint256 i = 1; i < 9; ++i) {
            _deposit(cc, _contributor(i), cc.minimumContribution());
        }
        assertEq(cc.openSlots(), 0);
        assertEq(cc.maximumContributionOf(alice), 0);
        vm.expectRevert(IContributionContract.NoSlotAvailable.selector);
        vm.prank(alice);
        cc.contribute(1, Terms.versionOf(address(cc)));
        _deposit(cc, bob, cc.maximumContributionOf(bob));
        assertEq(uint8(cc.status()), uint8(IContributionContract.Status.Filled));
        assertEq(cc.contributors().length, 10);
    }
}
