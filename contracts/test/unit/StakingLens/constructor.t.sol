// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingLens} from "../../../src/staking/StakingLens.sol";
import {StakingRegistryBase} from "../StakingRegistry/StakingRegistryBase.t.sol";

/// @notice The lens is bound to one registry at deployment and holds nothing else.
contract StakingLensUnitTest_constructor is StakingRegistryBase {
    function test_ReadsTheRegistryItWasGiven() public {
        assertEq(address(lens.registry()), address(staking));
        StakingLens other = new StakingLens(IStakingRegistry(address(0xBEEF)));
        assertEq(address(other.registry()), address(0xBEEF));
    }

    function test_RevertWhen_RegistryIsZero() public {
        vm.expectRevert(IStakingLens.ZeroRegistry.selector);
        new StakingLens(IStakingRegistry(address(0)));
    }

    function test_HoldsNoStorage() public {
        _registerSolo(alice);
        vm.record();
        lens.nodes(0, 10);
        lens.rewardPerNodePerDay();
        (, bytes32[] memory writes) = vm.accesses(address(lens));
        (bytes32[] memory reads,) = vm.accesses(address(lens));
        assertEq(reads.length, 0, "immutables only");
        assertEq(writes.length, 0);
    }
}
