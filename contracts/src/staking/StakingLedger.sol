// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IConsensusRegistry} from "../interfaces/IConsensusRegistry.sol";
import {IContributionContract} from "../interfaces/IContributionContract.sol";
import {IRewardPool} from "../interfaces/IRewardPool.sol";
import {IStakingRegistry} from "../interfaces/IStakingRegistry.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title StakingLedger
/// @notice The staking registry's storage and the amounts a position is owed: one definition of
/// the layout and of each amount, used by the registry's payouts and by its reads alike.
/// @dev Storage (ERC-7201 `session.storage.StakingRegistry`). The token, the pool and the consensus
/// registry are immutables of the code (an upgrade must pass the same ones).
abstract contract StakingLedger {
    /// @dev 100% in basis points (operator fee, APR).
    uint256 internal constant BPS = 10_000;
    /// @dev PositionRecord flags.
    uint8 internal constant LOADED = 1;
    uint8 internal constant STAKE_WITHDRAWN = 2;
    uint8 internal constant HAS_BENEFICIARY = 4;

    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IERC20 internal immutable _TOKEN;
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IRewardPool internal immutable _POOL;
    /// @custom:oz-upgrades-unsafe-allow state-variable-immutable
    IConsensusRegistry internal immutable _CONSENSUS;

    /// @dev One node: slots 0, 1 and 3 written at registration, slot 2 only by a decision or a
    /// liquidation. Amounts in uint64: the token's cap (2.4e17) is below 2^64, and so is everything a
    /// node can ever earn.
    struct NodeRecord {
        // slot 0
        address operator;
        uint40 registeredAt;
        uint16 feeBps;
        IStakingRegistry.NodeStatus status;
        uint8 contributorCount;
        /// @dev Registered by a contribution contract, which keeps the contributors (slot 3).
        bool byContract;
        // slot 1
        uint64 deposit;
        /// @dev While Active: E = rewardPerNode - earnedBase. Otherwise earnedBase holds E, frozen.
        uint64 earnedBase;
        uint64 exitRequestedAt;
        uint64 lastExitRequestAt;
        // slot 2
        uint64 lastDecisionAt;
        uint64 returnedStake;
        // slot 3: the Ed25519 key, or for a node registered by a contribution contract that
        // contract's address (the key, the contributors and their stakes are read from it, frozen
        // since it finalized), which spares such a node a fifth slot.
        bytes32 ed25519KeyOrContract;
    }

    /// @dev One contributor, one slot, keyed by staker. Written at registration for the contributors
    /// of a shared node registered directly; otherwise at the position's first change (claim,
    /// beneficiary, withdrawal), loaded from the node record (a solo operator) or from the
    /// contribution contract. `beneficiaries` holds a beneficiary other than the staker.
    struct PositionRecord {
        uint64 stake;
        uint64 rewardsPaid;
        uint8 flags;
    }

    /// @dev An Ed25519 key's slot: the latest node registered with it (the low 64 bits, all that
    /// was stored here before evictions existed, and what readers decode), and, after an eviction,
    /// the operator the key is reserved for until `reservedUntil` (zero: none).
    struct Ed25519Holder {
        uint64 nodeId;
        uint32 reservedUntil;
        address reservedFor;
    }

    /// @custom:storage-location erc7201:session.storage.StakingRegistry
    struct StakingRegistryStorage {
        // slot 0: everything a distribution reads and writes. Amounts fit in uint64 (the token's
        // cap, 2.4e17, is below 2^64); uint24 nodes and uint40 seconds are ample.
        uint64 rewardPerNode;
        uint64 undistributed;
        uint24 earningNodes;
        uint40 lastDistribution;
        uint64 accountedBalance;
        // slot 1
        uint64 lastNodeId;
        uint64 stakingRequirement;
        uint64 joinBlock;
        uint32 joinedInBlock;
        bool started;
        // slot 2
        uint32 liquidatorRatio;
        uint32 poolRatio;
        uint32 returnedRatio;
        address contributionFactory;
        mapping(uint64 nodeId => NodeRecord) nodes;
        mapping(uint64 nodeId => mapping(address staker => PositionRecord)) positions;
        mapping(bytes32 ed25519Key => Ed25519Holder) ed25519Holders;
        mapping(uint64 nodeId => mapping(address staker => address beneficiary)) beneficiaries;
        /// @dev Contributors 1.. of a shared node registered directly (the operator is 0).
        mapping(uint64 nodeId => mapping(uint256 index => address staker)) stakers;
        // slot 8 (`StakingSlots.BRAKE`), the emergency brake (appended by an upgrade: zero, i.e. off, until governance
        // sets it): at most `outflowCap` atomic units leave per `outflowWindow` seconds;
        // `outflowUsed` of them left in the window starting at `outflowWindowStart`.
        uint64 outflowCap;
        uint32 outflowWindow;
        uint40 outflowWindowStart;
        uint64 outflowUsed;
        /// @dev When the staking requirement last changed (by governance or the network): a
        /// network decision must be newer.
        uint40 requirementChangedAt;
        // slot 9 (`StakingSlots.DISPUTES`): the contract whose verdicts evict squatters (zero:
        // none), set by governance (appended by an upgrade).
        address ed25519Disputes;
    }

    // keccak256(abi.encode(uint256(keccak256("session.storage.StakingRegistry")) - 1)) & ~bytes32(uint256(0xff))
    // (equal to StakingSlots.BASE, which readers use; storageLayout.t.sol checks both)
    bytes32 private constant STORAGE_LOCATION =
        0xc3868b2c87e82a0205c939b8515f0d7afaccf54db4d65a53c1f7256705246b00;

    function _storage() internal pure returns (StakingRegistryStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }

    /// @dev E of node `n` at `rpn`: what it has earned in all (frozen unless Active).
    function _earned(NodeRecord storage n, uint256 rpn) internal view returns (uint256) {
        return n.status == IStakingRegistry.NodeStatus.Active ? rpn - n.earnedBase : n.earnedBase;
    }

    /// @dev Entitlement minus what was paid: `E * w_i / W` rounded down, or for the operator of an
    /// ended node E minus the others' entitlements (the rounding dust, now final, is the
    /// operator's). While the node earns the operator takes `E * w_0 / W` rounded down, which never
    /// exceeds its final share, so nothing is ever paid twice.
    function _claimable(
        uint64 nodeId,
        NodeRecord storage n,
        address staker,
        PositionRecord memory p,
        uint256 rpn
    ) internal view returns (uint256) {
        uint256 earned = _earned(n, rpn);
        uint256 fee = n.feeBps;
        uint256 entitled;
        bool operator = staker == n.operator;
        if (operator && _isEnded(n.status)) {
            entitled = earned - _othersShares(nodeId, n, earned * (BPS - fee), uint256(n.deposit) * BPS);
        } else {
            uint256 weight = uint256(p.stake) * (BPS - fee);
            if (operator) weight += fee * n.deposit;
            entitled = earned * weight / (uint256(n.deposit) * BPS);
        }
        return entitled - p.rewardsPaid;
    }

    /// @dev The stake `staker` gets back from ended node `n`: all of it after an exit, its part of
    /// the returned stake after a liquidation (rounded down; the operator gets the dust).
    function _stakeBack(uint64 nodeId, NodeRecord storage n, address staker, uint256 stake)
        internal
        view
        returns (uint256)
    {
        if (n.status == IStakingRegistry.NodeStatus.Exited) return stake;
        uint256 returned = n.returnedStake;
        if (staker != n.operator) return returned * stake / n.deposit;
        return returned - _othersShares(nodeId, n, returned, n.deposit);
    }

    /// @dev Sum over the contributors other than the operator of `numerator * stake_i / denominator`,
    /// each rounded down.
    function _othersShares(uint64 nodeId, NodeRecord storage n, uint256 numerator, uint256 denominator)
        internal
        view
        returns (uint256 sum)
    {
        (address[] memory list, uint256[] memory stakes) = _contributors(nodeId, n);
        address operator = n.operator;
        for (uint256 i; i < list.length; ++i) {
            if (list[i] != operator) sum += numerator * stakes[i] / denominator;
        }
    }

    /// @dev Every contributor of node `nodeId` with its stake, operator first.
    function _contributors(uint64 nodeId, NodeRecord storage n)
        internal
        view
        returns (address[] memory list, uint256[] memory stakes)
    {
        uint256 count = n.contributorCount;
        if (n.byContract) return _contract(n).stakes();
        (list, stakes) = (new address[](count), new uint256[](count));
        if (count == 0) return (list, stakes);
        StakingRegistryStorage storage $ = _storage();
        (list[0], stakes[0]) = (n.operator, count == 1 ? n.deposit : $.positions[nodeId][n.operator].stake);
        for (uint256 i = 1; i < count; ++i) {
            address staker = $.stakers[nodeId][i];
            (list[i], stakes[i]) = (staker, $.positions[nodeId][staker].stake);
        }
    }

    /// @dev `staker`'s position in node `nodeId` and its beneficiary; `stored` tells whether the
    /// slot is written yet. Reverts with {NotContributor}.
    function _readPosition(uint64 nodeId, NodeRecord storage n, address staker)
        internal
        view
        returns (PositionRecord memory p, address beneficiary, bool stored)
    {
        StakingRegistryStorage storage $ = _storage();
        p = $.positions[nodeId][staker];
        stored = p.flags & LOADED != 0;
        beneficiary = staker;
        if (stored) {
            if (p.flags & HAS_BENEFICIARY != 0) beneficiary = $.beneficiaries[nodeId][staker];
            return (p, beneficiary, true);
        }
        uint256 stake;
        if (n.byContract) {
            (stake, beneficiary) = _contract(n).contributorOf(staker);
        } else if (n.contributorCount == 1 && staker == n.operator) {
            stake = n.deposit;
        }
        require(stake != 0, IStakingRegistry.NotContributor(nodeId, staker));
        p.stake = uint64(stake);
        p.flags = beneficiary == staker ? LOADED : LOADED | HAS_BENEFICIARY;
    }

    /// @dev The contribution contract that registered node `n` (only if `n.byContract`).
    function _contract(NodeRecord storage n) internal view returns (IContributionContract) {
        return IContributionContract(address(uint160(uint256(n.ed25519KeyOrContract))));
    }

    function _registeredNode(uint64 nodeId) internal view returns (NodeRecord storage n) {
        n = _storage().nodes[nodeId];
        require(_isRegistered(n.status), IStakingRegistry.NodeNotRegistered(nodeId));
    }

    function _isRegistered(IStakingRegistry.NodeStatus status) internal pure returns (bool) {
        return
            status == IStakingRegistry.NodeStatus.Active
                || status == IStakingRegistry.NodeStatus.Decommissioned;
    }

    function _isEnded(IStakingRegistry.NodeStatus status) internal pure returns (bool) {
        return
            status == IStakingRegistry.NodeStatus.Exited || status == IStakingRegistry.NodeStatus.Liquidated;
    }

    /// @dev The registry's SESH balance.
    function _balance() internal view returns (uint256) {
        return _TOKEN.balanceOf(address(this));
    }

    /// @param token_ The SESH token.
    /// @param pool_ The reward pool (its beneficiary must be set to the registry's proxy).
    /// @param consensus_ The consensus registry's proxy.
    constructor(IERC20 token_, IRewardPool pool_, IConsensusRegistry consensus_) {
        require(
            address(token_) != address(0) && address(pool_) != address(0)
                && address(consensus_) != address(0),
            IStakingRegistry.ZeroAddress()
        );
        _TOKEN = token_;
        _POOL = pool_;
        _CONSENSUS = consensus_;
    }
}
