// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingLensBase} from "./StakingLensBase.t.sol";

/// @notice `node` and `nodes` return, field for field, what the views served at the registry's
/// address returned before the lens, for nodes in every state and for unknown ids.
contract StakingLensUnitTest_node is StakingLensBase {
    function test_NodeEqualsTheOldViewsInEveryState() public {
        uint64 last = lens.lastNodeId();
        assertEq(last, 6, "the scenario's nodes");
        for (uint64 id = 0; id <= last + 1; ++id) {
            IStakingLens.NodeInfo memory expected = _legacyNode(id);
            assertEq(abi.encode(lens.node(id)), abi.encode(expected), "node");
        }
    }

    /// @dev The scenario reaches what the comparison must cover, so equality is not vacuous.
    function test_ScenarioCoversEveryListedState() public {
        assertEq(uint8(lens.node(solo).status), uint8(IStakingRegistry.NodeStatus.Active));
        assertEq(uint8(lens.node(decommissioned).status), uint8(IStakingRegistry.NodeStatus.Decommissioned));
        assertEq(uint8(lens.node(exited).status), uint8(IStakingRegistry.NodeStatus.Exited));
        assertEq(uint8(lens.node(liquidated).status), uint8(IStakingRegistry.NodeStatus.Liquidated));
        IStakingLens.NodeInfo memory c = lens.node(byContract);
        assertEq(c.ed25519Key, edKey, "the key of a contract-registered node, read from the contract");
        assertEq(c.contributors.length, 3);
        assertGt(c.contributors[1].rewardsPaid, 0, "a claimed position");
        IStakingLens.NodeInfo memory s = lens.node(shared);
        assertEq(s.feeBps, 700);
        assertEq(s.contributors[2].beneficiary, treasury, "a beneficiary other than the staker");
        IStakingLens.NodeInfo memory e = lens.node(exited);
        assertTrue(e.contributors[0].stakeWithdrawn, "a withdrawn stake");
        assertEq(e.contributors[0].withdrawable, 0);
        assertEq(e.contributors[1].withdrawable, REQUIREMENT / 2, "an exited stake, withdrawable");
        assertGt(lens.node(liquidated).returnedStake, 0);
        assertGt(lens.node(liquidated).contributors[0].withdrawable, 0);
        assertGt(lens.node(solo).contributors[0].claimable, 0);
    }

    function test_UnknownIdIsStatusNoneWithoutPositions() public view {
        IStakingLens.NodeInfo memory info = lens.node(99);
        assertEq(info.nodeId, 99);
        assertEq(uint8(info.status), uint8(IStakingRegistry.NodeStatus.None));
        assertEq(info.operator, address(0));
        assertEq(info.ed25519Key, bytes32(0));
        assertEq(info.deposit, 0);
        assertEq(info.contributors.length, 0);
    }

    function test_NodesPagesLikeTheOldViews() public {
        uint256[2][6] memory pages = [
            [uint256(0), 100],
            [uint256(0), 2],
            [uint256(2), 3],
            [uint256(5), 10],
            [uint256(6), 1],
            [uint256(0), 0]
        ];
        for (uint256 i; i < pages.length; ++i) {
            (uint256 offset, uint256 limit) = (pages[i][0], pages[i][1]);
            IStakingLens.NodeInfo[] memory expected = _legacyNodes(offset, limit);
            assertEq(abi.encode(lens.nodes(offset, limit)), abi.encode(expected), "page");
        }
        assertEq(lens.nodes(0, 100).length, 6);
        assertEq(lens.nodes(2, 3)[0].nodeId, 3, "ids offset + 1 ..");
        assertEq(lens.nodes(5, 10).length, 1, "bounded by lastNodeId");
        assertEq(lens.nodes(6, 1).length, 0, "empty from offset >= lastNodeId");
    }

    function testFuzz_NodesPagesLikeTheOldViews(uint256 offset, uint256 limit) public {
        offset = bound(offset, 0, 8);
        limit = bound(limit, 0, 8);
        IStakingLens.NodeInfo[] memory expected = _legacyNodes(offset, limit);
        assertEq(abi.encode(lens.nodes(offset, limit)), abi.encode(expected));
    }
}
