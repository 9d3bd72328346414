// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {NetworkConsensus} from "../../../src/consensus/NetworkConsensus.sol";

/// @notice Exposes the internal functions of {NetworkConsensus} as external ones, the way the
/// staking registry will call them, so tests can drive and gas-measure them.
contract NetworkConsensusHarness is NetworkConsensus {
    constructor() initializer {
        __NetworkConsensus_init();
    }

    function addKey(
        uint64 nodeId,
        bytes calldata blsKey,
        address operator,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession
    ) external {
        _addKey(nodeId, blsKey, operator, ed25519Key, proofOfPossession);
    }

    function removeKey(uint64 nodeId, bytes calldata blsKey) external {
        _removeKey(nodeId, blsKey);
    }

    function verifyProofOfPossession(
        bytes calldata blsKey,
        address operator,
        bytes32 ed25519Key,
        bytes calldata proofOfPossession
    ) external view {
        _verifyProofOfPossession(blsKey, operator, ed25519Key, proofOfPossession);
    }

    function verifyNetworkSignature(
        bytes32 actionTag,
        uint64 nodeId,
        uint64 timestamp,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external view {
        _verifyNetworkSignature(actionTag, nodeId, timestamp, nonSignerKeys, signature);
    }

    function verifyAggregateSignature(
        bytes calldata message,
        bytes calldata nonSignerKeys,
        bytes calldata signature
    ) external view {
        _verifyAggregateSignature(message, nonSignerKeys, signature);
    }

    function setNonSignerCap(uint64 newCap) external {
        _setNonSignerCap(newCap);
    }

    function setSignatureExpiry(uint64 newExpiry) external {
        _setSignatureExpiry(newExpiry);
    }

    function setMaxFutureSkew(uint64 newSkew) external {
        _setMaxFutureSkew(newSkew);
    }
}
