// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice `nodeRecord` and `contributors`: a node's record and its contributors as stored, through
/// its life (a contract-registered node's are covered in registerFromContract.t.sol).
contract StakingRegistryUnitTest_nodeRecord is StakingRegistryBase {
    function test_RecordOfARegistration() public {
        uint64 id = _register(alice, _pair(alice, QUARTER, bob), 300);
        IStakingLens.NodeRecordView memory r = lens.nodeRecord(id);
        assertEq(r.operator, alice);
        assertEq(uint8(r.status), uint8(IStakingRegistry.NodeStatus.Active));
        assertEq(r.feeBps, 300);
        assertEq(r.registeredAt, block.timestamp);
        assertEq(r.contributorCount, 2);
        assertEq(r.contributionContract, address(0));
        assertEq(r.ed25519Key, _ed25519(seedCounter));
        assertEq(r.deposit, REQUIREMENT);
        assertEq(r.earned, 0);
        assertEq(r.exitRequestedAt, 0);
        assertEq(r.lastExitRequestAt, 0);
        assertEq(r.lastDecisionAt, 0);
        assertEq(r.returnedStake, 0);

        (address[] memory stakers, uint256[] memory stakes) = lens.stakesOf(id);
        assertEq(stakers.length, 2);
        assertEq(stakers[0], alice);
        assertEq(stakers[1], bob);
        assertEq(stakes[0], QUARTER);
        assertEq(stakes[1], REQUIREMENT - QUARTER);
    }

    function test_RecordFollowsRequestsDecisionsAndTheEnd() public {
        uint64 id = _registerSolo(alice);
        uint64 other = _registerSolo(bob);
        skip(31 days);
        staking.distributeRewards();
        uint256 earned = lens.rewardPerNode();
        assertEq(lens.nodeRecord(id).earned, earned);

        vm.prank(alice);
        staking.requestExit(id);
        uint256 first = block.timestamp;
        skip(2 hours);
        vm.prank(alice);
        staking.requestExit(id);
        IStakingLens.NodeRecordView memory r = lens.nodeRecord(id);
        assertEq(r.exitRequestedAt, first);
        assertEq(r.lastExitRequestAt, block.timestamp);

        _decommission(id);
        r = lens.nodeRecord(id);
        assertEq(uint8(r.status), uint8(IStakingRegistry.NodeStatus.Decommissioned));
        assertEq(r.lastDecisionAt, block.timestamp);
        skip(1 days);
        staking.distributeRewards();
        assertEq(lens.nodeRecord(id).earned, r.earned, "frozen while decommissioned");

        _liquidate(other);
        r = lens.nodeRecord(other);
        assertEq(uint8(r.status), uint8(IStakingRegistry.NodeStatus.Liquidated));
        assertGt(r.returnedStake, 0);
    }

    function test_UnknownIdIsEmpty() public view {
        IStakingLens.NodeRecordView memory r = lens.nodeRecord(42);
        assertEq(uint8(r.status), uint8(IStakingRegistry.NodeStatus.None));
        assertEq(r.operator, address(0));
        assertEq(r.deposit, 0);
        (address[] memory stakers, uint256[] memory stakes) = lens.stakesOf(42);
        assertEq(stakers.length, 0);
        assertEq(stakes.length, 0);
    }
}
