// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice `position`: a contributor's stake, beneficiary, paid and claimable rewards and
/// withdrawable stake, through a node's life.
contract StakingRegistryUnitTest_position is StakingRegistryBase {
    function test_PositionOfAnEarningSharedNode() public {
        IStakingRegistry.Contributor[] memory c = _pair(alice, QUARTER, bob);
        c[1].beneficiary = treasury;
        uint64 id = _register(alice, c, 1000);
        skip(1 days);
        staking.distributeRewards();

        IStakingRegistry.Position memory p = lens.position(id, bob);
        assertEq(p.staker, bob);
        assertEq(p.beneficiary, treasury);
        assertEq(p.stake, REQUIREMENT - QUARTER);
        assertEq(p.rewardsPaid, 0);
        assertEq(p.claimable, _entitlement(id, 1, DAY_ONE_RELEASE, false));
        assertFalse(p.stakeWithdrawn);
        assertEq(p.withdrawable, 0, "nothing to withdraw while registered");

        vm.prank(treasury);
        staking.claimRewardsAmount(id, bob, 5);
        p = lens.position(id, bob);
        assertEq(p.rewardsPaid, 5);
        assertEq(p.claimable, _entitlement(id, 1, DAY_ONE_RELEASE, false) - 5);
        assertEq(lens.position(id, alice).beneficiary, alice, "no beneficiary: the staker");
    }

    function test_PositionAfterAnExitAndAWithdrawal() public {
        uint64 id = _register(alice, _pair(alice, QUARTER, bob), 0);
        skip(1 days);
        _exitBySignature(id);
        assertEq(lens.position(id, bob).withdrawable, REQUIREMENT - QUARTER);
        vm.prank(bob);
        staking.withdrawStake(id);
        IStakingRegistry.Position memory p = lens.position(id, bob);
        assertTrue(p.stakeWithdrawn);
        assertEq(p.withdrawable, 0);
        assertEq(lens.position(id, alice).withdrawable, QUARTER);
    }

    function test_PositionAfterALiquidation() public {
        uint64 id = _register(alice, _pair(alice, QUARTER, bob), 0);
        skip(1 days);
        _liquidate(id);
        (,, uint256 returnedRatio) = lens.liquidationRatios();
        uint256 returned = lens.nodeRecord(id).returnedStake;
        assertGt(returned, 0);
        assertLt(returned, REQUIREMENT);
        assertGt(returnedRatio, 0);
        uint256 bobs = returned * (REQUIREMENT - QUARTER) / REQUIREMENT;
        assertEq(lens.position(id, bob).withdrawable, bobs);
        assertEq(lens.position(id, alice).withdrawable, returned - bobs, "the dust to the operator");
    }

    function test_RevertWhen_NotAContributor() public {
        uint64 id = _registerSolo(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, id, bob));
        lens.position(id, bob);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, 99, alice));
        lens.position(99, alice);
    }
}
