// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";

/// @title StakingSlots
/// @notice Where the staking registry keeps what its readers need, and how to read it through
/// {IStakingRegistry-extsload}: the one description of {StakingLedger}'s layout outside it, used by
/// {StakingLens} and the contribution contracts. The layout cannot change (an upgrade must keep
/// it, `storageLayout.t.sol` pins it), so neither can these.
library StakingSlots {
    /// @dev keccak256(abi.encode(uint256(keccak256("session.storage.StakingRegistry")) - 1)) &
    /// ~bytes32(uint256(0xff)): {StakingLedger}'s namespace.
    bytes32 internal constant BASE = 0xc3868b2c87e82a0205c939b8515f0d7afaccf54db4d65a53c1f7256705246b00;
    /// @dev Slots 0..2: the counters and parameters; 3..7 the mappings; 8 the brake; 9 the Ed25519
    /// disputes contract.
    uint256 internal constant NODES = 3;
    uint256 internal constant POSITIONS = 4;
    uint256 internal constant NODE_ID_OF_ED25519 = 5;
    uint256 internal constant BENEFICIARIES = 6;
    uint256 internal constant STAKERS = 7;
    uint256 internal constant BRAKE = 8;
    uint256 internal constant DISPUTES = 9;

    /// @notice The first of node `nodeId`'s four slots.
    function node(uint64 nodeId) internal pure returns (bytes32) {
        return keccak256(abi.encode(uint256(nodeId), uint256(BASE) + NODES));
    }

    /// @notice The slot of `staker`'s position in node `nodeId` (its stake in the low 64 bits).
    function position(uint64 nodeId, address staker_) internal pure returns (bytes32) {
        bytes32 inner = keccak256(abi.encode(uint256(nodeId), uint256(BASE) + POSITIONS));
        return keccak256(abi.encode(staker_, inner));
    }

    /// @notice The slot of the beneficiary of `staker`'s position in node `nodeId` (set only when
    /// the position's flags say so).
    function beneficiary(uint64 nodeId, address staker_) internal pure returns (bytes32) {
        bytes32 inner = keccak256(abi.encode(uint256(nodeId), uint256(BASE) + BENEFICIARIES));
        return keccak256(abi.encode(staker_, inner));
    }

    /// @notice The slot of contributor `index` (1..) of node `nodeId` registered directly.
    function staker(uint64 nodeId, uint256 index) internal pure returns (bytes32) {
        bytes32 inner = keccak256(abi.encode(uint256(nodeId), uint256(BASE) + STAKERS));
        return keccak256(abi.encode(index, inner));
    }

    /// @notice The slot of the latest node id registered with `ed25519Key` (the low 64 bits), and of
    /// its reservation after an eviction (`reservedUntil` in the next 32 bits, `reservedFor` above).
    function nodeIdOfEd25519(bytes32 ed25519Key) internal pure returns (bytes32) {
        return keccak256(abi.encode(ed25519Key, uint256(BASE) + NODE_ID_OF_ED25519));
    }

    /// @notice The status byte of a node's first slot.
    function status(bytes32 word0) internal pure returns (IStakingRegistry.NodeStatus) {
        return IStakingRegistry.NodeStatus(uint8(uint256(word0) >> 216));
    }

    /// @notice The latest node registered with `ed25519Key` (0 if none) and whether it still holds
    /// the key (active or decommissioned): two reads of `registry`.
    function ed25519Holder(IStakingRegistry registry, bytes32 ed25519Key)
        internal
        view
        returns (uint64 nodeId, bool registered)
    {
        bytes32[] memory slots = new bytes32[](1);
        slots[0] = nodeIdOfEd25519(ed25519Key);
        nodeId = uint64(uint256(registry.extsload(slots)[0]));
        if (nodeId == 0) return (0, false);
        slots[0] = node(nodeId);
        IStakingRegistry.NodeStatus s = status(registry.extsload(slots)[0]);
        registered =
            s == IStakingRegistry.NodeStatus.Active || s == IStakingRegistry.NodeStatus.Decommissioned;
    }

    /// @notice The operator an eviction reserved `ed25519Key` for, and until when (0, 0: none;
    /// a reservation in the past no longer binds).
    function ed25519Reservation(IStakingRegistry registry, bytes32 ed25519Key)
        internal
        view
        returns (address operator, uint256 until)
    {
        bytes32[] memory slots = new bytes32[](1);
        slots[0] = nodeIdOfEd25519(ed25519Key);
        uint256 word = uint256(registry.extsload(slots)[0]);
        return (address(uint160(word >> 96)), uint32(word >> 64));
    }
}
