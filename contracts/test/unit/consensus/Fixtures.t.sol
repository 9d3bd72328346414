// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {INetworkConsensus} from "../../../src/interfaces/INetworkConsensus.sol";
import {NetworkConsensusHarness} from "./NetworkConsensusHarness.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Cross-language vectors: keys, proofs of possession and network signatures made by the
/// Rust crate `session-bls` (crates/bls/tests/fixtures.rs, which also fails when this file is
/// stale), verified here by the contracts. The harness is deployed at the fixture's contract
/// address on the fixture's chain id, so the messages are the very bytes Rust signed.
contract NetworkConsensusFixtureTests is Test {
    string internal constant PATH = "contracts/test/fixtures/bls/consensus.json";

    string internal json;
    NetworkConsensusHarness internal consensus;
    uint256 internal nodeCount;
    uint256 internal signatureCount;

    function setUp() public {
        json = vm.readFile(PATH);
        vm.chainId(vm.parseJsonUint(json, ".chainId"));
        address at = vm.parseJsonAddress(json, ".contract");
        deployCodeTo("NetworkConsensusHarness.sol:NetworkConsensusHarness", at);
        consensus = NetworkConsensusHarness(at);
        while (vm.keyExistsJson(json, _node(nodeCount, ""))) ++nodeCount;
        while (vm.keyExistsJson(json, _sig(signatureCount, ""))) ++signatureCount;
    }

    function _node(uint256 i, string memory field) internal pure returns (string memory) {
        return string.concat(".nodes[", vm.toString(i), "]", field);
    }

    function _sig(uint256 i, string memory field) internal pure returns (string memory) {
        return string.concat(".networkSignatures[", vm.toString(i), "]", field);
    }

    mapping(uint64 nodeId => bytes key) internal publicKeyOf;

    function _registerAll() internal {
        for (uint256 i; i < nodeCount; ++i) {
            bytes memory key = vm.parseJsonBytes(json, _node(i, ".publicKey"));
            address operator = vm.parseJsonAddress(json, _node(i, ".operator"));
            bytes32 ed25519Key = vm.parseJsonBytes32(json, _node(i, ".ed25519Key"));
            // The contract builds the very bytes Rust signed.
            assertEq(
                consensus.proofOfPossessionMessage(key, operator, ed25519Key),
                vm.parseJsonBytes(json, _node(i, ".proofOfPossessionMessage"))
            );
            uint64 id = uint64(vm.parseJsonUint(json, _node(i, ".id")));
            publicKeyOf[id] = key;
            consensus.addKey(
                id, key, operator, ed25519Key, vm.parseJsonBytes(json, _node(i, ".proofOfPossession"))
            );
        }
    }

    function test_FixtureIsNotEmpty() public view {
        assertEq(nodeCount, 12);
        assertEq(signatureCount, 4);
        assertEq(vm.parseJsonString(json, ".dst"), "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_");
    }

    function test_ProofsOfPossessionVerify() public {
        _registerAll();
        assertEq(consensus.activeBLSKeyCount(), nodeCount);
    }

    function test_AggregateMatchesRust() public {
        _registerAll();
        assertEq(consensus.aggregatePublicKey(), vm.parseJsonBytes(json, ".aggregatePublicKey"));
    }

    struct Entry {
        bytes32 tag;
        uint64 nodeId;
        uint64 timestamp;
        bytes nonSignerKeys;
        bytes signature;
    }

    function _entry(uint256 i) internal returns (Entry memory e) {
        e.tag = vm.parseJsonBytes32(json, _sig(i, ".tag"));
        e.nodeId = uint64(vm.parseJsonUint(json, _sig(i, ".nodeId")));
        e.timestamp = uint64(vm.parseJsonUint(json, _sig(i, ".timestamp")));
        e.nonSignerKeys = vm.parseJsonBytes(json, _sig(i, ".nonSignerKeys"));
        e.signature = vm.parseJsonBytes(json, _sig(i, ".signature"));
        vm.warp(e.timestamp);
    }

    function test_NetworkSignaturesVerify() public {
        _registerAll();
        for (uint256 i; i < signatureCount; ++i) {
            Entry memory e = _entry(i);
            assertEq(
                consensus.networkActionMessage(e.tag, e.nodeId, e.timestamp),
                vm.parseJsonBytes(json, _sig(i, ".message"))
            );
            assertEq(
                e.tag,
                keccak256(
                    bytes(string.concat("session.staking.v1.", vm.parseJsonString(json, _sig(i, ".action"))))
                )
            );

            // Rust's non-signer keys are the registered keys of the listed ids, in order.
            uint256[] memory ids = vm.parseJsonUintArray(json, _sig(i, ".nonSignerIds"));
            bytes memory expected;
            for (uint256 j; j < ids.length; ++j) {
                expected = bytes.concat(expected, publicKeyOf[uint64(ids[j])]);
            }
            assertEq(e.nonSignerKeys, expected);

            consensus.verifyNetworkSignature(e.tag, e.nodeId, e.timestamp, e.nonSignerKeys, e.signature);
        }
    }

    function test_RevertWhen_FixtureSignatureReplayed() public {
        _registerAll();
        bytes32[4] memory tags = [
            keccak256("session.staking.v1.exit"),
            keccak256("session.staking.v1.liquidation"),
            keccak256("session.staking.v1.decommission"),
            keccak256("session.staking.v1.recommission")
        ];
        for (uint256 i; i < signatureCount; ++i) {
            Entry memory e = _entry(i);
            // another action
            for (uint256 t; t < tags.length; ++t) {
                if (tags[t] == e.tag) continue;
                _expectInvalid(tags[t], e.nodeId, e.timestamp);
                consensus.verifyNetworkSignature(tags[t], e.nodeId, e.timestamp, e.nonSignerKeys, e.signature);
            }
            // another registration id
            _expectInvalid(e.tag, e.nodeId + 1, e.timestamp);
            consensus.verifyNetworkSignature(e.tag, e.nodeId + 1, e.timestamp, e.nonSignerKeys, e.signature);
            // another timestamp
            _expectInvalid(e.tag, e.nodeId, e.timestamp + 1);
            consensus.verifyNetworkSignature(e.tag, e.nodeId, e.timestamp + 1, e.nonSignerKeys, e.signature);
            // another chain
            uint256 chainId = block.chainid;
            vm.chainId(chainId + 1);
            _expectInvalid(e.tag, e.nodeId, e.timestamp);
            consensus.verifyNetworkSignature(e.tag, e.nodeId, e.timestamp, e.nonSignerKeys, e.signature);
            vm.chainId(chainId);
            // a tampered signature (another fixture's)
            Entry memory next = _entry((i + 1) % signatureCount);
            vm.warp(e.timestamp);
            _expectInvalid(e.tag, e.nodeId, e.timestamp);
            consensus.verifyNetworkSignature(e.tag, e.nodeId, e.timestamp, e.nonSignerKeys, next.signature);
        }
    }

    function test_RevertWhen_FixtureSignatureReplayedOnAnotherContract() public {
        // Same chain, same keys, another address: every proof of possession is refused, so the
        // keys cannot even be registered there.
        NetworkConsensusHarness other = new NetworkConsensusHarness();
        bytes memory key = vm.parseJsonBytes(json, _node(0, ".publicKey"));
        address operator = vm.parseJsonAddress(json, _node(0, ".operator"));
        bytes32 ed25519Key = vm.parseJsonBytes32(json, _node(0, ".ed25519Key"));
        bytes memory pop = vm.parseJsonBytes(json, _node(0, ".proofOfPossession"));
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.ProofOfPossessionInvalid.selector,
                other.proofOfPossessionMessage(key, operator, ed25519Key)
            )
        );
        other.addKey(1, key, operator, ed25519Key, pop);
    }

    function test_RevertWhen_FixtureProofOfPossessionUsedForAnotherOperatorOrEd25519Key() public {
        bytes memory key = vm.parseJsonBytes(json, _node(0, ".publicKey"));
        address operator = vm.parseJsonAddress(json, _node(0, ".operator"));
        bytes32 ed25519Key = vm.parseJsonBytes32(json, _node(0, ".ed25519Key"));
        bytes memory pop = vm.parseJsonBytes(json, _node(0, ".proofOfPossession"));
        consensus.verifyProofOfPossession(key, operator, ed25519Key, pop);

        address otherOperator = vm.parseJsonAddress(json, _node(1, ".operator"));
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.ProofOfPossessionInvalid.selector,
                consensus.proofOfPossessionMessage(key, otherOperator, ed25519Key)
            )
        );
        consensus.verifyProofOfPossession(key, otherOperator, ed25519Key, pop);

        bytes32 otherEd25519 = vm.parseJsonBytes32(json, _node(1, ".ed25519Key"));
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.ProofOfPossessionInvalid.selector,
                consensus.proofOfPossessionMessage(key, operator, otherEd25519)
            )
        );
        consensus.verifyProofOfPossession(key, operator, otherEd25519, pop);
    }

    function _expectInvalid(bytes32 tag, uint64 nodeId, uint64 timestamp) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                INetworkConsensus.NetworkSignatureInvalid.selector,
                abi.encodePacked(tag, block.chainid, address(consensus), nodeId, timestamp)
            )
        );
    }
}
