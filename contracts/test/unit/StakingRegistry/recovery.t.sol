// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice More than a third of the keys offline for good: the contract caps non-signers at a
/// third, so the network can sign nothing, not even the liquidation of the dead nodes. The way
/// back: governance asks the dead nodes to leave (`requestExitByGovernance`), anyone finalizes
/// them 30 days later with the whole stake returned, and the live nodes are two thirds again.
contract StakingRegistryUnitTest_recovery is StakingRegistryBase {
    uint64[] internal live;
    uint64[] internal dead;

    function setUp() public override {
        super.setUp();
        for (uint256 i; i < 6; ++i) {
            uint64 id = _registerSolo(makeAddr(string.concat("operator", vm.toString(i))));
            if (i < 3) live.push(id);
            else dead.push(id);
        }
        skip(2 hours);
    }

    function test_DeadThirdIsRemovedByGovernanceExitsAndTheNetworkSignsAgain() public {
        // Three of six cannot sign: a liquidation of one of them carries three non-signers, the
        // cap is 6 / 3 = 2.
        bytes memory sig = _networkSign(LIQUIDATION, dead[0], uint64(block.timestamp), dead);
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.TooManyNonSigners.selector, 3, 2));
        staking.liquidate(dead[0], keyOf[dead[0]], uint64(block.timestamp), _keysOf(dead), sig);

        for (uint256 i; i < dead.length; ++i) {
            vm.prank(governance);
            staking.requestExitByGovernance(dead[i]);
        }
        skip(30 days);
        for (uint256 i; i < dead.length; ++i) {
            vm.prank(carol); // anyone
            _finalizeExit(dead[i]);
            assertEq(uint8(lens.nodeRecord(dead[i]).status), uint8(IStakingRegistry.NodeStatus.Exited));
            address operator = lens.nodeRecord(dead[i]).operator;
            uint256 before = token.balanceOf(operator);
            vm.prank(operator);
            staking.withdrawStake(dead[i]);
            assertEq(token.balanceOf(operator) - before, REQUIREMENT, "the whole stake, no penalty");
        }
        assertEq(lens.networkSize(), 3);

        // The live three sign alone again.
        bytes memory exit = _networkSign(EXIT, live[0], uint64(block.timestamp), new uint64[](0));
        staking.exitBySignature(live[0], keyOf[live[0]], uint64(block.timestamp), "", exit);
        assertEq(uint8(lens.nodeRecord(live[0]).status), uint8(IStakingRegistry.NodeStatus.Exited));
    }

    function test_RevertWhen_NotGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, carol));
        vm.prank(carol);
        staking.requestExitByGovernance(dead[0]);
        assertEq(lens.nodeRecord(dead[0]).exitRequestedAt, 0);
    }

    function test_RevertWhen_ExitAlreadyRequested() public {
        vm.prank(governance);
        staking.requestExitByGovernance(dead[0]);
        uint256 unlock = block.timestamp + 30 days;
        skip(1 days);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingRegistry.ExitAlreadyRequested.selector, dead[0], unlock)
        );
        vm.prank(governance);
        staking.requestExitByGovernance(dead[0]);
        assertEq(lens.nodeRecord(dead[0]).exitRequestedAt, unlock - 30 days, "the first request stands");
    }

    function test_RevertWhen_NodeNotRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.NodeNotRegistered.selector, 99));
        vm.prank(governance);
        staking.requestExitByGovernance(99);
    }

    function test_NotFinalizableBeforeThirtyDays() public {
        vm.prank(governance);
        staking.requestExitByGovernance(dead[0]);
        uint256 unlock = block.timestamp + 30 days;
        skip(30 days - 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingRegistry.ExitNotUnlocked.selector, dead[0], unlock));
        staking.finalizeExit(dead[0], keyOf[dead[0]]);
        assertEq(uint8(lens.nodeRecord(dead[0]).status), uint8(IStakingRegistry.NodeStatus.Active));
    }
}
