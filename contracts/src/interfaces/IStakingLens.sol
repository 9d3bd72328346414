// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "./IStakingRegistry.sol";

/// @title Staking lens
/// @notice The nodes and their positions as frontends list them, and the network's reward rate:
/// read-only views over the staking registry, served at their own address. The lens holds no state
/// but the registry's address and calls only the registry's external views (and, through them, the
/// reward pool and the contribution contracts): it can read nothing the registry does not expose
/// and write nothing at all. It is not upgradeable; a new lens is deployed beside the registry
/// when the listing changes, without touching the registry.
/// @dev Each answer is assembled from several calls to the registry ({IStakingRegistry-nodeRecord},
/// {IStakingRegistry-contributors}, one {IStakingRegistry-position} per contributor), all within
/// one `eth_call`, so it is consistent with one block.
interface IStakingLens {
    /// @notice A node and its positions, as frontends list them.
    /// @param nodeId The registration id.
    /// @param status Lifecycle state (None for an id never given).
    /// @param operator contributors[0].staker, bound by the proof of possession.
    /// @param ed25519Key The node's Ed25519 public key (for a node registered by a contribution
    /// contract, read from that contract).
    /// @param feeBps Operator fee in basis points.
    /// @param registeredAt Registration (deposit) time; for seeded nodes the original one.
    /// @param deposit Total stake, the staking requirement at registration.
    /// @param exitRequestedAt First exit request time, 0 if none.
    /// @param earned E: everything the node has earned (as of the last distribution).
    /// @param returnedStake What a liquidation left to the contributors (0 otherwise).
    /// @param contributors The positions ({IStakingRegistry-position}), operator first.
    struct NodeInfo {
        uint64 nodeId;
        IStakingRegistry.NodeStatus status;
        address operator;
        bytes32 ed25519Key;
        uint16 feeBps;
        uint64 registeredAt;
        uint256 deposit;
        uint64 exitRequestedAt;
        uint256 earned;
        uint256 returnedStake;
        IStakingRegistry.Position[] contributors;
    }

    /// @notice A zero registry address was given to the constructor.
    error ZeroRegistry();

    /// @notice The staking registry (its proxy) this lens reads.
    /// @return The registry.
    function registry() external view returns (IStakingRegistry);

    /// @notice Node `nodeId` with every position (status None and no positions for an id never
    /// given).
    /// @return The node.
    function node(uint64 nodeId) external view returns (NodeInfo memory);

    /// @notice Nodes with ids `offset + 1` .. `offset + limit`, bounded by the registry's
    /// `lastNodeId` (empty from `offset >= lastNodeId`), whatever their status.
    /// @return The nodes, by id.
    function nodes(uint256 offset, uint256 limit) external view returns (NodeInfo[] memory);

    /// @notice What {IStakingRegistry-claimRewards} of `staker`'s position in node `nodeId` pays now
    /// (as of the last distribution). Reverts with {IStakingRegistry-NotContributor} if `staker` has
    /// no position.
    /// @return Atomic SESH units.
    function claimableRewards(uint64 nodeId, address staker) external view returns (uint256);

    /// @notice Today's reward per earning node: the pool's daily release / N (0 when N == 0),
    /// rounded down.
    /// @return Atomic SESH units per day.
    function rewardPerNodePerDay() external view returns (uint256);

    /// @notice APR estimate of a full stake, in bps: rewardPerNodePerDay * 365 * 10_000 /
    /// stakingRequirement, rounded down.
    /// @return Basis points (10_000 = 100%).
    function aprBps() external view returns (uint256);
}
