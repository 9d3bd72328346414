// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {BLSTestSigner} from "./BLSTestSigner.sol";
import {NetworkConsensusBase} from "./NetworkConsensusBase.t.sol";

/// @notice `_addKey`: a key enters the aggregate only with a valid proof of possession, once.
contract NetworkConsensusUnitTests_addKey is NetworkConsensusBase {
    function _add(uint64 nodeId, uint256 sk) internal {
        consensus.addKey(
            nodeId,
            BLSTestSigner.publicKey(sk),
            _operator(nodeId),
            _ed25519(nodeId),
            _proofOfPossession(sk, _operator(nodeId), _ed25519(nodeId))
        );
    }

    function test_AddsTheKeyToTheAggregate() public {
        uint256 sk1 = BLSTestSigner.secretKey(1);
        uint256 sk2 = BLSTestSigner.secretKey(2);
        bytes memory key1 = BLSTestSigner.publicKey(sk1);
        bytes memory key2 = BLSTestSigner.publicKey(sk2);
        assertEq(consensus.aggregatePublicKey(), new bytes(128));

        vm.expectEmit(address(consensus));
        emit INetworkConsensus.BLSKeyAdded(1, key1);
        _add(1, sk1);
        assertEq(consensus.aggregatePublicKey(), key1);

        _add(2, sk2);
        assertEq(consensus.aggregatePublicKey(), BLSTestSigner.addG1(key1, key2));
        assertEq(consensus.aggregatePublicKey(), BLSTestSigner.publicKey(addmod(sk1, sk2, BLSTestSigner.R)));
        assertEq(consensus.activeBLSKeyCount(), 2);
        assertEq(consensus.nodeIdOfBLSKey(key1), 1);
        assertEq(consensus.nodeIdOfBLSKey(key2), 2);
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_AggregateIsTheSumOfTheKeys(uint8 count) public {
        count = uint8(bound(count, 1, 20));
        uint256 aggregateSk;
        for (uint64 i = 1; i <= count; ++i) {
            uint256 sk = BLSTestSigner.secretKey(i * 1000 + count);
            aggregateSk = addmod(aggregateSk, sk, BLSTestSigner.R);
            _add(i, sk);
        }
        assertEq(consensus.aggregatePublicKey(), BLSTestSigner.publicKey(aggregateSk));
        assertEq(consensus.activeBLSKeyCount(), count);
    }

    function test_RevertWhen_NodeIdZero() public {
        uint256 sk = BLSTestSigner.secretKey(1);
        bytes memory key = BLSTestSigner.publicKey(sk);
        bytes memory pop = _proofOfPossession(sk, _operator(0), _ed25519(0));
        vm.expectRevert(INetworkConsensus.NodeIdZero.selector);
        consensus.addKey(0, key, _operator(0), _ed25519(0), pop);
    }

    function test_RevertWhen_KeyAlreadyRegistered() public {
        uint256 sk = BLSTestSigner.secretKey(1);
        _add(1, sk);
        bytes memory key = BLSTestSigner.publicKey(sk);
        bytes memory pop = _proofOfPossession(sk, _operator(2), _ed25519(2));
        vm.expectRevert(abi.encodeWithSelector(INetworkConsensus.BLSKeyAlreadyRegistered.selector, 1));
        consensus.addKey(2, key, _operator(2), _ed25519(2), pop);
    }

    function test_KeyRegistersAgainUnderANewIdAfterRemoval() public {
        uint256 sk = BLSTestSigner.secretKey(1);
        _add(1, sk);
        consensus.removeKey(1, BLSTestSigner.publicKey(sk));
        _add(2, sk);
        assertEq(consensus.nodeIdOfBLSKey(BLSTestSigner.publicKey(sk)), 2);
        assertEq(consensus.activeBLSKeyCount(), 1);
    }

    function test_RevertWhen_ProofOfPossessionInvalid() public {
        uint256 sk = BLSTestSigner.secretKey(1);
        bytes memory key = BLSTestSigner.publicKey(sk);
        bytes memory pop = _proofOfPossession(sk, _operator(2), _ed25519(1)); // made for another operator
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.ProofOfPossessionInvalid.selector,
                _popMessage(address(consensus), key, _operator(1), _ed25519(1))
            )
        );
        consensus.addKey(1, key, _operator(1), _ed25519(1), pop);
    }
}
