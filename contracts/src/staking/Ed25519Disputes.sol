// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Ed25519} from "../consensus/Ed25519.sol";
import {IEd25519Disputes} from "../interfaces/IEd25519Disputes.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {StakingSlots} from "./StakingSlots.sol";

/// @title Ed25519Disputes
/// @notice See {IEd25519Disputes}.
/// @dev No storage, no owner, not upgradeable: the registry's address is an immutable. Reads the
/// registry's Ed25519 index through `extsload` ({StakingSlots}); the registry trusts the verdict
/// (`evictSquatter` accepts only the address governance set).
contract Ed25519Disputes is IEd25519Disputes {
    /// @inheritdoc IEd25519Disputes
    bytes32 public constant EVICTION_TAG = keccak256("session.staking.v1.eviction");

    IStakingRegistry internal immutable REGISTRY;

    /// @param registry_ The staking registry's proxy.
    constructor(IStakingRegistry registry_) {
        require(address(registry_) != address(0), ZeroAddress());
        REGISTRY = registry_;
    }

    /// @inheritdoc IEd25519Disputes
    function registry() external view returns (IStakingRegistry) {
        return REGISTRY;
    }

    /// @inheritdoc IEd25519Disputes
    /// @dev Checks what is cheap first (the key is the node's), then the signature (~300k).
    function evictSquatter(
        uint64 nodeId,
        bytes32 ed25519Key,
        address claimant,
        bytes calldata blsKey,
        bytes calldata signature
    ) external {
        require(claimant != address(0), ZeroAddress());
        (uint64 holder, bool registered) = StakingSlots.ed25519Holder(REGISTRY, ed25519Key);
        require(
            holder == nodeId && registered, Ed25519KeyNotHeldByNode(ed25519Key, nodeId, holder, registered)
        );
        bytes memory message = evictionMessage(nodeId, claimant);
        require(_verify(ed25519Key, message, signature), EvictionSignatureInvalid(ed25519Key, message));
        REGISTRY.evictSquatter(nodeId, blsKey, ed25519Key, claimant);
        (, uint256 reservedUntil) = StakingSlots.ed25519Reservation(REGISTRY, ed25519Key);
        emit SquatterEvicted(nodeId, ed25519Key, claimant, msg.sender, reservedUntil);
    }

    /// @inheritdoc IEd25519Disputes
    function evictionMessage(uint64 nodeId, address claimant) public view returns (bytes memory) {
        return abi.encodePacked(EVICTION_TAG, block.chainid, address(REGISTRY), nodeId, claimant);
    }

    /// @inheritdoc IEd25519Disputes
    function verifyEd25519(bytes32 publicKey, bytes calldata message, bytes calldata signature)
        external
        view
        returns (bool)
    {
        return _verify(publicKey, message, signature);
    }

    function _verify(bytes32 publicKey, bytes memory message, bytes calldata signature)
        private
        view
        returns (bool)
    {
        require(signature.length == 64, Ed25519SignatureLength(signature.length));
        return Ed25519.verify(publicKey, message, bytes32(signature[:32]), bytes32(signature[32:]));
    }
}
