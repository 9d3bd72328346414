// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IStakingRegistry} from "./IStakingRegistry.sol";

/// @title Staking registry listing
/// @notice The nodes and their positions as frontends list them. Served at the registry's address
/// (its fallback runs {StakingRegistryViews} in the registry's storage), so a frontend uses both
/// ABIs against the one address.
interface IStakingRegistryViews {
    /// @notice A node by id (status None for an unknown id).
    function node(uint64 nodeId) external view returns (IStakingRegistry.NodeInfo memory);

    /// @notice Nodes with ids `offset + 1` .. `offset + limit` (bounded by `lastNodeId`), any status.
    function nodes(uint256 offset, uint256 limit) external view returns (IStakingRegistry.NodeInfo[] memory);

    /// @notice What a claim of `staker`'s position in node `nodeId` pays now.
    function claimableRewards(uint64 nodeId, address staker) external view returns (uint256);

    /// @notice What that claim would pay after a distribution now (including what the pool would
    /// release).
    function pendingRewards(uint64 nodeId, address staker) external view returns (uint256);

    /// @notice Today's reward per earning node: pool daily release / N (0 when N == 0).
    function rewardPerNodePerDay() external view returns (uint256);

    /// @notice APR estimate in bps: rewardPerNodePerDay * 365 * 10_000 / stakingRequirement.
    function aprBps() external view returns (uint256);
}
