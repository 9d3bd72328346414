// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @notice `requestExit` and `finalizeExit`: who may ask, the small-staker lock, the 1 h repeat, the
/// 30-day unsigned completion, stakes credited for withdrawal.
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
        assertEq(staking.node(id).exitRequestedAt, block.timestamp);
    }

    function test_ContributorAtQuarterRequestsAtOnce() public {
        vm.prank(carol);
        staking.requestExit(id);
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
        vm.prank(bob);
        staking.requestExit(id);
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

    function test_RevertWhen_Paused() public {
        vm.prank(governance);
        staking.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(alice);
        staking.requestExit(id);
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
        assertEq(staking.node(id).exitRequestedAt, first);
        // the 1 h window counts from the latest request
        skip(1 hours - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.ExitRequestTooSoon.selector, id, block.timestamp + 1)
        );
        vm.prank(alice);
        staking.requestExit(id);
    }

    // ------------------------------------------------------------------ finalizeExit

    function test_RevertWhen_FinalizeWithoutRequest() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.ExitNotRequested.selector, id));
        staking.finalizeExit(id);
    }

    function test_RevertWhen_FinalizeBefore30Days() public {
        vm.prank(alice);
        staking.requestExit(id);
        uint256 requested = block.timestamp;
        skip(30 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.ExitNotUnlocked.selector, id, requested + 30 days)
        );
        staking.finalizeExit(id);
    }

    function test_FinalizeAt30DaysByAnyone() public {
        vm.prank(alice);
        staking.requestExit(id);
        skip(30 days);
        bytes memory key = keyOf[id];
        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeExited(id, false);
        vm.prank(treasury);
        staking.finalizeExit(id);
        skOf[id] = 0;

        assertEq(uint8(staking.node(id).status), uint8(IStakingRegistry.NodeStatus.Exited));
        assertEq(staking.networkSize(), 0);
        assertEq(consensus.activeBLSKeyCount(), 0);
        assertEq(consensus.nodeIdOfBLSKey(key), 0);
        assertEq(consensus.aggregatePublicKey(), new bytes(128));
        assertEq(staking.withdrawableStake(alice), REQUIREMENT - SMALL - QUARTER);
        assertEq(staking.withdrawableStake(bob), SMALL);
        assertEq(staking.withdrawableStake(carol), QUARTER);
        assertEq(staking.nodeIdsOf(alice).length, 0);

        // rewards of the 30 days were credited, nothing is left unaccounted
        uint256 claimable =
            staking.claimableRewards(alice) + staking.claimableRewards(bob) + staking.claimableRewards(carol);
        assertEq(claimable + staking.undistributedRewards(), token.balanceOf(address(staking)) - REQUIREMENT);

        vm.expectEmit(address(staking));
        emit IStakingRegistry.StakeWithdrawn(bob, SMALL);
        vm.prank(bob);
        assertEq(staking.withdrawStake(), SMALL);
        assertEq(token.balanceOf(bob), SMALL);
        vm.expectRevert(IStakingRegistry.NothingToClaim.selector);
        vm.prank(bob);
        staking.withdrawStake();
    }

    function test_FinalizeWorksWhilePaused() public {
        vm.prank(alice);
        staking.requestExit(id);
        skip(30 days);
        vm.prank(governance);
        staking.pause();
        staking.finalizeExit(id);
        vm.prank(alice);
        staking.withdrawStake();
        vm.prank(alice);
        staking.claimRewards();
    }

    function test_RevertWhen_FinalizeTwice() public {
        vm.prank(alice);
        staking.requestExit(id);
        skip(30 days);
        staking.finalizeExit(id);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, id));
        staking.finalizeExit(id);
    }
}
