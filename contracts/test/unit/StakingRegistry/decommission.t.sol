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
        emit IStakingRegistry.NodeDecommissioned(a, uint64(block.timestamp));
        _decommission(a);
        assertEq(uint8(staking.node(a).status), uint8(IStakingRegistry.NodeStatus.Decommissioned));
        assertEq(staking.networkSize(), 1);
        uint256 day2 = _poolRelease(1 days);
        skip(1 days);
        vm.prank(alice);
        assertEq(staking.claimRewards(), day1 / 2, "only the day before decommission");
        vm.prank(bob);
        assertEq(staking.claimRewards(), day1 / 2 + day2 + day1 % 2, "bob earns alone (and the carried unit)");

        _recommission(a);
        uint256 day3 = _poolRelease(1 days);
        skip(1 days);
        vm.prank(alice);
        assertEq(staking.claimRewards(), day3 / 2, "earns again from the recommission");
    }

    function test_RevertWhen_DecommissionReplayed() public {
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

    function test_RevertWhen_Paused() public {
        vm.prank(governance);
        staking.pause();
        bytes memory sig = _sign(DECOMMISSION, a);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        staking.decommission(a, uint64(block.timestamp), "", sig);
    }

    function test_DecommissionedNodeCanExitAndBeLiquidated() public {
        _decommission(a);
        _decommission(b);
        assertEq(staking.networkSize(), 0);
        skip(1 days);
        staking.distributeRewards();
        assertEq(staking.undistributedRewards(), DAY_ONE_RELEASE, "N == 0: carried");
        _liquidate(b);
        skip(2 hours);
        _exitBySignature(a);
        assertEq(consensus.activeBLSKeyCount(), 0);
        assertEq(staking.withdrawableStake(alice), REQUIREMENT);
    }
}
