// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IContributionContract} from "../interfaces/IContributionContract.sol";
import {IStakingLens} from "../interfaces/IStakingLens.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {StakingSlots} from "./StakingSlots.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/// @title StakingLens
/// @notice See {IStakingLens}.
/// @dev Not upgradeable, no storage: the registry is an immutable, and every value comes from the
/// registry's external views, so this contract has no way to change the registry's state.
contract StakingLens is IStakingLens {
    /// @dev 100% in basis points (APR).
    uint256 private constant BPS = 10_000;
    /// @dev {StakingLedger}'s position flags.
    uint8 private constant LOADED = 1;
    uint8 private constant STAKE_WITHDRAWN = 2;
    uint8 private constant HAS_BENEFICIARY = 4;
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
    function config() public view returns (Config memory c) {
        bytes32[] memory slots = new bytes32[](4);
        for (uint256 i; i < 3; ++i) {
            slots[i] = bytes32(uint256(StakingSlots.BASE) + i);
        }
        slots[3] = bytes32(uint256(StakingSlots.BASE) + StakingSlots.BRAKE);
        bytes32[] memory w = REGISTRY.extsload(slots);
        (uint256 w0, uint256 w1, uint256 w2, uint256 w3) =
            (uint256(w[0]), uint256(w[1]), uint256(w[2]), uint256(w[3]));
        (c.token, c.rewardPool, c.consensus) = (REGISTRY.token(), REGISTRY.rewardPool(), REGISTRY.consensus());
        // slot 0: rewardPerNode, undistributed, earningNodes, lastDistribution, accountedBalance.
        (c.rewardPerNode, c.undistributedRewards, c.networkSize) =
        (uint64(w0), uint64(w0 >> 64), uint24(w0 >> 128));
        (c.lastDistribution, c.accountedBalance) = (uint40(w0 >> 152), uint64(w0 >> 192));
        // slot 1: lastNodeId, stakingRequirement, joinBlock, joinedInBlock, started.
        (c.lastNodeId, c.stakingRequirement, c.started) =
        (uint64(w1), uint64(w1 >> 64), uint8(w1 >> 224) != 0);
        // slot 2: the liquidation ratios and the contribution factory.
        (c.liquidatorRatio, c.poolRatio, c.returnedRatio) = (uint32(w2), uint32(w2 >> 32), uint32(w2 >> 64));
        c.contributionFactory = address(uint160(w2 >> 96));
        c.maxContributors = REGISTRY.maxContributors();
        // slot 8: outflowCap, outflowWindow, outflowWindowStart, outflowUsed.
        (c.outflowCap, c.outflowWindow) = (uint64(w3), uint32(w3 >> 64));
        (c.outflowWindowStart, c.outflowUsed) = (uint40(w3 >> 96), uint64(w3 >> 136));
    }

    /// @inheritdoc IStakingLens
    function started() external view returns (bool) {
        return config().started;
    }

    /// @inheritdoc IStakingLens
    function liquidationRatios() external view returns (uint256 liquidator, uint256 pool, uint256 returned) {
        Config memory c = config();
        return (c.liquidatorRatio, c.poolRatio, c.returnedRatio);
    }

    /// @inheritdoc IStakingLens
    function lastNodeId() public view returns (uint64) {
        return config().lastNodeId;
    }

    /// @inheritdoc IStakingLens
    function contributionFactory() external view returns (address) {
        return config().contributionFactory;
    }

    /// @inheritdoc IStakingLens
    function networkSize() external view returns (uint256) {
        return config().networkSize;
    }

    /// @inheritdoc IStakingLens
    function rewardPerNode() external view returns (uint256) {
        return config().rewardPerNode;
    }

    /// @inheritdoc IStakingLens
    function undistributedRewards() external view returns (uint256) {
        return config().undistributedRewards;
    }

    /// @inheritdoc IStakingLens
    /// @dev E is `rewardPerNode - earnedBase` while the node is active, else `earnedBase`, frozen.
    function nodeRecord(uint64 nodeId) public view returns (NodeRecordView memory r) {
        bytes32[] memory slots = new bytes32[](5);
        bytes32 first = StakingSlots.node(nodeId);
        for (uint256 i; i < 4; ++i) {
            slots[i] = bytes32(uint256(first) + i);
        }
        slots[4] = StakingSlots.BASE;
        bytes32[] memory w = REGISTRY.extsload(slots);
        (uint256 w0, uint256 w1, uint256 w2) = (uint256(w[0]), uint256(w[1]), uint256(w[2]));
        // slot 0: operator, registeredAt, feeBps, status, contributorCount, byContract.
        (r.operator, r.registeredAt, r.feeBps) = (address(uint160(w0)), uint40(w0 >> 160), uint16(w0 >> 200));
        (r.status, r.contributorCount) = (StakingSlots.status(w[0]), uint8(w0 >> 224));
        if (uint8(w0 >> 232) != 0) r.contributionContract = address(uint160(uint256(w[3])));
        else r.ed25519Key = w[3];
        // slot 1: deposit, earnedBase, exitRequestedAt, lastExitRequestAt; slot 2: lastDecisionAt,
        // returnedStake.
        (r.deposit, r.exitRequestedAt, r.lastExitRequestAt) =
        (uint64(w1), uint64(w1 >> 128), uint64(w1 >> 192));
        (r.lastDecisionAt, r.returnedStake) = (uint64(w2), uint64(w2 >> 64));
        uint256 earnedBase = uint64(w1 >> 64);
        r.earned =
            r.status == IStakingRegistry.NodeStatus.Active ? uint64(uint256(w[4])) - earnedBase : earnedBase;
    }

    /// @inheritdoc IStakingLens
    /// @dev The registry's formulas, as {StakingLedger-_readPosition}, {StakingLedger-_claimable}
    /// and {StakingLedger-_stakeBack} compute what its claims and withdrawals pay (the lens tests
    /// compare both on nodes in every state): entitlement `E * w / (deposit * 10_000)` rounded down,
    /// or for the operator of an ended node E minus the others' entitlements; the stake back all of
    /// it after an exit, its part of the returned stake after a liquidation (the operator the dust).
    function position(uint64 nodeId, address staker)
        public
        view
        returns (IStakingRegistry.Position memory p)
    {
        NodeRecordView memory r = nodeRecord(nodeId);
        bytes32[] memory slots = new bytes32[](2);
        (slots[0], slots[1]) =
        (StakingSlots.position(nodeId, staker), StakingSlots.beneficiary(nodeId, staker));
        bytes32[] memory w = REGISTRY.extsload(slots);
        uint256 word = uint256(w[0]);
        uint8 flags = uint8(word >> 128);
        (p.staker, p.beneficiary, p.stake, p.rewardsPaid) = (staker, staker, uint64(word), uint64(word >> 64));
        if (flags & LOADED != 0) {
            if (flags & HAS_BENEFICIARY != 0) p.beneficiary = address(uint160(uint256(w[1])));
        } else if (r.contributionContract != address(0)) {
            (p.stake, p.beneficiary) = IContributionContract(r.contributionContract).contributorOf(staker);
        } else if (r.contributorCount == 1 && staker == r.operator) {
            p.stake = r.deposit;
        }
        require(p.stake != 0, IStakingRegistry.NotContributor(nodeId, staker));
        bool ended = r.status == IStakingRegistry.NodeStatus.Exited
            || r.status == IStakingRegistry.NodeStatus.Liquidated;
        bool operator = staker == r.operator;
        uint256 entitled;
        if (operator && ended) {
            entitled =
                r.earned - _othersShares(nodeId, r.operator, r.earned * (BPS - r.feeBps), r.deposit * BPS);
        } else {
            uint256 weight = p.stake * (BPS - r.feeBps);
            if (operator) weight += uint256(r.feeBps) * r.deposit;
            entitled = r.earned * weight / (r.deposit * BPS);
        }
        p.claimable = entitled - p.rewardsPaid;
        p.stakeWithdrawn = flags & STAKE_WITHDRAWN != 0;
        if (!ended || p.stakeWithdrawn) return p;
        if (r.status == IStakingRegistry.NodeStatus.Exited) {
            p.withdrawable = p.stake;
        } else if (!operator) {
            p.withdrawable = r.returnedStake * p.stake / r.deposit;
        } else {
            p.withdrawable = r.returnedStake - _othersShares(nodeId, r.operator, r.returnedStake, r.deposit);
        }
    }

    /// @inheritdoc IStakingLens
    /// @dev As {StakingLedger-_contributors}: a solo node's stake is its deposit; a shared node
    /// registered directly lists contributors 1.. and every stake in the positions.
    function stakesOf(uint64 nodeId) public view returns (address[] memory stakers, uint256[] memory stakes) {
        NodeRecordView memory r = nodeRecord(nodeId);
        if (r.contributionContract != address(0)) {
            return IContributionContract(r.contributionContract).stakes();
        }
        uint256 count = r.contributorCount;
        (stakers, stakes) = (new address[](count), new uint256[](count));
        if (count == 0) return (stakers, stakes);
        (stakers[0], stakes[0]) = (r.operator, r.deposit);
        if (count == 1) return (stakers, stakes);
        bytes32[] memory slots = new bytes32[](count - 1);
        for (uint256 i = 1; i < count; ++i) {
            slots[i - 1] = StakingSlots.staker(nodeId, i);
        }
        bytes32[] memory words = REGISTRY.extsload(slots);
        slots = new bytes32[](count);
        for (uint256 i; i < count; ++i) {
            if (i != 0) stakers[i] = address(uint160(uint256(words[i - 1])));
            slots[i] = StakingSlots.position(nodeId, stakers[i]);
        }
        words = REGISTRY.extsload(slots);
        for (uint256 i; i < count; ++i) {
            stakes[i] = uint64(uint256(words[i]));
        }
    }

    /// @inheritdoc IStakingLens
    function nodeIdOfEd25519(bytes32 ed25519Key) external view returns (uint64 nodeId, bool registered) {
        return StakingSlots.ed25519Holder(REGISTRY, ed25519Key);
    }

    /// @inheritdoc IStakingLens
    function ed25519Reservation(bytes32 ed25519Key) external view returns (address operator, uint256 until) {
        return StakingSlots.ed25519Reservation(REGISTRY, ed25519Key);
    }

    /// @inheritdoc IStakingLens
    function ed25519Disputes() external view returns (address) {
        bytes32[] memory slots = new bytes32[](1);
        slots[0] = bytes32(uint256(StakingSlots.BASE) + StakingSlots.DISPUTES);
        return address(uint160(uint256(REGISTRY.extsload(slots)[0])));
    }

    /// @inheritdoc IStakingLens
    /// @dev Windows start at multiples of the window length (as the registry counts them).
    function outflowAllowance() external view returns (uint256 remaining, uint256 nextWindowStart) {
        Config memory c = config();
        if (c.outflowCap == 0) return (type(uint256).max, 0);
        uint256 windowStart = block.timestamp - block.timestamp % c.outflowWindow;
        uint256 used = c.outflowWindowStart == windowStart ? c.outflowUsed : 0;
        return (c.outflowCap > used ? c.outflowCap - used : 0, windowStart + c.outflowWindow);
    }

    /// @inheritdoc IStakingLens
    function finalizeCheck(IContributionContract c)
        external
        view
        returns (bool ready, IContributionContract.FinalizeBlocker reason)
    {
        reason = _finalizeBlocker(c);
        ready = reason == IContributionContract.FinalizeBlocker.None;
    }

    /// @inheritdoc IStakingLens
    function node(uint64 nodeId) public view returns (NodeInfo memory info) {
        NodeRecordView memory r = nodeRecord(nodeId);
        (info.nodeId, info.status, info.operator, info.ed25519Key) =
        (nodeId, r.status, r.operator, r.ed25519Key);
        if (r.contributionContract != address(0)) {
            (, info.ed25519Key,) = IContributionContract(r.contributionContract).keys();
        }
        (info.feeBps, info.registeredAt, info.deposit) = (r.feeBps, r.registeredAt, r.deposit);
        (info.exitRequestedAt, info.earned, info.returnedStake) =
        (r.exitRequestedAt, r.earned, r.returnedStake);
        (address[] memory stakers,) = stakesOf(nodeId);
        info.contributors = new IStakingRegistry.Position[](stakers.length);
        for (uint256 i; i < stakers.length; ++i) {
            info.contributors[i] = position(nodeId, stakers[i]);
        }
    }

    /// @inheritdoc IStakingLens
    function nodes(uint256 offset, uint256 limit) external view returns (NodeInfo[] memory page) {
        uint256 last = lastNodeId();
        if (offset >= last) return page;
        uint256 count = last - offset < limit ? last - offset : limit;
        page = new NodeInfo[](count);
        for (uint256 i; i < count; ++i) {
            page[i] = node(uint64(offset + i + 1));
        }
    }

    /// @inheritdoc IStakingLens
    function claimableRewards(uint64 nodeId, address staker) external view returns (uint256) {
        return position(nodeId, staker).claimable;
    }

    /// @inheritdoc IStakingLens
    /// @dev The registry's formula ({StakingLedger-_claimable}) for a node that earns, at the
    /// `rewardPerNode` a distribution now would reach; a node that does not earn has nothing
    /// pending beyond what is claimable.
    function pendingRewards(uint64 nodeId, address staker) external view returns (uint256) {
        IStakingRegistry.Position memory p = position(nodeId, staker);
        NodeRecordView memory r = nodeRecord(nodeId);
        if (r.status != IStakingRegistry.NodeStatus.Active) return p.claimable;
        Config memory c = config();
        uint256 incoming = c.token.balanceOf(address(REGISTRY)) - c.accountedBalance;
        if (c.lastDistribution != block.timestamp && c.rewardPool.beneficiary() == address(REGISTRY)) {
            incoming += c.rewardPool.pendingRelease();
        }
        // An active node counts in N, so N != 0.
        uint256 earned = r.earned + (incoming + c.undistributedRewards) / c.networkSize;
        uint256 weight = p.stake * (BPS - r.feeBps);
        if (staker == r.operator) weight += r.feeBps * r.deposit;
        return earned * weight / (r.deposit * BPS) - p.rewardsPaid;
    }

    /// @inheritdoc IStakingLens
    function rewardPerNodePerDay() public view returns (uint256) {
        Config memory c = config();
        return c.networkSize == 0 ? 0 : c.rewardPool.releasePerDay() / c.networkSize;
    }

    /// @inheritdoc IStakingLens
    function aprBps() external view returns (uint256) {
        return rewardPerNodePerDay() * DAYS_PER_YEAR * BPS / REGISTRY.stakingRequirement();
    }

    /// @dev {finalizeCheck}'s reason, in the order the contract and the registry would refuse.
    function _finalizeBlocker(IContributionContract c)
        private
        view
        returns (IContributionContract.FinalizeBlocker)
    {
        if (c.status() != IContributionContract.Status.Filled) {
            return IContributionContract.FinalizeBlocker.NotFilled;
        }
        if (c.requirementDrifted()) return IContributionContract.FinalizeBlocker.RequirementDrifted;
        if (PausableUpgradeable(address(REGISTRY)).paused()) {
            return IContributionContract.FinalizeBlocker.RegistryPaused;
        }
        Config memory cfg = config();
        if (!cfg.started) return IContributionContract.FinalizeBlocker.RegistryNotStarted;
        if (cfg.contributionFactory != c.FACTORY()) {
            return IContributionContract.FinalizeBlocker.FactoryNotAccepted;
        }
        (bytes memory blsKey, bytes32 ed25519Key, bytes memory proofOfPossession) = c.keys();
        (, bool registered) = StakingSlots.ed25519Holder(REGISTRY, ed25519Key);
        if (registered) return IContributionContract.FinalizeBlocker.Ed25519KeyInUse;
        (address reservedFor, uint256 until) = StakingSlots.ed25519Reservation(REGISTRY, ed25519Key);
        if (reservedFor != c.operator() && block.timestamp < until) {
            return IContributionContract.FinalizeBlocker.Ed25519KeyReserved;
        }
        if (cfg.consensus.nodeIdOfBLSKey(blsKey) != 0) {
            return IContributionContract.FinalizeBlocker.BLSKeyInUse;
        }
        try cfg.consensus.verifyProofOfPossession(blsKey, c.operator(), ed25519Key, proofOfPossession) {
            return IContributionContract.FinalizeBlocker.None;
        } catch {
            return IContributionContract.FinalizeBlocker.ProofOfPossessionInvalid;
        }
    }

    /// @dev Sum over the contributors other than the operator of `numerator * stake_i /
    /// denominator`, each rounded down (as {StakingLedger-_othersShares}).
    function _othersShares(uint64 nodeId, address operator, uint256 numerator, uint256 denominator)
        private
        view
        returns (uint256 sum)
    {
        (address[] memory list, uint256[] memory stakes) = stakesOf(nodeId);
        for (uint256 i; i < list.length; ++i) {
            if (list[i] != operator) sum += numerator * stakes[i] / denominator;
        }
    }
}
