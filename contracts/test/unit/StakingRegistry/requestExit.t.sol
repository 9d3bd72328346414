// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @notice `requestExit` and `finalizeExit`: who may ask, the small-staker lock, the 1 h repeat, the
/// 30-day unsigned completion (it only ends the node: stakes and rewards are pulled afterwards).
contract StakingRegistryUnitTest_requestExit is StakingRegistryBase {
    uint64 internal id;
    uint256 internal registeredAt;
    /// @dev bob holds less than 25%: a small staker.
    uint256 internal constant SMALL = QUARTER - 1;

    function setUp() public override {
        super.setUp();
        IStakingRegistry.Contributor[] memory c = new IStakingRegistry.Contributor[](3);
        c[0] = IStakingRegistry.Contributor(alice, address(0), REQUIREMENT - SMALL - QUARTER);
        c[1] = IStakingRegistry.Contributor(bob, address(0), SMALL);
        c[2] = IStakingRegistry.Contributor(carol, address(0), QUARTER);
        id = _register(alice, c, 0);
        registeredAt = block.timestamp;
    }

    function test_OperatorRequests() public {
        vm.expectEmit(address(staking));
        emit IStakingRegistry.ExitRequested(id, alice, uint64(block.timestamp), block.timestamp + 30 days);
        vm.prank(alice);
        staking.requestExit(id);
        assertEq(lens.node(id).exitRequestedAt, block.timestamp);
    }

    function test_ContributorAtQuarterRequestsAtOnce() public {
        vm.prank(carol);
        staking.requestExit(id);
        assertEq(lens.nodeRecord(id).exitRequestedAt, block.timestamp, "request recorded");
        assertEq(lens.nodeRecord(id).lastExitRequestAt, block.timestamp);
    }

    function test_RevertWhen_SmallStakerBefore30Days() public {
        skip(30 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.SmallStakerLocked.selector, id, registeredAt + 30 days)
        );
        vm.prank(bob);
        staking.requestExit(id);
    }

    function test_SmallStakerAt30Days() public {
        skip(30 days);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.ExitRequested(id, bob, uint64(block.timestamp), block.timestamp + 30 days);
        vm.prank(bob);
        staking.requestExit(id);
        assertEq(lens.nodeRecord(id).exitRequestedAt, block.timestamp, "request recorded");
    }

    function test_RevertWhen_NotContributor() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NotContributor.selector, id, treasury));
        vm.prank(treasury);
        staking.requestExit(id);
    }

    function test_RevertWhen_NodeUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, 99));
        vm.prank(alice);
        staking.requestExit(99);
    }

    /// @dev A pause must never trap a stake: the request, the 30 days and the finalization all
    /// work while paused (the pause stops what brings a node in or judges one, not a way out).
    function test_RequestWorksWhilePaused() public {
        vm.prank(governance);
        staking.pause();
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.SmallStakerLocked.selector, id, registeredAt + 30 days)
        );
        staking.requestExit(id);
        vm.prank(alice);
        staking.requestExit(id);
        assertTrue(staking.paused());
        assertEq(lens.nodeRecord(id).exitRequestedAt, block.timestamp, "request recorded while paused");
        skip(30 days);
        _finalizeExit(id);
        assertEq(uint8(lens.nodeRecord(id).status), uint8(IStakingRegistry.NodeStatus.Exited));
        uint256 before = token.balanceOf(bob);
        vm.prank(bob);
        uint256 paid = staking.withdrawStake(id);
        assertEq(paid, SMALL);
        assertEq(token.balanceOf(bob) - before, SMALL, "bob's stake back while paused");
    }

    function test_RevertWhen_RepeatWithinOneHour() public {
        vm.prank(alice);
        staking.requestExit(id);
        uint256 first = block.timestamp;
        skip(1 hours - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.ExitRequestTooSoon.selector, id, first + 1 hours)
        );
        vm.prank(carol);
        staking.requestExit(id);
    }

    function test_RepeatAfterOneHourKeepsFirstTime() public {
        vm.prank(alice);
        staking.requestExit(id);
        uint64 first = uint64(block.timestamp);
        skip(1 hours);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.ExitRequested(id, carol, first, first + 30 days);
        vm.prank(carol);
        staking.requestExit(id);
        assertEq(lens.node(id).exitRequestedAt, first);
        // the 1 h window counts from the latest request
        skip(1 hours - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.ExitRequestTooSoon.selector, id, block.timestamp + 1)
        );
        vm.prank(alice);
        staking.requestExit(id);
    }

    function test_DecommissionedNodeMayRequest() public {
        _decommission(id);
        vm.prank(alice);
        staking.requestExit(id);
        skip(30 days);
        _finalizeExit(id);
        assertEq(uint8(lens.node(id).status), uint8(IStakingRegistry.NodeStatus.Exited));
    }

    function test_RevertWhen_NodeEnded() public {
        skip(2 hours);
        _exitBySignature(id);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, id));
        vm.prank(alice);
        staking.requestExit(id);
    }

    // ------------------------------------------------------------------ finalizeExit

    function test_RevertWhen_FinalizeWithoutRequest() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.ExitNotRequested.selector, id));
        staking.finalizeExit(id, keyOf[id]);
    }

    function test_RevertWhen_FinalizeBefore30Days() public {
        vm.prank(alice);
        staking.requestExit(id);
        uint256 requested = block.timestamp;
        skip(30 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.ExitNotUnlocked.selector, id, requested + 30 days)
        );
        staking.finalizeExit(id, keyOf[id]);
    }

    function test_FinalizeAt30DaysByAnyone() public {
        vm.prank(alice);
        staking.requestExit(id);
        skip(30 days);
        bytes memory key = keyOf[id];
        uint256 earned = _accrued(POOL_GENESIS, 30 days); // the only node: it earned every unit
        vm.expectEmit(address(consensus));
        emit INetworkConsensus.BLSKeyRemoved(id, key);
        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeExited(id, false, earned);
        vm.prank(treasury);
        staking.finalizeExit(id, key);
        skOf[id] = 0;

        IStakingLens.NodeInfo memory info = lens.node(id);
        assertEq(uint8(info.status), uint8(IStakingRegistry.NodeStatus.Exited));
        assertEq(info.earned, earned);
        assertEq(lens.networkSize(), 0);
        assertEq(consensus.activeBLSKeyCount(), 0);
        assertEq(consensus.nodeIdOfBLSKey(key), 0);
        assertEq(consensus.aggregatePublicKey(), new bytes(128));
        assertEq(token.balanceOf(address(staking)), REQUIREMENT + earned, "nothing was paid out by the exit");

        // lazily: each contributor pulls its stake and its rewards
        vm.expectEmit(address(staking));
        emit IStakingRegistry.StakeWithdrawn(id, bob, SMALL);
        vm.prank(bob);
        assertEq(staking.withdrawStake(id), SMALL);
        assertEq(token.balanceOf(bob), SMALL);
        vm.prank(alice);
        assertEq(staking.withdrawStake(id), REQUIREMENT - SMALL - QUARTER);
        vm.prank(carol);
        assertEq(staking.withdrawStake(id), QUARTER);
        assertEq(_claimAll(id), earned);
        assertEq(token.balanceOf(address(staking)), 0);
    }

    function test_RevertWhen_FinalizeWithAnotherKey() public {
        uint64 other = _registerSolo(treasury);
        vm.prank(alice);
        staking.requestExit(id);
        skip(30 days);
        bytes memory aggregate = consensus.aggregatePublicKey();
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, id));
        staking.finalizeExit(id, keyOf[other]);
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, id));
        staking.finalizeExit(id, new bytes(128));
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, id));
        staking.finalizeExit(id, "");
        // nothing changed
        assertEq(uint8(lens.node(id).status), uint8(IStakingRegistry.NodeStatus.Active));
        assertEq(uint8(lens.node(other).status), uint8(IStakingRegistry.NodeStatus.Active));
        assertEq(lens.networkSize(), 2);
        assertEq(consensus.activeBLSKeyCount(), 2);
        assertEq(consensus.aggregatePublicKey(), aggregate);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[other]), other);
        // the right key works
        _finalizeExit(id);
        assertEq(consensus.aggregatePublicKey(), keyOf[other]);
    }

    function test_FinalizeWorksWhilePaused() public {
        vm.prank(alice);
        staking.requestExit(id);
        skip(30 days);
        vm.prank(governance);
        staking.pause();
        _finalizeExit(id);
        assertEq(uint8(lens.nodeRecord(id).status), uint8(IStakingRegistry.NodeStatus.Exited), "exited");
        assertEq(lens.networkSize(), 0, "out of N");
        uint256 stake = lens.position(id, alice).stake;
        uint256 due = lens.position(id, alice).claimable;
        assertGt(due, 0, "alice earned for 30 days");
        uint256 before = token.balanceOf(alice);
        vm.prank(alice);
        staking.withdrawStake(id);
        assertEq(token.balanceOf(alice) - before, stake, "stake back while paused");
        vm.prank(alice);
        staking.claimRewards(id, _staker(id, 0));
        assertEq(token.balanceOf(alice) - before, stake + due, "rewards paid while paused");
        assertEq(lens.position(id, alice).claimable, 0);
    }

    function test_RevertWhen_FinalizeTwice() public {
        vm.prank(alice);
        staking.requestExit(id);
        skip(30 days);
        bytes memory key = keyOf[id];
        _finalizeExit(id);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, id));
        staking.finalizeExit(id, key);
    }
}
