// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {ConsensusRegistry} from "../../../src/consensus/ConsensusRegistry.sol";
import {IConsensusRegistry} from "../../../src/interfaces/IConsensusRegistry.sol";
import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {SessionProxy} from "../../../src/utils/SessionProxy.sol";
import {StakingRegistryBase} from "../StakingRegistry/StakingRegistryBase.t.sol";
import {BLSTestSigner} from "../consensus/BLSTestSigner.sol";

/// @notice `addKey` and `removeKey`, which change the key set, answer the staking registry only
/// (not the owner, not a node); called by it, they act on the key set the registry's nodes see.
/// `verifyNetworkSignature`, a view, answers anyone.
contract ConsensusRegistryUnitTest_onlyStakingRegistry is StakingRegistryBase {
    uint256 internal sk;
    bytes internal key;
    bytes32 internal ed;
    bytes internal pop;

    function setUp() public override {
        super.setUp();
        sk = BLSTestSigner.secretKey(777);
        key = BLSTestSigner.publicKey(sk);
        ed = _ed25519(777);
        pop = _pop(sk, alice, ed);
    }

    function test_RevertWhen_AddKeyNotStakingRegistry() public {
        address[3] memory callers = [alice, governance, address(this)];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IConsensusRegistry.NotStakingRegistry.selector, callers[i])
            );
            vm.prank(callers[i]);
            consensus.addKey(1, key, alice, ed, pop);
        }
        assertEq(consensus.activeBLSKeyCount(), 0);
    }

    function test_RevertWhen_RemoveKeyNotStakingRegistry() public {
        uint64 id = _registerSolo(alice);
        vm.expectRevert(abi.encodeWithSelector(IConsensusRegistry.NotStakingRegistry.selector, governance));
        vm.prank(governance);
        consensus.removeKey(id, keyOf[id]);
        vm.expectRevert(abi.encodeWithSelector(IConsensusRegistry.NotStakingRegistry.selector, alice));
        vm.prank(alice);
        consensus.removeKey(id, keyOf[id]);
        assertEq(consensus.activeBLSKeyCount(), 1);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[id]), id);
        assertEq(consensus.aggregatePublicKey(), keyOf[id]);
    }

    /// @dev The check is a view: anyone may run it (an `eth_call` could anyway), and it answers the
    /// same to everyone, accepting the network's signature and refusing another action's.
    function test_VerifyNetworkSignatureIsCallableByAnyone() public {
        uint64 id = _registerSolo(alice);
        uint64 ts = uint64(block.timestamp);
        bytes memory sig = _sign(EXIT, id);
        address[4] memory callers = [bob, alice, governance, address(this)];
        for (uint256 i; i < callers.length; ++i) {
            vm.prank(callers[i]);
            consensus.verifyNetworkSignature(EXIT, id, ts, "", sig);
            vm.expectRevert(
                abi.encodeWithSelector(
                    INetworkConsensus.NetworkSignatureInvalid.selector, _actionMessage(LIQUIDATION, id, ts)
                )
            );
            vm.prank(callers[i]);
            consensus.verifyNetworkSignature(LIQUIDATION, id, ts, "", sig);
        }
    }

    function test_StakingRegistryAddsVerifiesAndRemoves() public {
        vm.expectEmit(address(consensus));
        emit INetworkConsensus.BLSKeyAdded(7, key);
        vm.prank(address(staking));
        consensus.addKey(7, key, alice, ed, pop);
        assertEq(consensus.nodeIdOfBLSKey(key), 7);
        assertEq(consensus.aggregatePublicKey(), key);

        bytes memory sig = BLSTestSigner.sign(sk, _actionMessage(EXIT, 7, uint64(block.timestamp)));
        vm.prank(address(staking));
        consensus.verifyNetworkSignature(EXIT, 7, uint64(block.timestamp), "", sig);

        vm.expectEmit(address(consensus));
        emit INetworkConsensus.BLSKeyRemoved(7, key);
        vm.prank(address(staking));
        consensus.removeKey(7, key);
        assertEq(consensus.activeBLSKeyCount(), 0);
        assertEq(consensus.nodeIdOfBLSKey(key), 0);
        assertEq(consensus.aggregatePublicKey(), new bytes(128));
    }

    /// @dev Even the staking registry removes a key only by naming the node that holds it.
    function test_RevertWhen_StakingRegistryRemovesAnotherNodesKey() public {
        uint64 a = _registerSolo(alice);
        uint64 b = _registerSolo(bob);
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.NotKeyOfNode.selector, a));
        vm.prank(address(staking));
        consensus.removeKey(a, keyOf[b]);
        assertEq(consensus.activeBLSKeyCount(), 2);
        assertEq(consensus.nodeIdOfBLSKey(keyOf[b]), b);
    }

    function test_RevertWhen_UnlinkedRegistryAddsKey() public {
        // A consensus registry nobody linked yet refuses every caller.
        ConsensusRegistry other = ConsensusRegistry(
            address(
                new SessionProxy(
                    address(consensusImpl), abi.encodeCall(ConsensusRegistry.initialize, (governance))
                )
            )
        );
        vm.expectRevert(
            abi.encodeWithSelector(IConsensusRegistry.NotStakingRegistry.selector, address(staking))
        );
        vm.prank(address(staking));
        other.addKey(1, key, alice, ed, pop);
    }
}
