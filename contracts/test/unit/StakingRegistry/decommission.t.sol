// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @notice `decommission` / `recommission`: a decommissioned node earns nothing and leaves N; its
/// key stays in the aggregate; a decision is never applied twice.
contract StakingRegistryUnitTest_decommission is StakingRegistryBase {
    uint64 internal a;
    uint64 internal b;

    function setUp() public override {
        super.setUp();
        a = _registerSolo(alice);
        b = _registerSolo(bob);
    }

    function test_DecommissionedNodeEarnsNothing() public {
        skip(1 days);
        uint256 day1 = DAY_ONE_RELEASE;
        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeDecommissioned(a, uint64(block.timestamp), day1 / 2);
        _decommission(a);
        assertEq(uint8(lens.node(a).status), uint8(IStakingRegistry.NodeStatus.Decommissioned));
        assertEq(lens.networkSize(), 1);
        uint256 day2 = _poolRelease(1 days);
        skip(1 days);
        assertEq(lens.pendingRewards(a, _staker(a, 0)), day1 / 2, "the pool's payout is not for it");
        staking.distributeRewards();
        assertEq(lens.node(a).earned, day1 / 2, "frozen");
        vm.prank(alice);
        assertEq(staking.claimRewards(a, _staker(a, 0)), day1 / 2, "only the day before decommission");
        vm.prank(bob);
        assertEq(
            staking.claimRewards(b, _staker(b, 0)),
            day1 / 2 + day2 + day1 % 2,
            "bob earns alone (and the carried unit)"
        );

        vm.expectEmit(address(staking));
        emit IStakingRegistry.NodeRecommissioned(a, uint64(block.timestamp));
        _recommission(a);
        assertEq(lens.node(a).earned, day1 / 2, "continues from the frozen value");
        uint256 day3 = _poolRelease(1 days);
        skip(1 days);
        staking.distributeRewards();
        assertEq(lens.node(a).earned, day1 / 2 + day3 / 2);
        vm.prank(alice);
        assertEq(staking.claimRewards(a, _staker(a, 0)), day3 / 2, "earns again from the recommission");
    }

    /// @dev Earnings are kept through a decommission: unclaimed, they stay claimable while it is
    /// decommissioned, after a recommission, and after the node ended (the dust to the operator).
    function test_DecommissionedNodeKeepsItsEarnings() public {
        _detachPool();
        uint64 shared = _register(carol, _pair(carol, QUARTER + 1, treasury), 777);
        skip(1);
        _donate(3_000_001);
        staking.distributeRewards();
        uint256 earned = lens.node(shared).earned;
        assertEq(earned, 1_000_000, "3 nodes, one unit carried");
        _decommission(shared);
        skip(1);
        _donate(5_000_000);
        staking.distributeRewards();
        assertEq(lens.node(shared).earned, earned);
        uint256 op = _entitlement(shared, 0, earned, false);
        uint256 other = _entitlement(shared, 1, earned, false);
        assertEq(lens.claimableRewards(shared, _staker(shared, 0)), op);
        assertEq(lens.claimableRewards(shared, _staker(shared, 1)), other);
        vm.prank(treasury);
        assertEq(staking.claimRewards(shared, _staker(shared, 1)), other);
        skip(1);
        _recommission(shared);
        assertEq(lens.claimableRewards(shared, _staker(shared, 0)), op);
        assertEq(lens.claimableRewards(shared, _staker(shared, 1)), 0);
        skip(1);
        _decommission(shared);
        assertEq(lens.node(shared).earned, earned, "nothing arrived while it was back");
        skip(2 hours);
        _exitBySignature(shared);
        assertEq(lens.node(shared).earned, earned);
        vm.prank(carol);
        assertEq(staking.claimRewards(shared, _staker(shared, 0)), earned - other, "with the dust");
    }

    function test_RevertWhen_DecommissionReplayed() public {
        skip(2 hours);
        bytes memory decommissionSig = _sign(DECOMMISSION, a);
        uint64 ts = uint64(block.timestamp);
        staking.decommission(a, ts, "", decommissionSig);
        skip(1);
        _recommission(a);
        // the first decommission signature, still fresh, must not apply again
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.StaleNetworkDecision.selector, a, ts, ts + 1));
        staking.decommission(a, ts, "", decommissionSig);
    }

    function test_RevertWhen_DecommissionTwice() public {
        _decommission(a);
        skip(1);
        bytes memory sig = _sign(DECOMMISSION, a);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.UnexpectedNodeStatus.selector, a, IStakingRegistry.NodeStatus.Decommissioned
            )
        );
        staking.decommission(a, uint64(block.timestamp), "", sig);
    }

    function test_RevertWhen_NodeUnknown() public {
        bytes memory sig = _sign(DECOMMISSION, 9);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.UnexpectedNodeStatus.selector, 9, IStakingRegistry.NodeStatus.None
            )
        );
        staking.decommission(9, uint64(block.timestamp), "", sig);
    }

    function test_RevertWhen_RecommissionActive() public {
        bytes memory sig = _sign(RECOMMISSION, a);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.UnexpectedNodeStatus.selector, a, IStakingRegistry.NodeStatus.Active
            )
        );
        staking.recommission(a, uint64(block.timestamp), "", sig);
    }

    /// @dev L-2: a node younger than 2 h cannot be decommissioned; at 2 h it can.
    function test_RevertWhen_NodeYoungerThanTwoHours() public {
        uint64 c = _registerSolo(treasury);
        uint256 at = block.timestamp + 2 hours;
        skip(2 hours - 1);
        bytes memory sig = _sign(DECOMMISSION, c);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeTooYoung.selector, c, at));
        staking.decommission(c, uint64(block.timestamp), "", sig);
        assertEq(uint8(lens.nodeRecord(c).status), uint8(IStakingRegistry.NodeStatus.Active));
    }

    function test_DecommissionAtTwoHours() public {
        uint64 c = _registerSolo(treasury);
        skip(2 hours);
        uint256 size = lens.networkSize();
        bytes memory sig = _sign(DECOMMISSION, c);
        staking.decommission(c, uint64(block.timestamp), "", sig);
        assertEq(uint8(lens.nodeRecord(c).status), uint8(IStakingRegistry.NodeStatus.Decommissioned));
        assertEq(lens.networkSize(), size - 1, "out of N");
        assertEq(lens.nodeRecord(c).lastDecisionAt, block.timestamp);
    }

    function test_RevertWhen_Paused() public {
        vm.prank(governance);
        staking.pause();
        bytes memory sig = _sign(DECOMMISSION, a);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        staking.decommission(a, uint64(block.timestamp), "", sig);
        vm.prank(governance);
        staking.unpause();
        _decommission(a);
        vm.prank(governance);
        staking.pause();
        skip(1);
        sig = _sign(RECOMMISSION, a);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        staking.recommission(a, uint64(block.timestamp), "", sig);
    }

    function test_RevertWhen_RecommissionEnded() public {
        skip(2 hours);
        _exitBySignature(a);
        bytes memory sig = _sign(RECOMMISSION, a);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingRegistry.UnexpectedNodeStatus.selector, a, IStakingRegistry.NodeStatus.Exited
            )
        );
        staking.recommission(a, uint64(block.timestamp), "", sig);
    }

    function test_DecommissionedNodeCanExitAndBeLiquidated() public {
        _decommission(a);
        _decommission(b);
        assertEq(lens.networkSize(), 0);
        skip(1 days);
        staking.distributeRewards();
        assertEq(lens.undistributedRewards(), 0, "N == 0: back to the pool, nothing carried");
        _liquidate(b);
        skip(2 hours);
        _exitBySignature(a);
        assertEq(consensus.activeBLSKeyCount(), 0);
        vm.prank(alice);
        assertEq(staking.withdrawStake(a), REQUIREMENT);
        vm.prank(bob);
        assertEq(staking.withdrawStake(b), REQUIREMENT * 9980 / 10_000);
    }
}
