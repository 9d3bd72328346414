// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice `setBeneficiary`: only the contributor itself, never zero; past rewards stay with the
/// old beneficiary, future ones go to the new one.
contract StakingRegistryUnitTest_setBeneficiary is StakingRegistryBase {
    uint64 internal id;

    function setUp() public override {
        super.setUp();
        id = _register(alice, _pair(alice, QUARTER, bob), 0);
    }

    function test_MovesFutureRewards() public {
        skip(1 days);
        uint256 bobDay1 = DAY_ONE_RELEASE * (REQUIREMENT - QUARTER) / REQUIREMENT;
        vm.expectEmit(address(staking));
        emit IStakingRegistry.BeneficiaryUpdated(id, bob, bob, carol);
        vm.prank(bob);
        staking.setBeneficiary(id, carol);
        assertEq(staking.claimableRewards(bob), bobDay1, "earned so far stays with bob");
        assertEq(staking.nodeIdsOf(bob).length, 0);
        assertEq(staking.nodeIdsOf(carol)[0], id);
        assertEq(staking.node(id).contributors[1].beneficiary, carol);

        uint256 day2 = _poolRelease(1 days);
        skip(1 days);
        vm.prank(carol);
        assertEq(staking.claimRewards(), day2 * (REQUIREMENT - QUARTER) / REQUIREMENT);
        vm.prank(bob);
        assertEq(staking.claimRewards(), bobDay1);
    }

    function test_RevertWhen_NotContributor() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, id, carol));
        vm.prank(carol);
        staking.setBeneficiary(id, carol);
    }

    function test_RevertWhen_Zero() public {
        vm.expectRevert(IStakingRegistry.ZeroAddress.selector);
        vm.prank(bob);
        staking.setBeneficiary(id, address(0));
    }

    function test_RevertWhen_NodeExited() public {
        skip(2 hours);
        _exitBySignature(id);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, id));
        vm.prank(bob);
        staking.setBeneficiary(id, carol);
    }

    function test_ListsStayConsistentWithManyNodes() public {
        uint64 id2 = _register(carol, _pair(carol, QUARTER, bob), 0);
        uint64 id3 = _register(alice, _pair(alice, QUARTER, bob), 0);
        assertEq(staking.nodeIdsOf(bob).length, 3);
        vm.prank(bob);
        staking.setBeneficiary(id, treasury); // removes the first entry: swap with the last
        uint64[] memory ids = staking.nodeIdsOf(bob);
        assertEq(ids.length, 2);
        assertEq(ids[0], id3);
        assertEq(ids[1], id2);
        skip(2 hours);
        _exitBySignature(id3);
        ids = staking.nodeIdsOf(bob);
        assertEq(ids.length, 1);
        assertEq(ids[0], id2);
        skip(1 days);
        vm.prank(bob);
        staking.claimRewards();
        vm.prank(treasury);
        staking.claimRewards();
    }
}
