// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {BLSTestSigner} from "./BLSTestSigner.sol";
import {NetworkConsensusHarness} from "./NetworkConsensusHarness.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Shared base of the NetworkConsensus tests: a harness, nodes with on-chain-made keys,
/// and the network signing messages that these tests build byte by byte from docs/consensus.md
/// (not through the contract's own builder).
abstract contract NetworkConsensusBase is Test {
    uint256 internal constant START_TIME = 1_750_000_000;
    bytes32 internal constant EXIT = keccak256("session.staking.v1.exit");
    bytes32 internal constant LIQUIDATION = keccak256("session.staking.v1.liquidation");
    bytes32 internal constant DECOMMISSION = keccak256("session.staking.v1.decommission");
    bytes32 internal constant RECOMMISSION = keccak256("session.staking.v1.recommission");
    bytes32 internal constant POP = keccak256("session.staking.v1.proofOfPossession");

    NetworkConsensusHarness internal consensus;

    /// @dev Secret key of node id `i` (index i), for every node registered by `_registerNodes`.
    mapping(uint64 nodeId => uint256 sk) internal secretKeyOf;
    /// @dev Public key of node id `i`, cached so building a non-signer list makes no external call
    /// (which would consume a pending `vm.expectRevert`).
    mapping(uint64 nodeId => bytes key) internal publicKeyOf;
    uint64 internal nodeCount;

    function setUp() public virtual {
        vm.warp(START_TIME);
        consensus = new NetworkConsensusHarness();
    }

    function _operator(uint64 nodeId) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("operator", nodeId)))));
    }

    function _ed25519(uint64 nodeId) internal pure returns (bytes32) {
        return keccak256(abi.encode("ed25519", nodeId));
    }

    function _popMessage(address verifier, bytes memory blsKey, address operator, bytes32 ed25519Key)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodePacked(POP, block.chainid, verifier, blsKey, operator, ed25519Key);
    }

    function _actionMessage(address verifier, bytes32 tag, uint64 nodeId, uint64 timestamp)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodePacked(tag, block.chainid, verifier, nodeId, timestamp);
    }

    function _proofOfPossession(uint256 sk, address operator, bytes32 ed25519Key)
        internal
        view
        returns (bytes memory)
    {
        return BLSTestSigner.sign(
            sk, _popMessage(address(consensus), BLSTestSigner.publicKey(sk), operator, ed25519Key)
        );
    }

    /// @dev Registers `n` more nodes with ids nodeCount + 1 .. nodeCount + n.
    function _registerNodes(uint256 n) internal {
        for (uint256 i; i < n; ++i) {
            uint64 nodeId = ++nodeCount;
            uint256 sk = BLSTestSigner.secretKey(nodeId);
            secretKeyOf[nodeId] = sk;
            publicKeyOf[nodeId] = BLSTestSigner.publicKey(sk);
            consensus.addKey(
                nodeId,
                publicKeyOf[nodeId],
                _operator(nodeId),
                _ed25519(nodeId),
                _proofOfPossession(sk, _operator(nodeId), _ed25519(nodeId))
            );
        }
    }

    /// @dev The keys of `nonSigners` concatenated, in the order given.
    function _keysOf(uint64[] memory nonSigners) internal view returns (bytes memory keys) {
        for (uint256 i; i < nonSigners.length; ++i) {
            keys = bytes.concat(keys, publicKeyOf[nonSigners[i]]);
        }
    }

    /// @dev Aggregate signature of `message` by every registered node (1..nodeCount) except
    /// `nonSigners` (and except removed nodes, whose secret keys are zeroed).
    function _networkSign(bytes memory message, uint64[] memory nonSigners)
        internal
        view
        returns (bytes memory)
    {
        uint256 aggregateSk;
        for (uint64 id = 1; id <= nodeCount; ++id) {
            bool skip;
            for (uint256 j; j < nonSigners.length; ++j) {
                if (nonSigners[j] == id) skip = true;
            }
            if (!skip) aggregateSk = addmod(aggregateSk, secretKeyOf[id], BLSTestSigner.R);
        }
        return BLSTestSigner.sign(aggregateSk, message);
    }

    function _ids() internal pure returns (uint64[] memory ids) {}

    function _ids(uint64 a) internal pure returns (uint64[] memory ids) {
        ids = new uint64[](1);
        ids[0] = a;
    }

    function _ids(uint64 a, uint64 b) internal pure returns (uint64[] memory ids) {
        ids = new uint64[](2);
        (ids[0], ids[1]) = (a, b);
    }

    function _ids(uint64 a, uint64 b, uint64 c) internal pure returns (uint64[] memory ids) {
        ids = new uint64[](3);
        (ids[0], ids[1], ids[2]) = (a, b, c);
    }
}
