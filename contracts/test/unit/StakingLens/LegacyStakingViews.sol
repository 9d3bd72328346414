// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IConsensusRegistry} from "../../../src/interfaces/IConsensusRegistry.sol";
import {IRewardPool} from "../../../src/interfaces/IRewardPool.sol";
import {IStakingLens} from "../../../src/interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../../../src/interfaces/IStakingRegistry.sol";
import {StakingLedger} from "../../../src/staking/StakingLedger.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The listing views as the registry served them before the lens (`StakingRegistryViews`
/// as of commit 9aaaddc, which ran in the registry's storage), kept as the reference the lens must
/// match. A test points the registry's proxy at this code for a moment (its implementation slot)
/// and reads the same state both ways.
contract LegacyStakingViews is StakingLedger {
    constructor(IERC20 token_, IRewardPool pool_, IConsensusRegistry consensus_)
        StakingLedger(token_, pool_, consensus_)
    {}

    function node(uint64 nodeId) public view returns (IStakingLens.NodeInfo memory info) {
        StakingRegistryStorage storage $ = _storage();
        NodeRecord storage n = $.nodes[nodeId];
        info.nodeId = nodeId;
        info.status = n.status;
        info.operator = n.operator;
        info.ed25519Key = n.ed25519KeyOrContract;
        if (n.byContract) (, info.ed25519Key,) = _contract(n).keys();
        info.feeBps = n.feeBps;
        info.registeredAt = n.registeredAt;
        info.deposit = n.deposit;
        info.exitRequestedAt = n.exitRequestedAt;
        info.returnedStake = n.returnedStake;
        uint256 rpn = $.rewardPerNode;
        info.earned = _earned(n, rpn);
        (address[] memory list,) = _contributors(nodeId, n);
        info.contributors = new IStakingRegistry.Position[](list.length);
        for (uint256 i; i < list.length; ++i) {
            (PositionRecord memory p, address beneficiary,) = _readPosition(nodeId, n, list[i]);
            bool withdrawn = p.flags & STAKE_WITHDRAWN != 0;
            info.contributors[i] = IStakingRegistry.Position({
                staker: list[i],
                beneficiary: beneficiary,
                stake: p.stake,
                rewardsPaid: p.rewardsPaid,
                claimable: _claimable(nodeId, n, list[i], p, rpn),
                stakeWithdrawn: withdrawn,
                withdrawable: _isEnded(n.status) && !withdrawn ? _stakeBack(nodeId, n, list[i], p.stake) : 0
            });
        }
    }

    function nodes(uint256 offset, uint256 limit)
        external
        view
        returns (IStakingLens.NodeInfo[] memory page)
    {
        uint256 last = _storage().lastNodeId;
        if (offset >= last) return page;
        uint256 count = last - offset < limit ? last - offset : limit;
        page = new IStakingLens.NodeInfo[](count);
        for (uint256 i; i < count; ++i) {
            page[i] = node(uint64(offset + i + 1));
        }
    }

    function claimableRewards(uint64 nodeId, address staker) external view returns (uint256) {
        NodeRecord storage n = _storage().nodes[nodeId];
        (PositionRecord memory p,,) = _readPosition(nodeId, n, staker);
        return _claimable(nodeId, n, staker, p, _storage().rewardPerNode);
    }

    function pendingRewards(uint64 nodeId, address staker) external view returns (uint256) {
        NodeRecord storage n = _storage().nodes[nodeId];
        (PositionRecord memory p,,) = _readPosition(nodeId, n, staker);
        return _claimable(nodeId, n, staker, p, _currentRewardPerNode());
    }

    /// @dev The registry's `_currentRewardPerNode` before the lens took the pending view.
    function _currentRewardPerNode() internal view returns (uint256 rpn) {
        StakingRegistryStorage storage $ = _storage();
        rpn = $.rewardPerNode;
        uint256 n = $.earningNodes;
        if (n == 0) return rpn;
        uint256 incoming = _balance() - $.accountedBalance;
        if ($.lastDistribution != block.timestamp && _POOL.beneficiary() == address(this)) {
            incoming += _POOL.pendingRelease();
        }
        rpn += (incoming + $.undistributed) / n;
    }

    function rewardPerNodePerDay() public view returns (uint256) {
        uint256 n = _storage().earningNodes;
        return n == 0 ? 0 : _POOL.releasePerDay() / n;
    }

    function aprBps() external view returns (uint256) {
        return rewardPerNodePerDay() * 365 * BPS / _storage().stakingRequirement;
    }
}
