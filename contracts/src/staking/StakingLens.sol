// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../interfaces/IContributionContract.sol";
import {IStakingLens} from "../interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";

/// @title StakingLens
/// @notice See {IStakingLens}.
/// @dev Not upgradeable, no storage: the registry is an immutable, and every value comes from the
/// registry's external views, so this contract has no way to change the registry's state.
contract StakingLens is IStakingLens {
    /// @dev 100% in basis points (APR).
    uint256 private constant BPS = 10_000;
    /// @dev Days in the APR's year.
    uint256 private constant DAYS_PER_YEAR = 365;

    /// @dev The registry's proxy, read through {registry} (one getter in the ABI).
    IStakingRegistry private immutable REGISTRY;

    /// @param registry_ The staking registry's proxy.
    constructor(IStakingRegistry registry_) {
        require(address(registry_) != address(0), ZeroRegistry());
        REGISTRY = registry_;
    }

    /// @inheritdoc IStakingLens
    function registry() external view returns (IStakingRegistry) {
        return REGISTRY;
    }

    /// @inheritdoc IStakingLens
    function node(uint64 nodeId) public view returns (NodeInfo memory info) {
        IStakingRegistry.NodeRecordView memory r = REGISTRY.nodeRecord(nodeId);
        (info.nodeId, info.status, info.operator, info.ed25519Key) =
        (nodeId, r.status, r.operator, r.ed25519Key);
        if (r.contributionContract != address(0)) {
            (, info.ed25519Key,) = IContributionContract(r.contributionContract).keys();
        }
        (info.feeBps, info.registeredAt, info.deposit) = (r.feeBps, r.registeredAt, r.deposit);
        (info.exitRequestedAt, info.earned, info.returnedStake) =
        (r.exitRequestedAt, r.earned, r.returnedStake);
        (address[] memory stakers,) = REGISTRY.stakesOf(nodeId);
        info.contributors = new IStakingRegistry.Position[](stakers.length);
        for (uint256 i; i < stakers.length; ++i) {
            info.contributors[i] = REGISTRY.position(nodeId, stakers[i]);
        }
    }

    /// @inheritdoc IStakingLens
    function nodes(uint256 offset, uint256 limit) external view returns (NodeInfo[] memory page) {
        uint256 last = REGISTRY.lastNodeId();
        if (offset >= last) return page;
        uint256 count = last - offset < limit ? last - offset : limit;
        page = new NodeInfo[](count);
        for (uint256 i; i < count; ++i) {
            page[i] = node(uint64(offset + i + 1));
        }
    }

    /// @inheritdoc IStakingLens
    function claimableRewards(uint64 nodeId, address staker) external view returns (uint256) {
        return REGISTRY.position(nodeId, staker).claimable;
    }

    /// @inheritdoc IStakingLens
    function rewardPerNodePerDay() public view returns (uint256) {
        uint256 n = REGISTRY.networkSize();
        return n == 0 ? 0 : REGISTRY.rewardPool().releasePerDay() / n;
    }

    /// @inheritdoc IStakingLens
    function aprBps() external view returns (uint256) {
        return rewardPerNodePerDay() * DAYS_PER_YEAR * BPS / REGISTRY.stakingRequirement();
    }
}
