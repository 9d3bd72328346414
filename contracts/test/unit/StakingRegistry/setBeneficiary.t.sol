// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice `setBeneficiary`: only the contributor itself, never zero; what is claimable is paid to
/// the old beneficiary first, later rewards go to the new one.
contract StakingRegistryUnitTest_setBeneficiary is StakingRegistryBase {
    uint64 internal id;

    function setUp() public override {
        super.setUp();
        id = _register(alice, _pair(alice, QUARTER, bob), 0);
    }

    function test_PaysTheOldBeneficiaryFirst() public {
        skip(1 days);
        staking.distributeRewards();
        uint256 bobDay1 = DAY_ONE_RELEASE * (REQUIREMENT - QUARTER) / REQUIREMENT;
        vm.expectEmit(address(staking));
        emit IStakingRegistry.RewardsClaimed(id, _staker(id, 1), bob, bobDay1);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.BeneficiaryUpdated(id, bob, bob, carol);
        vm.prank(bob);
        staking.setBeneficiary(id, carol);
        assertEq(token.balanceOf(bob), bobDay1, "earned so far went to bob");
        assertEq(lens.claimableRewards(id, _staker(id, 1)), 0);
        assertEq(lens.node(id).contributors[1].beneficiary, carol);
        assertEq(lens.node(id).contributors[1].rewardsPaid, bobDay1);

        uint256 day2 = _poolRelease(1 days);
        skip(1 days);
        staking.distributeRewards();
        vm.prank(carol);
        assertEq(
            staking.claimRewards(id, _staker(id, 1)),
            (DAY_ONE_RELEASE + day2) * (REQUIREMENT - QUARTER) / REQUIREMENT - bobDay1,
            "only what was earned after the change"
        );
    }

    /// @dev Only what has been distributed counts as earned so far: a change pays nothing when
    /// nothing was distributed, and what accrues in the pool meanwhile goes to the new beneficiary.
    function test_NothingDistributedNothingPaid() public {
        skip(1 days);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.BeneficiaryUpdated(id, bob, bob, carol);
        vm.prank(bob);
        staking.setBeneficiary(id, carol);
        assertEq(token.balanceOf(bob), 0);
        staking.distributeRewards();
        vm.prank(carol);
        assertEq(
            staking.claimRewards(id, _staker(id, 1)), DAY_ONE_RELEASE * (REQUIREMENT - QUARTER) / REQUIREMENT
        );
    }

    function test_OperatorOfASoloNodeChangesItsBeneficiary() public {
        uint64 solo = _registerSolo(carol);
        vm.prank(carol);
        staking.setBeneficiary(solo, treasury);
        assertEq(lens.node(solo).contributors[0].beneficiary, treasury);
        assertEq(lens.node(solo).contributors[0].staker, carol);
        skip(1 days);
        staking.distributeRewards();
        uint256 due = lens.claimableRewards(solo, _staker(solo, 0));
        uint256 before = token.balanceOf(treasury);
        vm.prank(treasury);
        staking.claimRewardsAmount(solo, _staker(solo, 0), due);
        assertEq(token.balanceOf(treasury), before + due);
        assertEq(token.balanceOf(carol), 0);
    }

    function test_BackToTheStaker() public {
        vm.prank(bob);
        staking.setBeneficiary(id, carol);
        skip(1 days);
        staking.distributeRewards();
        uint256 due = lens.claimableRewards(id, _staker(id, 1));
        vm.expectEmit(address(staking));
        emit IStakingRegistry.RewardsClaimed(id, _staker(id, 1), carol, due);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.BeneficiaryUpdated(id, bob, carol, bob);
        vm.prank(bob);
        staking.setBeneficiary(id, bob);
        assertEq(token.balanceOf(carol), due);
        assertEq(lens.node(id).contributors[1].beneficiary, bob);
        // bob may claim in part again: he is his own beneficiary
        skip(1 days);
        staking.distributeRewards();
        vm.prank(bob);
        staking.claimRewardsAmount(id, _staker(id, 1), 1);
        assertEq(token.balanceOf(bob), 1);
    }

    function test_AfterTheNodeEnded() public {
        skip(2 hours);
        _exitBySignature(id);
        uint256 due = lens.claimableRewards(id, _staker(id, 1));
        assertGt(due, 0);
        vm.prank(bob);
        staking.setBeneficiary(id, carol);
        assertEq(token.balanceOf(bob), due, "the old beneficiary was paid");
        vm.prank(alice);
        staking.setBeneficiary(id, carol);
        vm.expectRevert(IStakingRegistry.NothingToClaim.selector);
        vm.prank(carol);
        staking.claimRewards(id, _staker(id, 1));
    }

    function test_WorksWhilePaused() public {
        vm.prank(governance);
        staking.pause();
        vm.prank(bob);
        staking.setBeneficiary(id, carol);
        assertEq(lens.node(id).contributors[1].beneficiary, carol);
    }

    function test_RevertWhen_NotContributor() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, id, carol));
        vm.prank(carol);
        staking.setBeneficiary(id, carol);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, 99, bob));
        vm.prank(bob);
        staking.setBeneficiary(99, carol);
    }

    /// @dev The beneficiary of a position is not its owner.
    function test_RevertWhen_BeneficiaryTriesToRedirect() public {
        vm.prank(bob);
        staking.setBeneficiary(id, carol);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, id, carol));
        vm.prank(carol);
        staking.setBeneficiary(id, treasury);
    }

    function test_RevertWhen_Zero() public {
        vm.expectRevert(IStakingRegistry.ZeroAddress.selector);
        vm.prank(bob);
        staking.setBeneficiary(id, address(0));
    }
}
