// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingRegistryBase} from "./StakingRegistryBase.t.sol";

/// @notice The listing views answer at the registry's address through its fallback, in the
/// registry's storage; the fallback serves nothing else.
contract StakingRegistryUnitTest_viewsFallback is StakingRegistryBase {
    function test_ViewsReadTheRegistrysStorage() public {
        uint64 id = _registerSolo(alice);
        skip(1 days);
        staking.distributeRewards();
        IStakingRegistry.NodeInfo memory info = views.node(id);
        assertEq(info.operator, alice);
        assertEq(info.earned, DAY_ONE_RELEASE);
        assertEq(views.claimableRewards(id, alice), DAY_ONE_RELEASE);
        assertEq(views.nodes(0, 10).length, 1);
        assertGt(views.rewardPerNodePerDay(), 0);
    }

    function test_RevertWhen_UnknownSelector() public {
        (bool ok,) = address(staking).call(abi.encodeWithSignature("mint(address,uint256)", alice, 1));
        assertFalse(ok);
        (ok,) = address(staking).call(hex"");
        assertFalse(ok, "empty calldata");
    }

    function test_RevertWhen_SendingEther() public {
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        (bool ok,) = address(staking).call{value: 1}("");
        assertFalse(ok);
        vm.prank(alice);
        (ok,) = address(staking).call{value: 1}(abi.encodeWithSignature("aprBps()"));
        assertFalse(ok, "the fallback is not payable");
    }
}
