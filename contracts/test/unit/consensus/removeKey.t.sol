// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {BLSTestSigner} from "./BLSTestSigner.sol";
import {NetworkConsensusBase} from "./NetworkConsensusBase.t.sol";

/// @notice `_removeKey`: the key leaves the aggregate and can no longer be named.
contract NetworkConsensusUnitTests_removeKey is NetworkConsensusBase {
    function setUp() public override {
        super.setUp();
        _registerNodes(5);
    }

    function _aggregateOfRemaining() internal view returns (bytes memory) {
        uint256 aggregateSk;
        for (uint64 id = 1; id <= nodeCount; ++id) {
            aggregateSk = addmod(aggregateSk, secretKeyOf[id], BLSTestSigner.R);
        }
        return aggregateSk == 0 ? new bytes(128) : BLSTestSigner.publicKey(aggregateSk);
    }

    function _remove(uint64 nodeId) internal {
        consensus.removeKey(nodeId, publicKeyOf[nodeId]);
        secretKeyOf[nodeId] = 0;
    }

    function test_RemovesTheKeyFromTheAggregate() public {
        bytes memory key = publicKeyOf[3];
        vm.expectEmit(address(consensus));
        emit INetworkConsensus.BLSKeyRemoved(3, key);
        _remove(3);
        assertEq(consensus.aggregatePublicKey(), _aggregateOfRemaining());
        assertEq(consensus.activeBLSKeyCount(), 4);
        assertEq(consensus.nodeIdOfBLSKey(key), 0);
    }

    function test_RemovingEveryKeyLeavesInfinity() public {
        for (uint64 id = 1; id <= 5; ++id) {
            _remove(id);
        }
        assertEq(consensus.aggregatePublicKey(), new bytes(128));
        assertEq(consensus.activeBLSKeyCount(), 0);
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_AggregateFollowsRemovals(uint8 mask) public {
        for (uint64 id = 1; id <= 5; ++id) {
            if (mask & (1 << (id - 1)) != 0) _remove(id);
        }
        assertEq(consensus.aggregatePublicKey(), _aggregateOfRemaining());
    }

    function test_RevertWhen_NodeHasNoKey() public {
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, 6));
        consensus.removeKey(6, publicKeyOf[1]);
    }

    function test_RevertWhen_KeyIsAnotherNodes() public {
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, 2));
        consensus.removeKey(2, publicKeyOf[3]);
        assertEq(consensus.aggregatePublicKey(), _aggregateOfRemaining());
    }

    function test_RevertWhen_KeyMalformed() public {
        bytes memory key = publicKeyOf[2];
        bytes memory short = new bytes(127);
        for (uint256 i; i < 127; ++i) {
            short[i] = key[i];
        }
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, 2));
        consensus.removeKey(2, short);
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, 0));
        consensus.removeKey(0, new bytes(128));
    }

    function test_RevertWhen_RemovedTwice() public {
        bytes memory key = publicKeyOf[2];
        _remove(2);
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, 2));
        consensus.removeKey(2, key);
    }
}
